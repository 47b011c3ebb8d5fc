// The schedule of a weekly job, read from a cron expression. The jobs fire once a day at most, at a fixed time, on
// some days of the week: `0 14 * * FRI`, `30 9 * * 1`, `0 9 * * MON-FRI`. Anything else is refused with a reason.

export interface JobCron {
  minute: number;
  hour: number;
  /** ISO days of the week, Monday 1 … Sunday 7. */
  weekdays: number[];
}

const DAY_NAMES: Record<string, number> = { MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6, SUN: 7 };

function dayNumber(token: string): number | null {
  const upper = token.toUpperCase();
  if (upper in DAY_NAMES) return DAY_NAMES[upper] ?? null;
  if (!/^\d$/.test(token)) return null;
  const n = Number(token);
  if (n > 7) return null;
  return n === 0 ? 7 : n;
}

function weekdays(field: string): number[] | null {
  if (field === '*') return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (rest.length > 0 || from === undefined) return null;
    const a = dayNumber(from);
    const b = to === undefined ? a : dayNumber(to);
    if (a === null || b === null) return null;
    // Ranges like 5-0 (FRI-SUN) wrap over Sunday.
    const end = b < a ? b + 7 : b;
    for (let d = a; d <= end; d++) days.add(((d - 1) % 7) + 1);
  }
  return [...days].sort((x, y) => x - y);
}

/** The job's schedule, or null when the expression is not of the supported shape (see above). */
export function parseJobCron(expression: string): JobCron | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) return null;
  if (dayOfMonth !== '*' || month !== '*') return null;
  const m = Number(minute);
  const h = Number(hour);
  if (m > 59 || h > 23) return null;
  const days = weekdays(dayOfWeek);
  if (!days || days.length === 0) return null;
  return { minute: m, hour: h, weekdays: days };
}
