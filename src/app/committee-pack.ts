// The committee pack (phases 4 and 5 of the convention): for each project, what the strategic committee reads before
// deciding which projects go on to incubation — who carries it, and over the whole pre-incubation so far, each
// intrapreneur's weeks, released days, exemptions, alerts, coaching points and the coach's sessions. Coaches' notes
// stay out unless an owner asks for them.
import { ALERT_RULES, type AlertRule, alertRule } from '../core/alerts.ts';
import { addDays, type LocalDate, localDateOf } from '../core/calendar.ts';
import type { CoachingStatus, ReleaseStatus } from '../core/compliance.ts';
import { AppError } from '../core/errors.ts';
import { findPerson, minimumDays, type Project, type ProjectStatus } from '../core/programme.ts';
import { compareWeeks, type WeekId, weekStart } from '../core/week.ts';
import type { AppContext } from './context.ts';
import { complianceReport, defaultRange, type ReportRow } from './report.ts';

export interface PackOptions {
  /** A project's id or name; every project when absent. */
  project?: string;
  /** Coaches' notes are personal words: only when an owner asks for them. */
  withNotes: boolean;
}

export interface PackWeek {
  week: WeekId;
  release: ReleaseStatus;
  releasedDays: number | null;
  leave: boolean;
  /** Asked, not answered, and the week not evaluated yet: the answer may still come. */
  pending: boolean;
  coaching: CoachingStatus;
  coachingAnswered: boolean | null;
  coachingLogged: boolean;
  alerts: AlertRule[];
}

export interface PackSession {
  date: LocalDate;
  durationMinutes?: number;
  /** Who logged it (the coach, or an owner). */
  loggedBy: string;
  loggedByName: string;
  /** Only in a pack made with the notes. */
  notes?: string;
}

export interface PackFigures {
  /** Weeks whose check-in prompt was sent. */
  asked: number;
  answered: number;
  /** Weeks exempt: the intrapreneur on leave, or the programme closed. */
  exemptLeave: number;
  exemptClosed: number;
  /** Released days declared over the weeks that count (answered, not exempt). */
  releasedDays: number;
  honoured: number;
  missed: number;
  /** Asked, and no answer once the week was evaluated. */
  noAnswer: number;
  coachingHeld: number;
  /** Of the coaching points held: what the intrapreneur answered, what the coach logged. */
  coachingAnswered: number;
  coachingLogged: number;
  coachingMissed: number;
  alerts: number;
  sessions: number;
  sessionMinutes: number;
}

export interface PackIntrapreneur {
  person: string;
  name: string;
  manager: string;
  managerName: string;
  /** The released days a week this intrapreneur must have. */
  minimumDays: number;
  /**
   * Their own minimum (part-time, individual arrangement) rather than the convention's. Its reason is for the owners
   * (the dashboard shows it), not for the committee: the pack says only that there is one.
   */
  individualMinimum: boolean;
  weeks: PackWeek[];
  figures: PackFigures;
  /** The alerts raised, oldest first. */
  alerts: { week: WeekId; rule: AlertRule }[];
  sessions: PackSession[];
}

export interface PackProject {
  id: string;
  name: string;
  problem?: string;
  status: ProjectStatus;
  decidedOn?: LocalDate;
  coach: string;
  coachName: string;
  intrapreneurs: PackIntrapreneur[];
}

export interface CommitteePack {
  programme: { name: string; organisation: string; daysPerWeek: number };
  /** The day the pack was made, in the programme's time zone. */
  madeOn: LocalDate;
  /** The weeks followed so far; empty before the check-in window opens. */
  from: WeekId;
  to: WeekId;
  weeks: WeekId[];
  withNotes: boolean;
  projects: PackProject[];
}

/** The project an owner named, by id or (whatever the case) by name. */
export function findProject(projects: readonly Project[], named: string): Project | undefined {
  const wanted = named.trim();
  return projects.find((p) => p.id === wanted || p.name.toLowerCase() === wanted.toLowerCase());
}

export async function committeePack(ctx: AppContext, options: PackOptions): Promise<CommitteePack> {
  const { programme } = ctx;
  let projects = programme.projects;
  if (options.project !== undefined) {
    const project = findProject(projects, options.project);
    if (!project) throw new AppError('unknown_project', { project: options.project });
    projects = [project];
  }
  const range = defaultRange(ctx);
  const started = compareWeeks(range.from, range.to) <= 0;
  const report = started ? await complianceReport(ctx, range) : { ...range, weeks: [], rows: [] };
  const evaluated = new Set<WeekId>();
  for (const week of report.weeks) if (await ctx.store.isEvaluated(week)) evaluated.add(week);
  const facts = started ? await ctx.store.weekFacts(range) : undefined;
  const alerts = started ? await ctx.store.listAlerts({ range }) : [];
  const firstDay = weekStart(range.from);
  const lastDay = addDays(weekStart(range.to), 6);
  const name = (id: string) => findPerson(programme, id)?.name ?? id;

  const intrapreneur = async (
    project: Project,
    i: Project['intrapreneurs'][number],
  ): Promise<PackIntrapreneur> => {
    const raised = alerts
      .filter((a) => a.intrapreneur === i.person)
      .map((a) => ({ week: a.week, rule: alertRule(a) }))
      .sort(
        (a, b) => compareWeeks(a.week, b.week) || ALERT_RULES.indexOf(a.rule) - ALERT_RULES.indexOf(b.rule),
      );
    const rows = report.rows.filter((r) => r.intrapreneur === i.person && r.project === project.id);
    const weeks = rows.map((row) => ({
      ...packWeek(row, evaluated),
      alerts: raised.filter((a) => a.week === row.week).map((a) => a.rule),
    }));
    const sessions = started
      ? (await ctx.store.listCoachingSessions({ intrapreneur: i.person, from: firstDay, to: lastDay }))
          .sort((a, b) => a.date.localeCompare(b.date))
          .map(
            (s): PackSession => ({
              date: s.date,
              ...(s.durationMinutes === undefined ? {} : { durationMinutes: s.durationMinutes }),
              loggedBy: s.loggedBy,
              loggedByName: name(s.loggedBy),
              ...(options.withNotes && s.notes ? { notes: s.notes } : {}),
            }),
          )
      : [];
    return {
      person: i.person,
      name: name(i.person),
      manager: i.manager,
      managerName: name(i.manager),
      minimumDays: minimumDays(programme, i),
      individualMinimum: i.daysPerWeek !== undefined,
      weeks,
      figures: {
        asked: report.weeks.filter((w) => facts?.asked(i.person, w)).length,
        answered: report.weeks.filter((w) => facts?.answered(i.person, w)).length,
        exemptLeave: weeks.filter((w) => w.release === 'exempt' && w.leave).length,
        exemptClosed: weeks.filter((w) => w.release === 'exempt' && !w.leave).length,
        releasedDays: weeks
          .filter((w) => w.release === 'honoured' || w.release === 'missed')
          .reduce((sum, w) => sum + (w.releasedDays ?? 0), 0),
        honoured: weeks.filter((w) => w.release === 'honoured').length,
        missed: weeks.filter((w) => w.release === 'missed').length,
        noAnswer: weeks.filter((w) => w.release === 'unknown' && !w.pending).length,
        coachingHeld: weeks.filter((w) => w.coaching === 'held').length,
        coachingAnswered: weeks.filter((w) => w.coaching === 'held' && w.coachingAnswered === true).length,
        coachingLogged: weeks.filter((w) => w.coachingLogged).length,
        coachingMissed: weeks.filter((w) => w.coaching === 'missed').length,
        alerts: raised.length,
        sessions: sessions.length,
        sessionMinutes: sessions.reduce((sum, s) => sum + (s.durationMinutes ?? 0), 0),
      },
      alerts: raised,
      sessions,
    };
  };

  const packProjects: PackProject[] = [];
  for (const project of projects) {
    const intrapreneurs: PackIntrapreneur[] = [];
    for (const i of project.intrapreneurs) intrapreneurs.push(await intrapreneur(project, i));
    packProjects.push({
      id: project.id,
      name: project.name,
      ...(project.problem ? { problem: project.problem } : {}),
      status: project.status,
      ...(project.decidedOn ? { decidedOn: project.decidedOn } : {}),
      coach: project.coach,
      coachName: name(project.coach),
      intrapreneurs,
    });
  }

  return {
    programme: {
      name: programme.name,
      organisation: programme.organisation,
      daysPerWeek: programme.daysPerWeek,
    },
    madeOn: localDateOf(ctx.clock.now(), programme.timezone),
    from: range.from,
    to: range.to,
    weeks: report.weeks,
    withNotes: options.withNotes,
    projects: packProjects,
  };
}

function packWeek(row: ReportRow, evaluated: ReadonlySet<WeekId>): Omit<PackWeek, 'alerts'> {
  return {
    week: row.week,
    release: row.release,
    releasedDays: row.releasedDays,
    leave: row.leave,
    pending: row.release === 'unknown' && !evaluated.has(row.week),
    coaching: row.coaching,
    coachingAnswered: row.coachingAnswered,
    coachingLogged: row.coachingLogged,
  };
}
