// French public holidays per territory, written from the law rather than taken from a library: the rules are few and
// stable, and a library's lists add local customs the law does not make holidays. A working day is Monday to Friday
// and not a public holiday of the calendar in question.
//
// - Everywhere: the eleven holidays of the Code du travail, art. L3133-1.
// - Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): Good Friday and 26 December besides, Code du travail art. L3134-13.
// - Guadeloupe, Guyane, Martinique, La Réunion, Mayotte: the day commemorating the abolition of slavery, loi
//   n° 83-550 du 30 juin 1983, dates fixed by décret n° 83-1003 du 23 novembre 1983 (as amended by décret n° 2012-553)
//   and restated in Code du travail art. L3422-2; for agents publics, Code général de la fonction publique art. L651-2.
//   Good Friday, Mi-Carême or 21 July (Victor Schoelcher) are customs or collective agreements there, not the law's.
import { addDays, isoWeekday, type LocalDate } from './calendar.ts';

export const HOLIDAY_ZONES = [
  'metropole',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
] as const;

export type HolidayZone = (typeof HOLIDAY_ZONES)[number];

/** The day of commemoration of the abolition of slavery, `MM-DD` (décret n° 83-1003, Code du travail L3422-2). */
const ABOLITION_OF_SLAVERY: Partial<Record<HolidayZone, string>> = {
  mayotte: '04-27',
  martinique: '05-22',
  guadeloupe: '05-27',
  guyane: '06-10',
  reunion: '12-20',
};

/** Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const cache = new Map<string, ReadonlyMap<LocalDate, string>>();

/** The public holidays of a year in a territory, date → French name ("Lundi de Pâques"), in date order. */
export function publicHolidays(year: number, zone: HolidayZone): ReadonlyMap<LocalDate, string> {
  const key = `${year}:${zone}`;
  let holidays = cache.get(key);
  if (!holidays) {
    const y = String(year).padStart(4, '0');
    const easter = easterSunday(year);
    const entries: [LocalDate, string][] = [
      [`${y}-01-01`, "Jour de l'an"],
      [addDays(easter, 1), 'Lundi de Pâques'],
      [`${y}-05-01`, 'Fête du travail'],
      [`${y}-05-08`, 'Victoire des alliés'],
      [addDays(easter, 39), 'Ascension'],
      [addDays(easter, 50), 'Lundi de Pentecôte'],
      [`${y}-07-14`, 'Fête Nationale'],
      [`${y}-08-15`, 'Assomption'],
      [`${y}-11-01`, 'Toussaint'],
      [`${y}-11-11`, 'Armistice'],
      [`${y}-12-25`, 'Noël'],
    ];
    if (zone === 'alsace-moselle') {
      entries.push([addDays(easter, -2), 'Vendredi Saint'], [`${y}-12-26`, 'Saint Étienne']);
    }
    const abolition = ABOLITION_OF_SLAVERY[zone];
    if (abolition) entries.push([`${y}-${abolition}`, "Abolition de l'esclavage"]);
    const byDate = new Map<LocalDate, string>();
    // Two holidays can fall on one day (Whit Monday and 10 June in Guyane, 2030): one day off, both names.
    for (const [date, name] of entries)
      byDate.set(date, byDate.has(date) ? `${byDate.get(date)}, ${name}` : name);
    holidays = new Map([...byDate].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
