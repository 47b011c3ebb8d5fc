// Local dates and times in a named time zone, with no library: Intl knows the zones, and date arithmetic is done on
// calendar dates (UTC midnights), never on instants, so a daylight-saving change cannot make a day 23 or 25 hours long.

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a date that exists (`2026-02-30` does not). */
export function isRealDate(s: string): boolean {
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === s;
}

export function isTimeZone(tz: string): boolean {
  try {
    // The formatter is kept for the zone's dates and times: building one costs far more than the lookup.
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ISO day of the week: Monday 1 … Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export interface LocalDateTime {
  date: LocalDate;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What a wall clock in `timeZone` shows at `instant`. */
export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return localDateTimeOf(instant, timeZone).date;
}

/**
 * The instant at which a wall clock in `timeZone` shows `date` `hour:minute`. In the hour skipped in spring the time
 * is read with the offset in force before the change (02:30 in Paris gives 03:30 summer time); in the hour repeated
 * in autumn, the first of the two instants is returned.
 */
export function instantAt(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${pad(hour)}:${pad(minute)}:00Z`);
  // The offsets a day either side bracket any change of offset that can affect this wall time.
  const before = offsetMs(new Date(wanted - 86_400_000), timeZone);
  const after = offsetMs(new Date(wanted + 86_400_000), timeZone);
  const candidates = [wanted - before, wanted - after].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const seen = localDateTimeOf(new Date(candidate), timeZone);
    if (seen.date === date && seen.hour === hour && seen.minute === minute) return new Date(candidate);
  }
  return new Date(wanted - before);
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const t = localDateTimeOf(instant, timeZone);
  const asUtc = Date.parse(`${t.date}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}Z`);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
