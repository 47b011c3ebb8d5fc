import { afterEach, describe, expect, it } from 'vitest';
import {
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

describe('whatever the time zone of the process', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    // Assigning undefined would store the string "undefined".
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // Each case uses a year no other test computes, so the cache cannot answer for another zone.
  it('gives the same dates in Auckland, where the library lands an hour before midnight after April', () => {
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
