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
  /** Person ids to alert: owners, and the manager or the coach depending on the kind. */
  recipients: string[];
  /** The facts that raised it, so an operator can answer "why did Marc get this alert?". */
  reason: AlertReason;
}

export interface AlertReason {
  releasedDays?: number;
  required: number;
  /** Released days over the last four counted weeks, when the rolling average was what escalated. */
  rollingAverage?: number;
  /** The previous counted week, when two consecutive weeks were what escalated. */
  previousWeek?: WeekId;
}

export function alertKey(alert: Pick<Alert, 'kind' | 'intrapreneur' | 'week'>): string {
  return `${alert.kind}:${alert.intrapreneur}:${alert.week}`;
}
