// The compliance table: every intrapreneur, every week of a range, what was declared and what was raised.
import type { AlertKind } from '../core/alerts.ts';
import { type CoachingStatus, FactIndex, type ReleaseStatus } from '../core/compliance.ts';
import { AppError } from '../core/errors.ts';
import { findPerson, intrapreneurRoles } from '../core/programme.ts';
import { compareWeeks, type WeekId, weekOfDate, weekOfInstant, weeksBetween } from '../core/week.ts';
import type { AppContext } from './context.ts';
import { loadFacts } from './facts.ts';

export interface ReportRow {
  intrapreneur: string;
  name: string;
  project: string;
  week: WeekId;
  release: ReleaseStatus;
  releasedDays: number | null;
  /** The intrapreneur's minimum of released days a week: their own (part-time) or the programme's. */
  required: number;
  leave: boolean;
  coaching: CoachingStatus;
  /** What the intrapreneur clicked, and whether a coach logged a session: they may disagree. */
  coachingAnswered: boolean | null;
  coachingLogged: boolean;
  alerts: AlertKind[];
}

export interface Report {
  from: WeekId;
  to: WeekId;
  weeks: WeekId[];
  rows: ReportRow[];
}

/** Default range: from the first week of the check-in window to the current week (or the window's last). */
export function defaultRange(ctx: AppContext): { from: WeekId; to: WeekId } {
  const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
  const last = weekOfDate(ctx.programme.checkins.to);
  return {
    from: weekOfDate(ctx.programme.checkins.from),
    to: compareWeeks(current, last) < 0 ? current : last,
  };
}

export async function complianceReport(
  ctx: AppContext,
  range: { from?: WeekId; to?: WeekId },
): Promise<Report> {
  const defaults = defaultRange(ctx);
  const from = range.from ?? defaults.from;
  const to = range.to ?? defaults.to;
  if (compareWeeks(from, to) > 0) throw new AppError('week_invalid', { week: from, after: to });
  const weeks = weeksBetween(from, to);
  const facts = await loadFacts(ctx, to, from);
  const index = new FactIndex(facts);
  const alerts = await ctx.store.listAlerts({ range: { from, to } });
  const rows: ReportRow[] = [];
  for (const role of intrapreneurRoles(ctx.programme)) {
    for (const week of weeks) {
      const answer = index.answer(role.person, week);
      const coachingAnswered = answer?.coachingHeld;
      rows.push({
        intrapreneur: role.person,
        name: findPerson(ctx.programme, role.person)?.name ?? role.person,
        project: role.project,
        week,
        release: index.release(role.person, week),
        releasedDays: index.releasedDays(role.person, week) ?? null,
        required: index.required(role.person),
        leave: answer?.release?.kind === 'leave',
        coaching: index.coaching(role.person, week),
        coachingAnswered: coachingAnswered ?? null,
        coachingLogged: facts.weeks.logged(role.person, week),
        alerts: alerts.filter((a) => a.intrapreneur === role.person && a.week === week).map((a) => a.kind),
      });
    }
  }
  return { from, to, weeks, rows };
}
