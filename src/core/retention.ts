// How long the words people wrote are kept: comments and coaching notes are kept for `retention_months` after the
// programme's end, then cleared. The figures (days released, coaching points held, alerts) stay: they are the
// programme's record.
import type { LocalDate } from './calendar.ts';
import { DEFAULT_RETENTION_MONTHS, type Programme } from './programme.ts';

/** The last day comments and notes are kept: the end of the last phase plus `retentionMonths`. */
export function retentionLimit(
  programme: Pick<Programme, 'phases' | 'retentionMonths'>,
): LocalDate | undefined {
  const end = programme.phases
    .map((p) => p.end)
    .sort()
    .at(-1);
  if (end === undefined) return undefined;
  return addMonths(end, programme.retentionMonths ?? DEFAULT_RETENTION_MONTHS);
}

/** `2027-03-31` + 11 months is `2028-02-29`: the day is kept unless the month is shorter. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // Day 0 of the next month is the last day of month `m`.
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, lastDay))}`;
}
