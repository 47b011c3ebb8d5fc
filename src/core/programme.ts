// The programme as the rest of the code sees it: validated once at the edge (src/config), typed here.
import { addDays } from './calendar.ts';
import type { HolidayZone } from './holidays.ts';

export type { HolidayZone } from './holidays.ts';

/** A calendar date in the programme's time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

export type Locale = 'fr' | 'en';

export type ProjectStatus = 'pre_incubation' | 'poc_presented' | 'selected' | 'not_selected' | 'abandoned';

export const PROJECT_STATUSES: readonly ProjectStatus[] = [
  'pre_incubation',
  'poc_presented',
  'selected',
  'not_selected',
  'abandoned',
];

export type JobName = 'prompt' | 'reminder' | 'evaluate';

/** How long comments and coaching notes outlive the programme unless `retention_months` says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12;

export interface Person {
  id: string;
  name: string;
  email: string;
  /** Explicit Slack user id (`U…`), else looked up by e-mail. */
  slack?: string;
  /** Explicit Mattermost username, else looked up by e-mail. */
  mattermost?: string;
  /** The person's public holidays, when not the programme's. */
  holidays?: HolidayZone;
  /** The person's IANA time zone, when not the programme's: their prompt and reminder go out at their local time. */
  timezone?: string;
  /**
   * The platform this person is reached on, whatever the others know of them (a manager who wants alerts by mail
   * though on Slack). Unset: the first configured platform that knows them, and e-mail for those none knows.
   */
  channel?: PersonChannel;
}

export type PersonChannel = 'slack' | 'mattermost' | 'email';

export const PERSON_CHANNELS: readonly PersonChannel[] = ['slack', 'mattermost', 'email'];

export interface Intrapreneurship {
  person: string;
  manager: string;
  /** The intrapreneur's own minimum of released days a week (part-time, individual arrangement). */
  daysPerWeek?: number;
  /** Why, for the owners. */
  reason?: string;
}

export interface Project {
  id: string;
  name: string;
  problem?: string;
  coach: string;
  status: ProjectStatus;
  decidedOn?: LocalDate;
  intrapreneurs: Intrapreneurship[];
}

export interface Phase {
  id: string;
  name: string;
  start: LocalDate;
  end: LocalDate;
}

export interface Break {
  from: LocalDate;
  to: LocalDate;
  reason?: string;
}

export interface Programme {
  /** Stable key of the programme in the database (derived from its name unless given). */
  key: string;
  /** Set when the file gives no `programme.id`: renaming the programme would then start a new one. */
  keyFromName?: true;
  name: string;
  organisation: string;
  timezone: string;
  locale: Locale;
  daysPerWeek: number;
  holidays: HolidayZone;
  schedule: Record<JobName, string>;
  /** Check-in window; defaults to the start of `pre_incubation` and the end of `poc_committee`. */
  checkins: { from: LocalDate; to: LocalDate };
  breaks: Break[];
  digestChannel?: string;
  /**
   * Owners who get each alert as it happens, on top of the weekly digest (which every owner gets, and which holds
   * every alert). By default, none: an alert goes to whoever must act, the manager or the coach.
   */
  alertsAsTheyHappen?: string[];
  /** Months after the end of the last phase during which comments and coaching notes are kept (RGPD retention). */
  retentionMonths?: number;
  /** The convention's ceiling and instalments, when the file gives them. */
  budget?: Budget;
  owners: string[];
  people: Person[];
  phases: Phase[];
  projects: Project[];
}

/** One intrapreneur as the weekly loop sees them: who, in which project, reporting to whom, coached by whom. */
export interface IntrapreneurRole {
  person: string;
  project: string;
  manager: string;
  coach: string;
  /** Their own minimum of released days a week, when the programme's does not apply to them. */
  daysPerWeek?: number;
  /** Why they have their own minimum, for the owners. */
  reason?: string;
}

export function intrapreneurRoles(programme: Programme): IntrapreneurRole[] {
  return programme.projects.flatMap((project) =>
    project.intrapreneurs.map((i) => ({
      person: i.person,
      project: project.id,
      manager: i.manager,
      coach: project.coach,
      ...(i.daysPerWeek !== undefined ? { daysPerWeek: i.daysPerWeek } : {}),
      ...(i.reason !== undefined ? { reason: i.reason } : {}),
    })),
  );
}

/** The released days a week an intrapreneur must have: their own minimum, else the programme's. */
export function minimumDays(
  programme: Pick<Programme, 'daysPerWeek'>,
  role: Pick<IntrapreneurRole, 'daysPerWeek'> | undefined,
): number {
  return role?.daysPerWeek ?? programme.daysPerWeek;
}

/** Project states after which the programme no longer follows the project's intrapreneurs. */
const STOPPED: readonly ProjectStatus[] = ['abandoned', 'not_selected'];

/**
 * The intrapreneurs the weekly loop follows in a week (its Monday given): an abandoned or not-selected project's
 * intrapreneurs are no longer asked nor alerted on from the week of the decision (at once when it has no date).
 */
export function followedRoles(programme: Programme, weekMonday: LocalDate): IntrapreneurRole[] {
  const stopped = new Set(
    programme.projects
      .filter(
        (p) =>
          STOPPED.includes(p.status) && (p.decidedOn === undefined || p.decidedOn <= addDays(weekMonday, 6)),
      )
      .map((p) => p.id),
  );
  return intrapreneurRoles(programme).filter((r) => !stopped.has(r.project));
}

export function findPerson(programme: Programme, id: string): Person | undefined {
  return programme.people.find((p) => p.id === id);
}

/** The public holidays a person keeps: their own when given, else the programme's. */
export function holidaysOf(programme: Pick<Programme, 'holidays' | 'people'>, person: string): HolidayZone {
  return programme.people.find((p) => p.id === person)?.holidays ?? programme.holidays;
}

/** The calendar a person's prompt and reminder follow: their holidays, and the time zone of the schedule's hours. */
export interface PersonCalendar {
  holidays: HolidayZone;
  timezone: string;
}

export function calendarOf(
  programme: Pick<Programme, 'holidays' | 'people' | 'timezone'>,
  person: string,
): PersonCalendar {
  const entry = programme.people.find((p) => p.id === person);
  return { holidays: entry?.holidays ?? programme.holidays, timezone: entry?.timezone ?? programme.timezone };
}

/** When an instalment falls due: as the convention words it, before it is turned into a date. */
export type InstalmentDue =
  | { kind: 'signature' }
  | { kind: 'start' | 'end'; phase: string }
  | { kind: 'date'; date: LocalDate };

export interface Instalment {
  /** Percent of the ceiling. */
  share: number;
  due: InstalmentDue;
}

export interface Budget {
  /** The most the convention pays, in euros. */
  ceiling: number;
  /** Whether the amounts are before or after VAT, when the convention says. */
  tax?: 'HT' | 'TTC';
  signedOn?: LocalDate;
  instalments: Instalment[];
}
