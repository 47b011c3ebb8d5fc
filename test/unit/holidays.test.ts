import Holidays from 'date-holidays';
import { afterEach, describe, expect, it } from 'vitest';
import {
  easterSunday,
  type HolidayZone,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  publicHolidays,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../../src/core/holidays.ts';

describe('publicHolidays', () => {
  it('lists the eleven holidays of metropolitan France in 2026, in date order', () => {
    expect([...publicHolidays(2026, 'metropole')]).toEqual([
      ['2026-01-01', "Jour de l'an"],
      ['2026-04-06', 'Lundi de Pâques'],
      ['2026-05-01', 'Fête du travail'],
      ['2026-05-08', 'Victoire des alliés'],
      ['2026-05-14', 'Ascension'],
      ['2026-05-25', 'Lundi de Pentecôte'],
      ['2026-07-14', 'Fête Nationale'],
      ['2026-08-15', 'Assomption'],
      ['2026-11-01', 'Toussaint'],
      ['2026-11-11', 'Armistice'],
      ['2026-12-25', 'Noël'],
    ]);
  });

  it('computes the Easter-based holidays of 2027', () => {
    const holidays = publicHolidays(2027, 'metropole');
    expect(holidays.get('2027-03-29')).toBe('Lundi de Pâques');
    expect(holidays.get('2027-05-06')).toBe('Ascension');
    expect(holidays.get('2027-05-17')).toBe('Lundi de Pentecôte');
    expect(holidays.size).toBe(11);
  });

  it('adds Good Friday and St Stephen’s Day in Alsace-Moselle', () => {
    const alsace = publicHolidays(2027, 'alsace-moselle');
    expect(alsace.size).toBe(13);
    expect(alsace.get('2027-03-26')).toBe('Vendredi Saint');
    expect(alsace.get('2027-12-26')).toBe('Saint Étienne');
    expect(publicHolidays(2027, 'metropole').has('2027-03-26')).toBe(false);
    expect(publicHolidays(2025, 'alsace-moselle').get('2025-12-26')).toBe('Saint Étienne');
    expect(publicHolidays(2025, 'alsace-moselle').get('2025-04-18')).toBe('Vendredi Saint');
  });

  it('caches per year and zone', () => {
    expect(publicHolidays(2026, 'metropole')).toBe(publicHolidays(2026, 'metropole'));
    expect(publicHolidays(2026, 'metropole')).not.toBe(publicHolidays(2026, 'alsace-moselle'));
  });
});

// The public holidays of 2026–2030, written out by hand from the texts (not from any library or from the module under
// test), each territory's list being the national one plus its own days.
//
// Code du travail art. L3133-1: 1 January, Easter Monday, 1 May, 8 May, Ascension Day, Whit Monday, 14 July,
// 15 August, 1 November, 11 November, 25 December. Easter Sundays: 5 April 2026, 28 March 2027, 16 April 2028,
// 1 April 2029, 21 April 2030; Ascension is 39 days after, Whit Monday 50.
const NATIONAL: Record<number, string[]> = {
  2026: ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2027: ['01-01', '03-29', '05-01', '05-06', '05-08', '05-17', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2028: ['01-01', '04-17', '05-01', '05-08', '05-25', '06-05', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2029: ['01-01', '04-02', '05-01', '05-08', '05-10', '05-21', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2030: ['01-01', '04-22', '05-01', '05-08', '05-30', '06-10', '07-14', '08-15', '11-01', '11-11', '12-25'],
};
// Code du travail art. L3134-13 (Bas-Rhin, Haut-Rhin, Moselle): Good Friday and 26 December besides.
const GOOD_FRIDAY: Record<number, string> = {
  2026: '04-03',
  2027: '03-26',
  2028: '04-14',
  2029: '03-30',
  2030: '04-19',
};
// Loi n° 83-550 du 30 juin 1983 and décret n° 83-1003 du 23 novembre 1983 (amended by décret n° 2012-553), restated
// by Code du travail art. L3422-2 and, for agents publics, Code général de la fonction publique art. L651-2: the day
// commemorating the abolition of slavery.
const ABOLITION: Partial<Record<HolidayZone, string>> = {
  mayotte: '04-27',
  martinique: '05-22',
  guadeloupe: '05-27',
  guyane: '06-10',
  reunion: '12-20',
};

function lawList(year: number, zone: HolidayZone): string[] {
  const days = [...(NATIONAL[year] ?? [])];
  if (zone === 'alsace-moselle') days.push(GOOD_FRIDAY[year] as string, '12-26');
  const abolition = ABOLITION[zone];
  // In Guyane, 2030, Whit Monday is 10 June too: one day off.
  if (abolition && !days.includes(abolition)) days.push(abolition);
  return days.map((d) => `${year}-${d}`).sort();
}

const ZONES: HolidayZone[] = [
  'metropole',
  'alsace-moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
];
const YEARS = [2026, 2027, 2028, 2029, 2030];

describe('the holidays of each territory, 2026–2030, as the law lists them', () => {
  for (const zone of ZONES) {
    it(`knows every holiday of ${zone} and no other`, () => {
      for (const year of YEARS) {
        expect([year, [...publicHolidays(year, zone).keys()]]).toEqual([year, lawList(year, zone)]);
      }
    });
  }

  it('names the overseas days and both holidays of a day that has two', () => {
    expect(publicHolidays(2030, 'reunion').get('2030-12-20')).toBe("Abolition de l'esclavage");
    expect(publicHolidays(2028, 'mayotte').get('2028-04-27')).toBe("Abolition de l'esclavage");
    expect(publicHolidays(2030, 'guyane').get('2030-06-10')).toBe(
      "Lundi de Pentecôte, Abolition de l'esclavage",
    );
    expect(publicHolidays(2030, 'metropole').has('2030-12-20')).toBe(false);
  });

  it('computes Easter Sunday', () => {
    expect(YEARS.map(easterSunday)).toEqual([
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
    ]);
    // Far from the years above: the earliest and latest possible dates, and a century year.
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2000)).toBe('2000-04-23');
  });
});

describe('cross-checked with the date-holidays library', () => {
  // The library's regions for each territory.
  const REGION: Record<HolidayZone, [string, string?]> = {
    metropole: ['FR'],
    'alsace-moselle': ['FR', '57'],
    guadeloupe: ['FR', 'GP'],
    martinique: ['FR', 'MQ'],
    guyane: ['FR', 'GF'],
    reunion: ['FR', 'RE'],
    mayotte: ['FR', 'YT'],
  };
  // Where the library departs from the law on purpose: it counts Good Friday in Guadeloupe and Martinique, a custom
  // (and a day off in some collective agreements) that no law makes a public holiday there.
  const CUSTOMS: Partial<Record<HolidayZone, (year: number) => string[]>> = {
    guadeloupe: (year) => [`${year}-${GOOD_FRIDAY[year]}`],
    martinique: (year) => [`${year}-${GOOD_FRIDAY[year]}`],
  };

  for (const zone of ZONES) {
    it(`agrees for ${zone}`, () => {
      const [country, region] = REGION[zone];
      const library = region === undefined ? new Holidays(country) : new Holidays(country, region);
      for (const year of YEARS) {
        const theirs = new Set(
          library
            .getHolidays(year)
            .filter((h) => h.type === 'public')
            .map((h) => h.date.slice(0, 10)),
        );
        for (const custom of CUSTOMS[zone]?.(year) ?? []) theirs.delete(custom);
        expect([year, [...theirs].sort()]).toEqual([year, [...publicHolidays(year, zone).keys()]]);
      }
    });
  }
});

describe('whatever the time zone of the process', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    // Assigning undefined would store the string "undefined".
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // The dates are calendar arithmetic and must not move with the process's zone, as a Date-based library's did (an
  // hour before midnight in Auckland after April). Each case uses a year no other test computes, so the cache cannot
  // answer for another zone.
  it('gives the same dates in Auckland, an hour before midnight for Date-based code after April', () => {
    process.env.TZ = 'Pacific/Auckland';
    const holidays = publicHolidays(2016, 'metropole');
    expect(holidays.get('2016-03-28')).toBe('Lundi de Pâques');
    expect(holidays.get('2016-05-05')).toBe('Ascension');
    expect(holidays.get('2016-05-16')).toBe('Lundi de Pentecôte');
    expect(holidays.get('2016-01-01')).toBe("Jour de l'an");
    expect(holidays.get('2016-12-25')).toBe('Noël');
    expect(holidays.size).toBe(11);
  });

  it('gives the same dates in Paris, Los Angeles and UTC', () => {
    const cases: [string, number, string, string][] = [
      ['Europe/Paris', 2013, '2013-05-09', '2013-05-20'],
      ['America/Los_Angeles', 2019, '2019-05-30', '2019-06-10'],
      ['UTC', 2021, '2021-05-13', '2021-05-24'],
    ];
    for (const [tz, year, ascension, whitMonday] of cases) {
      process.env.TZ = tz;
      const holidays = publicHolidays(year, 'metropole');
      expect([tz, holidays.get(ascension), holidays.get(whitMonday)]).toEqual([
        tz,
        'Ascension',
        'Lundi de Pentecôte',
      ]);
      expect([tz, holidays.get(`${year}-07-14`)]).toEqual([tz, 'Fête Nationale']);
    }
  });
});

describe('working days', () => {
  it('knows a public holiday from its date', () => {
    expect(isPublicHoliday('2026-12-25', 'metropole')).toBe(true);
    expect(isPublicHoliday('2026-12-24', 'metropole')).toBe(false);
    expect(isPublicHoliday('2026-12-26', 'metropole')).toBe(false);
    expect(isPublicHoliday('2026-12-26', 'alsace-moselle')).toBe(true);
  });

  it('counts Monday to Friday outside holidays', () => {
    expect(isWorkingDay('2026-11-27', 'metropole')).toBe(true);
    expect(isWorkingDay('2026-11-28', 'metropole')).toBe(false);
    expect(isWorkingDay('2026-11-29', 'metropole')).toBe(false);
    expect(isWorkingDay('2026-11-11', 'metropole')).toBe(false);
    expect(isWorkingDay('2027-03-26', 'metropole')).toBe(true);
    expect(isWorkingDay('2027-03-26', 'alsace-moselle')).toBe(false);
  });

  it('keeps a working day as it is with the on-or-before/after forms', () => {
    expect(workingDayOnOrBefore('2026-12-24', 'metropole')).toBe('2026-12-24');
    expect(workingDayOnOrAfter('2026-12-24', 'metropole')).toBe('2026-12-24');
  });

  it('goes back over a holiday and a weekend', () => {
    expect(workingDayOnOrBefore('2026-12-25', 'metropole')).toBe('2026-12-24');
    // Monday 29 March 2027 (Easter Monday) → Friday 26, or Thursday 25 where Good Friday is off too.
    expect(workingDayOnOrBefore('2027-03-29', 'metropole')).toBe('2027-03-26');
    expect(workingDayOnOrBefore('2027-03-29', 'alsace-moselle')).toBe('2027-03-25');
    // Friday 26 December 2025 in Alsace-Moselle follows Christmas.
    expect(workingDayOnOrBefore('2025-12-26', 'alsace-moselle')).toBe('2025-12-24');
  });

  it('goes forward over a weekend and a holiday', () => {
    expect(workingDayOnOrAfter('2027-05-15', 'metropole')).toBe('2027-05-18');
    expect(workingDayOnOrAfter('2027-03-29', 'metropole')).toBe('2027-03-30');
    expect(workingDayOnOrAfter('2026-12-25', 'alsace-moselle')).toBe('2026-12-28');
    // New Year's Day 2027 is a Friday.
    expect(workingDayOnOrAfter('2027-01-01', 'metropole')).toBe('2027-01-04');
  });

  it('steps strictly with previous and next', () => {
    expect(previousWorkingDay('2026-12-24', 'metropole')).toBe('2026-12-23');
    expect(previousWorkingDay('2026-11-30', 'metropole')).toBe('2026-11-27');
    expect(previousWorkingDay('2026-01-02', 'metropole')).toBe('2025-12-31');
    expect(nextWorkingDay('2027-05-18', 'metropole')).toBe('2027-05-19');
    expect(nextWorkingDay('2027-05-14', 'metropole')).toBe('2027-05-18');
    expect(nextWorkingDay('2026-12-31', 'metropole')).toBe('2027-01-04');
  });
});
