// The compliance rules (BRIEF §4): from the facts of a programme up to a week, the alerts due for that week.
// Deterministic and pure: the same facts always give the same alerts, each keyed by (kind, intrapreneur, week).
import type { Alert } from './alerts.ts';
import type { WeekFact } from './checkin.ts';
import { type IntrapreneurRole, minimumDays, type Programme } from './programme.ts';
import { addWeeks, type WeekId } from './week.ts';
import type { WeekFacts } from './week-facts.ts';
import { isWeekExempt } from './window.ts';

/** What a week was for one intrapreneur's released day. */
export type ReleaseStatus = 'honoured' | 'missed' | 'unknown' | 'exempt' | 'not_asked';
/** What a week was for one intrapreneur's coaching point. */
export type CoachingStatus = 'held' | 'missed' | 'unknown' | 'exempt' | 'not_asked';

export interface ComplianceFacts {
  programme: Pick<Programme, 'daysPerWeek' | 'owners' | 'breaks' | 'checkins' | 'alertsAsTheyHappen'>;
  /** The intrapreneurs to evaluate (the active ones). */
  roles: IntrapreneurRole[];
  /**
   * What is known of the evaluated week and of the weeks before it (at least `LOOKBACK_WEEKS`): answers, who was
   * asked (prompt sent), and for whom a coach logged a session.
   */
  weeks: WeekFacts;
}

/** How far back the rules look: four weeks for the rolling average, a few more to step over exempt weeks. */
export const LOOKBACK_WEEKS = 8;

/** The facts as the rules read them; build once per evaluation. */
export class FactIndex {
  private readonly weeks: WeekFacts;
  private readonly exemptWeeks = new Map<WeekId, boolean>();
  private readonly weeksBack = new Map<WeekId, WeekId[]>();

  /** Each intrapreneur's own minimum, where it is not the programme's. */
  private readonly minimums: Map<string, number>;

  constructor(readonly facts: ComplianceFacts) {
    this.weeks = facts.weeks;
    this.minimums = new Map(
      facts.roles
        .filter((r) => r.daysPerWeek !== undefined)
        .map((r) => [r.person, minimumDays(facts.programme, r)]),
    );
  }

  /** The released days a week `intrapreneur` must have: their own minimum (part-time), else the programme's. */
  required(intrapreneur: string): number {
    return this.minimums.get(intrapreneur) ?? this.facts.programme.daysPerWeek;
  }

  /**
   * `week` and the weeks before it, `lookback[n]` being `n` weeks back, up to `LOOKBACK_WEEKS` long: the rules step
   * back from the same week for every intrapreneur, so the calendar is worked out once per week.
   */
  lookback(week: WeekId): readonly WeekId[] {
    let weeks = this.weeksBack.get(week);
    if (!weeks) {
      weeks = Array.from({ length: LOOKBACK_WEEKS }, (_, back) =>
        back === 0 ? week : addWeeks(week, -back),
      );
      this.weeksBack.set(week, weeks);
    }
    return weeks;
  }

  /** `isWeekExempt`, computed once per week: the rules ask it for every intrapreneur. */
  private exempt(week: WeekId): boolean {
    let exempt = this.exemptWeeks.get(week);
    if (exempt === undefined) {
      exempt = isWeekExempt(this.facts.programme, week);
      this.exemptWeeks.set(week, exempt);
    }
    return exempt;
  }

  answer(intrapreneur: string, week: WeekId): WeekFact | undefined {
    return this.weeks.answer(intrapreneur, week);
  }

  release(intrapreneur: string, week: WeekId): ReleaseStatus {
    if (this.exempt(week)) return 'exempt';
    if (this.weeks.onLeave(intrapreneur, week)) return 'exempt';
    const days = this.weeks.releasedDays(intrapreneur, week);
    if (days !== undefined) return days >= this.required(intrapreneur) ? 'honoured' : 'missed';
    return this.weeks.asked(intrapreneur, week) ? 'unknown' : 'not_asked';
  }

  coaching(intrapreneur: string, week: WeekId): CoachingStatus {
    if (this.weeks.logged(intrapreneur, week)) return 'held';
    if (this.exempt(week)) return 'exempt';
    if (this.weeks.onLeave(intrapreneur, week)) return 'exempt';
    const held = this.weeks.coachingHeld(intrapreneur, week);
    if (held === true) return 'held';
    if (held === false) return 'missed';
    return this.weeks.asked(intrapreneur, week) ? 'unknown' : 'not_asked';
  }

  releasedDays(intrapreneur: string, week: WeekId): number | undefined {
    return this.weeks.releasedDays(intrapreneur, week);
  }
}

/** The week before `week` that counts (exempt and not-asked weeks are stepped over), within the lookback. */
function previousCounted<S extends string>(
  index: FactIndex,
  status: (week: WeekId) => S,
  week: WeekId,
  skip: readonly S[],
): { week: WeekId; status: S } | undefined {
  const weeks = index.lookback(week);
  for (let back = 1; back < LOOKBACK_WEEKS; back++) {
    const w = weeks[back] as WeekId;
    const s = status(w);
    if (!skip.includes(s)) return { week: w, status: s };
  }
  return undefined;
}

/** Released days over the last four weeks that count (answered and not exempt), ending with `week`. */
export function rollingAverage(index: FactIndex, intrapreneur: string, week: WeekId): number | undefined {
  const days: number[] = [];
  const weeks = index.lookback(week);
  for (let back = 0; back < LOOKBACK_WEEKS && days.length < 4; back++) {
    const w = weeks[back] as WeekId;
    const status = index.release(intrapreneur, w);
    const released = index.releasedDays(intrapreneur, w);
    if ((status === 'honoured' || status === 'missed') && released !== undefined) days.push(released);
  }
  if (days.length < 4) return undefined;
  return days.reduce((sum, d) => sum + d, 0) / days.length;
}

function unique(ids: string[], except: string): string[] {
  return [...new Set(ids)].filter((id) => id !== except);
}

/**
 * The alerts due for `week`, in a stable order (by intrapreneur, then kind). One event raises one alert: a missed
 * week that is also the second in a row, or that leaves the four-week average below the minimum, raises the
 * escalated alert alone. Alerts go to whoever must act (the manager, the coach) and to the owners who asked for each
 * alert; every owner reads them all in the weekly digest.
 */
export function alertsDue(facts: ComplianceFacts, week: WeekId): Alert[] {
  const index = new FactIndex(facts);
  const eachAlert = facts.programme.alertsAsTheyHappen ?? [];
  const alerts: Alert[] = [];
  const roles = [...facts.roles].sort((a, b) => a.person.localeCompare(b.person));

  for (const role of roles) {
    const who = role.person;
    // Their own minimum (part-time, individual arrangement) when they have one: the alerts say which.
    const required = index.required(who);
    const own = role.daysPerWeek !== undefined ? { individual: true as const } : {};
    const release = index.release(who, week);
    const releasedDays = index.releasedDays(who, week);

    if (release === 'missed') {
      const previous = previousCounted(index, (w) => index.release(who, w), week, ['exempt', 'not_asked']);
      const average = rollingAverage(index, who, week);
      const twoWeeks = previous?.status === 'missed';
      const lowAverage = average !== undefined && average < required;
      alerts.push({
        kind: twoWeeks || lowAverage ? 'release_missed_again' : 'release_missed',
        intrapreneur: who,
        week,
        recipients: unique([role.manager, ...eachAlert], who),
        reason: {
          releasedDays,
          required,
          ...own,
          ...(twoWeeks ? { previousWeek: previous.week } : {}),
          ...(lowAverage ? { rollingAverage: average } : {}),
        },
      });
    }

    if (release === 'unknown') {
      // Nobody must act on a silence but the owners: it is in their digest, and alerted as it happens to those who
      // asked.
      alerts.push({
        kind: 'no_answer',
        intrapreneur: who,
        week,
        recipients: unique(eachAlert, who),
        reason: { required, ...own },
      });
    }

    // No coaching point means neither a "yes" nor a coach's log (BRIEF §4): an unanswered question counts, unlike
    // for the released day, because the coach's own log would have said it happened.
    const noCoachingPoint = (status: CoachingStatus | undefined) =>
      status === 'missed' || status === 'unknown';
    if (noCoachingPoint(index.coaching(who, week))) {
      const previous = previousCounted(index, (w) => index.coaching(who, w), week, ['exempt', 'not_asked']);
      if (previous && noCoachingPoint(previous.status)) {
        alerts.push({
          kind: 'coaching_missed',
          intrapreneur: who,
          week,
          recipients: unique([role.coach, ...eachAlert], who),
          reason: { required, ...own, previousWeek: previous.week },
        });
      }
    }
  }
  return alerts;
}

export interface WeekFigures {
  week: WeekId;
  intrapreneurs: number;
  honoured: number;
  missed: number;
  unknown: number;
  exempt: number;
  coachingHeld: number;
}

/** The week's figures for the digest, `/phase` and the report. Not-asked weeks count as exempt. */
export function weekFigures(facts: ComplianceFacts, week: WeekId): WeekFigures {
  const index = new FactIndex(facts);
  const figures: WeekFigures = {
    week,
    intrapreneurs: facts.roles.length,
    honoured: 0,
    missed: 0,
    unknown: 0,
    exempt: 0,
    coachingHeld: 0,
  };
  for (const role of facts.roles) {
    const status = index.release(role.person, week);
    if (status === 'not_asked' || status === 'exempt') figures.exempt++;
    else figures[status]++;
    if (index.coaching(role.person, week) === 'held') figures.coachingHeld++;
  }
  return figures;
}
