// The alerts the compliance rules can raise. Each is keyed by (kind, intrapreneur, week) and sent once.
import type { WeekId } from './week.ts';

export type AlertKind = 'release_missed' | 'release_missed_again' | 'no_answer' | 'coaching_missed';

export const ALERT_KINDS: readonly AlertKind[] = [
  'release_missed',
  'release_missed_again',
  'no_answer',
  'coaching_missed',
];

export interface Alert {
  kind: AlertKind;
  intrapreneur: string;
  week: WeekId;
  /**
   * Person ids to alert as it happens: the manager or the coach, who must act, and the owners who asked for each
   * alert (`programme.alerts_as_they_happen`). Every alert is also in the owners' weekly digest.
   */
  recipients: string[];
  /** The facts that raised it, so an operator can answer "why did Marc get this alert?". */
  reason: AlertReason;
}

export interface AlertReason {
  releasedDays?: number;
  /** The intrapreneur's minimum of released days a week. */
  required: number;
  /** True when that minimum is the intrapreneur's own (part-time, individual arrangement), not the programme's. */
  individual?: true;
  /** Released days over the last four counted weeks, when the rolling average was what escalated. */
  rollingAverage?: number;
  /** The previous counted week, when two consecutive weeks were what escalated. */
  previousWeek?: WeekId;
}

/**
 * Which rule raised an alert, which is what its sentence says: a released day missed two weeks in a row and one
 * missed while the four-week average is below the minimum are both `release_missed_again` (one alert per event,
 * keyed by kind), but a first miss is never told it happened "again".
 */
export type AlertRule =
  | 'release_two_weeks'
  | 'release_average'
  | 'release_missed'
  | 'no_answer'
  | 'coaching_missed';

/** The rules in the order the digest lists them: escalations first. */
export const ALERT_RULES: readonly AlertRule[] = [
  'release_two_weeks',
  'release_average',
  'release_missed',
  'no_answer',
  'coaching_missed',
];

export function alertRule(
  alert: Pick<Alert, 'kind'> & { reason?: Pick<AlertReason, 'previousWeek'> },
): AlertRule {
  if (alert.kind !== 'release_missed_again') return alert.kind;
  // An alert recorded before the rule was named carries its reason; without one, the two-week rule is the default.
  return alert.reason && alert.reason.previousWeek === undefined ? 'release_average' : 'release_two_weeks';
}

export function alertKey(alert: Pick<Alert, 'kind' | 'intrapreneur' | 'week'>): string {
  return `${alert.kind}:${alert.intrapreneur}:${alert.week}`;
}
