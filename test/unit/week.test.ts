import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  instantAt,
  isoWeekday,
  isRealDate,
  isTimeZone,
  localDateOf,
  localDateTimeOf,
} from '../../src/core/calendar.ts';
import { parseJobCron } from '../../src/core/cron.ts';
import {
  addWeeks,
  compareWeeks,
  formatWeek,
  parseWeek,
  weekDays,
  weekOfDate,
  weekOfInstant,
  weekParts,
  weekStart,
  weeksBetween,
  weeksInYear,
  weekWorkdays,
} from '../../src/core/week.ts';

describe('calendar dates', () => {
  it('knows which dates exist', () => {
    expect(isRealDate('2026-11-27')).toBe(true);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2027-02-29')).toBe(false);
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-00-10')).toBe(false);
    expect(isRealDate('2026-1-05')).toBe(false);
    expect(isRealDate('27/11/2026')).toBe(false);
  });

  it('reads years below 100 as themselves, not as 19xx', () => {
    expect(isRealDate('0026-03-01')).toBe(true);
    expect(isRealDate('0099-12-31')).toBe(true);
  });

  it('adds days across months, years and daylight-saving changes', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('counts days between dates, negative backwards', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2027-01-01', '2026-12-25')).toBe(-7);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('numbers the days of the week the ISO way', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-27')).toBe(5);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2027-01-01')).toBe(5);
  });

  it('recognises time zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Lille')).toBe(false);
  });

  it('reads the wall clock of a zone', () => {
    expect(localDateTimeOf(new Date('2026-11-29T22:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-11-29',
      hour: 23,
      minute: 30,
      second: 0,
    });
    expect(localDateTimeOf(new Date('2026-07-01T22:30:15Z'), 'Europe/Paris')).toEqual({
      date: '2026-07-02',
      hour: 0,
      minute: 30,
      second: 15,
    });
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
  });
});

describe('instantAt', () => {
  it('uses winter time before the spring change and summer time after it (2026-03-29)', () => {
    expect(instantAt('2026-03-27', 14, 0, 'Europe/Paris').toISOString()).toBe('2026-03-27T13:00:00.000Z');
    expect(instantAt('2026-03-29', 1, 59, 'Europe/Paris').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(instantAt('2026-03-29', 3, 0, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantAt('2026-03-30', 9, 30, 'Europe/Paris').toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('moves a time in the skipped spring hour forward by the gap', () => {
    expect(instantAt('2026-03-29', 2, 30, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localDateTimeOf(instantAt('2026-03-29', 2, 30, 'Europe/Paris'), 'Europe/Paris')).toMatchObject({
      hour: 3,
      minute: 30,
    });
    expect(instantAt('2026-03-08', 2, 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('uses summer time before the autumn change and winter time after it (2026-10-25)', () => {
    expect(instantAt('2026-10-23', 14, 0, 'Europe/Paris').toISOString()).toBe('2026-10-23T12:00:00.000Z');
    expect(instantAt('2026-10-25', 1, 59, 'Europe/Paris').toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(instantAt('2026-10-25', 3, 0, 'Europe/Paris').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(instantAt('2026-10-30', 14, 0, 'Europe/Paris').toISOString()).toBe('2026-10-30T13:00:00.000Z');
  });

  it('picks the first of the two instants of the repeated autumn hour', () => {
    expect(instantAt('2026-10-25', 2, 30, 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantAt('2026-11-01', 1, 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // Lord Howe Island moves its clocks by half an hour.
    expect(instantAt('2026-04-05', 1, 45, 'Australia/Lord_Howe').toISOString()).toBe(
      '2026-04-04T14:45:00.000Z',
    );
  });

  it('handles zones east of UTC that change the date, and UTC itself', () => {
    expect(instantAt('2026-06-01', 0, 0, 'Asia/Kolkata').toISOString()).toBe('2026-05-31T18:30:00.000Z');
    expect(instantAt('2026-06-01', 0, 0, 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });
});

describe('ISO weeks', () => {
  it('formats and splits week ids', () => {
    expect(formatWeek(2026, 5)).toBe('2026-W05');
    expect(weekParts('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(() => weekParts('2026-48')).toThrow();
  });

  it('counts 53 weeks in 2026 and 2020, 52 in 2027', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(weeksInYear(2025)).toBe(52);
  });

  it('parses only weeks that exist', () => {
    expect(parseWeek('2026-W48')).toBe('2026-W48');
    expect(parseWeek(' 2026-W01 ')).toBe('2026-W01');
    expect(parseWeek('2026-W53')).toBe('2026-W53');
    expect(parseWeek('2027-W53')).toBeNull();
    expect(parseWeek('2026-W60')).toBeNull();
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-W5')).toBeNull();
    expect(parseWeek('2026W48')).toBeNull();
    expect(parseWeek('')).toBeNull();
  });

  it('puts the days around new year in the right week-year', () => {
    expect(weekOfDate('2026-12-28')).toBe('2026-W53');
    expect(weekOfDate('2026-12-31')).toBe('2026-W53');
    expect(weekOfDate('2027-01-01')).toBe('2026-W53');
    expect(weekOfDate('2027-01-03')).toBe('2026-W53');
    expect(weekOfDate('2027-01-04')).toBe('2027-W01');
    expect(weekOfDate('2025-12-29')).toBe('2026-W01');
    expect(weekOfDate('2026-01-01')).toBe('2026-W01');
    expect(weekOfDate('2024-12-30')).toBe('2025-W01');
  });

  it('finds the Monday of a week', () => {
    expect(weekStart('2026-W48')).toBe('2026-11-23');
    expect(weekStart('2026-W01')).toBe('2025-12-29');
    expect(weekStart('2026-W53')).toBe('2026-12-28');
    expect(weekStart('2027-W01')).toBe('2027-01-04');
  });

  it('lists the days and the working days of a week', () => {
    expect(weekDays('2026-W48')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekWorkdays('2026-W53')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
  });

  it('steps weeks across the 53-week year', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W48', 0)).toBe('2026-W48');
    expect(addWeeks('2027-W52', 1)).toBe('2028-W01');
  });

  it('compares and enumerates weeks', () => {
    expect(compareWeeks('2026-W53', '2027-W01')).toBe(-1);
    expect(compareWeeks('2027-W01', '2026-W53')).toBe(1);
    expect(compareWeeks('2026-W09', '2026-W09')).toBe(0);
    expect(weeksBetween('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(weeksBetween('2026-W48', '2026-W48')).toEqual(['2026-W48']);
    expect(weeksBetween('2027-W02', '2026-W52')).toEqual([]);
  });

  it('reads the week of an instant in the programme zone, not in UTC', () => {
    // Sunday 29 November 2026 at 23:30 in Paris is Sunday 22:30 UTC; Monday 00:30 in Paris is still Sunday in UTC.
    const sundayLate = new Date('2026-11-29T22:30:00Z');
    expect(weekOfInstant(sundayLate, 'Europe/Paris')).toBe('2026-W48');
    expect(weekOfInstant(sundayLate, 'UTC')).toBe('2026-W48');
    const mondayEarly = new Date('2026-11-29T23:30:00Z');
    expect(weekOfInstant(mondayEarly, 'Europe/Paris')).toBe('2026-W49');
    expect(weekOfInstant(mondayEarly, 'UTC')).toBe('2026-W48');
  });

  it('keeps the week across a daylight-saving night', () => {
    expect(weekOfInstant(new Date('2026-03-29T21:59:00Z'), 'Europe/Paris')).toBe('2026-W13');
    expect(weekOfInstant(new Date('2026-03-29T22:00:00Z'), 'Europe/Paris')).toBe('2026-W14');
    expect(weekOfInstant(new Date('2026-10-25T22:59:00Z'), 'Europe/Paris')).toBe('2026-W43');
    expect(weekOfInstant(new Date('2026-10-25T23:00:00Z'), 'Europe/Paris')).toBe('2026-W44');
  });
});

describe('parseJobCron', () => {
  it('reads the default schedule', () => {
    expect(parseJobCron('0 14 * * FRI')).toEqual({ minute: 0, hour: 14, weekdays: [5] });
    expect(parseJobCron('30 9 * * MON')).toEqual({ minute: 30, hour: 9, weekdays: [1] });
    expect(parseJobCron('0 9 * * TUE')).toEqual({ minute: 0, hour: 9, weekdays: [2] });
  });

  it('reads numbers, names, ranges and lists of days', () => {
    expect(parseJobCron('0 9 * * MON-FRI')).toEqual({ minute: 0, hour: 9, weekdays: [1, 2, 3, 4, 5] });
    expect(parseJobCron('0 9 * * 0')?.weekdays).toEqual([7]);
    expect(parseJobCron('0 9 * * 7')?.weekdays).toEqual([7]);
    expect(parseJobCron('0 9 * * 1,3,5')?.weekdays).toEqual([1, 3, 5]);
    expect(parseJobCron('0 9 * * fri,mon')?.weekdays).toEqual([1, 5]);
    expect(parseJobCron('0 9 * * 5-0')?.weekdays).toEqual([5, 6, 7]);
    expect(parseJobCron('0 9 * * SAT-MON')?.weekdays).toEqual([1, 6, 7]);
    expect(parseJobCron('0 9 * * *')?.weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseJobCron('  5  23 * *   SUN ')).toEqual({ minute: 5, hour: 23, weekdays: [7] });
  });

  it('refuses what the scheduler does not support', () => {
    expect(parseJobCron('*/5 14 * * FRI')).toBeNull();
    expect(parseJobCron('0 14 1 * *')).toBeNull();
    expect(parseJobCron('0 14 * 11 FRI')).toBeNull();
    expect(parseJobCron('0 */2 * * FRI')).toBeNull();
    expect(parseJobCron('60 14 * * FRI')).toBeNull();
    expect(parseJobCron('0 24 * * FRI')).toBeNull();
    expect(parseJobCron('0 14 * * 8')).toBeNull();
    expect(parseJobCron('0 14 * * FRIDAY')).toBeNull();
    expect(parseJobCron('0 14 * * 1-5/2')).toBeNull();
    expect(parseJobCron('0 14 * * 1,')).toBeNull();
    expect(parseJobCron('0 0 14 * * FRI')).toBeNull();
    expect(parseJobCron('0 14 * *')).toBeNull();
    expect(parseJobCron('')).toBeNull();
  });
});
