// ISO weeks, written `2026-W48`. Weeks are computed on local dates of the programme's time zone, so daylight-saving
// changes (which move instants, not dates) cannot shift a day into the wrong week.
import { addDays, daysBetween, isoWeekday, type LocalDate, localDateOf } from './calendar.ts';

/** An ISO week, `YYYY-Www`. */
export type WeekId = string;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatWeek(year: number, week: number): WeekId {
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The number of ISO weeks in a year: 53 when 1 January or 31 December is a Thursday. */
export function weeksInYear(year: number): number {
  const jan1 = isoWeekday(`${pad(year, 4)}-01-01`);
  const dec31 = isoWeekday(`${pad(year, 4)}-12-31`);
  return jan1 === 4 || dec31 === 4 ? 53 : 52;
}

/** The week written `s`, or null when it is not a real ISO week (`2026-W60`, `2027-W53`; 2026 has a W53). */
export function parseWeek(s: string): WeekId | null {
  const m = WEEK_PATTERN.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1970 || year > 9999 || week < 1 || week > weeksInYear(year)) return null;
  return formatWeek(year, week);
}

export function weekParts(week: WeekId): { year: number; week: number } {
  const m = WEEK_PATTERN.exec(week);
  if (!m) throw new Error(`not a week: ${week}`);
  return { year: Number(m[1]), week: Number(m[2]) };
}

/** The ISO week that contains a local date. */
export function weekOfDate(date: LocalDate): WeekId {
  // The Thursday of the date's week decides the week-year.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${thursday.slice(0, 4)}-01-01`;
  const dayOfYear = daysBetween(jan1, thursday);
  return formatWeek(year, Math.floor(dayOfYear / 7) + 1);
}

export function weekOfInstant(instant: Date, timeZone: string): WeekId {
  return weekOfDate(localDateOf(instant, timeZone));
}

/** Monday of the week. */
export function weekStart(week: WeekId): LocalDate {
  const { year, week: n } = weekParts(week);
  const jan4 = `${pad(year, 4)}-01-04`;
  const mondayOfWeek1 = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(mondayOfWeek1, (n - 1) * 7);
}

/** The seven local dates of the week, Monday first. */
export function weekDays(week: WeekId): LocalDate[] {
  const monday = weekStart(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Monday to Friday. */
export function weekWorkdays(week: WeekId): LocalDate[] {
  return weekDays(week).slice(0, 5);
}

export function addWeeks(week: WeekId, n: number): WeekId {
  return weekOfDate(addDays(weekStart(week), n * 7));
}

export function compareWeeks(a: WeekId, b: WeekId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every week from `from` to `to`, both included (empty when `from` is after `to`). */
export function weeksBetween(from: WeekId, to: WeekId): WeekId[] {
  const weeks: WeekId[] = [];
  for (let w = from; compareWeeks(w, to) <= 0; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}
