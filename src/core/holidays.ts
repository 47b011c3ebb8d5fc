// French public holidays, from @socialgouv/jours-feries. A working day is Monday to Friday and not a public holiday.
import joursFeries from '@socialgouv/jours-feries';
import { addDays, isoWeekday, type LocalDate } from './calendar.ts';
import type { HolidayZone } from './programme.ts';

const cache = new Map<string, ReadonlyMap<LocalDate, string>>();

/**
 * The library builds each date at local midnight of the *process's* time zone and derives Easter-based holidays by
 * adding multiples of 24 hours, so after a daylight-saving change a date can sit an hour either side of midnight
 * (an hour before it in the southern hemisphere: Ascension 2016 read in Auckland is 4 May 23:00). Reading the local
 * calendar date twelve hours later is right whatever the process's zone.
 */
function toLocalDate(d: Date): LocalDate {
  const noon = new Date(d.getTime() + 12 * 3_600_000);
  const y = String(noon.getFullYear()).padStart(4, '0');
  const m = String(noon.getMonth() + 1).padStart(2, '0');
  const day = String(noon.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** The public holidays of a year, date → French name ("Lundi de Pâques"), in date order. */
export function publicHolidays(year: number, zone: HolidayZone): ReadonlyMap<LocalDate, string> {
  const key = `${year}:${zone}`;
  let holidays = cache.get(key);
  if (!holidays) {
    const entries = Object.entries(joursFeries(year, { alsace: zone === 'alsace-moselle' })).map(
      ([name, date]) => [toLocalDate(date), name] as const,
    );
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    holidays = new Map(entries);
    cache.set(key, holidays);
  }
  return holidays;
}

export function isPublicHoliday(date: LocalDate, zone: HolidayZone): boolean {
  return publicHolidays(Number(date.slice(0, 4)), zone).has(date);
}

export function isWorkingDay(date: LocalDate, zone: HolidayZone): boolean {
  return isoWeekday(date) <= 5 && !isPublicHoliday(date, zone);
}

function walk(date: LocalDate, step: 1 | -1, zone: HolidayZone): LocalDate {
  let d = date;
  // Weekends and holidays never join up into more than a few days; the bound only guards against a bad input.
  for (let i = 0; i < 31; i++, d = addDays(d, step)) {
    if (isWorkingDay(d, zone)) return d;
  }
  throw new Error(`no working day within 31 days of ${date}`);
}

/** `date` itself when it is a working day, else the last working day before it. */
export function workingDayOnOrBefore(date: LocalDate, zone: HolidayZone): LocalDate {
  return walk(date, -1, zone);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function workingDayOnOrAfter(date: LocalDate, zone: HolidayZone): LocalDate {
  return walk(date, 1, zone);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: LocalDate, zone: HolidayZone): LocalDate {
  return walk(addDays(date, -1), -1, zone);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate, zone: HolidayZone): LocalDate {
  return walk(addDays(date, 1), 1, zone);
}
