import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import type { HolidayZone } from '../../src/core/holidays.ts';
import type { JobName, Programme } from '../../src/core/programme.ts';
import {
  isDueFor,
  type JobSlot,
  latestSlot,
  nextSlot,
  type ScheduleSettings,
  slotForWeek,
  slotsBetween,
} from '../../src/core/schedule.ts';

const paris: ScheduleSettings = {
  timezone: 'Europe/Paris',
  holidays: 'metropole',
  schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
};
const alsace: ScheduleSettings = { ...paris, holidays: 'alsace-moselle' };

/** A slot in one line, easy to compare: `week nominal→date at`. */
function show(slot: JobSlot | undefined): string {
  if (!slot) return 'none';
  return `${slot.job} ${slot.week} ${slot.nominal}→${slot.date} ${slot.at.toISOString()}`;
}

function forWeek(settings: ScheduleSettings, job: JobName, week: string): string {
  return show(slotForWeek(settings, job, week));
}

describe('an ordinary week', () => {
  it('prompts on the Friday of the week, reminds and evaluates in the week after', () => {
    expect(forWeek(paris, 'prompt', '2026-W48')).toBe(
      'prompt 2026-W48 2026-11-27→2026-11-27 2026-11-27T13:00:00.000Z',
    );
    expect(forWeek(paris, 'reminder', '2026-W48')).toBe(
      'reminder 2026-W48 2026-11-30→2026-11-30 2026-11-30T08:30:00.000Z',
    );
    expect(forWeek(paris, 'evaluate', '2026-W48')).toBe(
      'evaluate 2026-W48 2026-12-01→2026-12-01 2026-12-01T08:00:00.000Z',
    );
  });

  it('returns undefined for a week that does not exist', () => {
    expect(slotForWeek(paris, 'prompt', '2027-W53')).toBeUndefined();
    expect(slotForWeek(paris, 'evaluate', 'soon')).toBeUndefined();
  });
});

describe('holidays move the schedule', () => {
  it('sends the Christmas prompt on Thursday 24 December 2026', () => {
    expect(forWeek(paris, 'prompt', '2026-W52')).toBe(
      'prompt 2026-W52 2026-12-25→2026-12-24 2026-12-24T13:00:00.000Z',
    );
  });

  it('sends the New Year prompt on Thursday 31 December 2026, for week 53', () => {
    expect(forWeek(paris, 'prompt', '2026-W53')).toBe(
      'prompt 2026-W53 2027-01-01→2026-12-31 2026-12-31T13:00:00.000Z',
    );
    expect(forWeek(paris, 'reminder', '2026-W53')).toBe(
      'reminder 2026-W53 2027-01-04→2027-01-04 2027-01-04T08:30:00.000Z',
    );
  });

  it('moves the prompts of 1 and 8 May 2026 (Fridays) to the Thursdays', () => {
    expect(slotForWeek(paris, 'prompt', '2026-W18')?.date).toBe('2026-04-30');
    expect(slotForWeek(paris, 'prompt', '2026-W19')?.date).toBe('2026-05-07');
  });

  it('leaves the schedule alone around Ascension 2027 (a Thursday)', () => {
    expect(forWeek(paris, 'prompt', '2027-W18')).toBe(
      'prompt 2027-W18 2027-05-07→2027-05-07 2027-05-07T12:00:00.000Z',
    );
    expect(forWeek(paris, 'prompt', '2027-W19')).toBe(
      'prompt 2027-W19 2027-05-14→2027-05-14 2027-05-14T12:00:00.000Z',
    );
  });

  it('on Whit Monday 2027 reminds on Tuesday 18 and evaluates on Wednesday 19', () => {
    expect(forWeek(paris, 'reminder', '2027-W19')).toBe(
      'reminder 2027-W19 2027-05-17→2027-05-18 2027-05-18T07:30:00.000Z',
    );
    expect(forWeek(paris, 'evaluate', '2027-W19')).toBe(
      'evaluate 2027-W19 2027-05-18→2027-05-19 2027-05-19T07:00:00.000Z',
    );
  });

  it('on Easter Monday 2027 reminds on Tuesday 30 and evaluates on Wednesday 31 March', () => {
    expect(slotForWeek(paris, 'reminder', '2027-W12')?.date).toBe('2027-03-30');
    expect(slotForWeek(paris, 'evaluate', '2027-W12')?.date).toBe('2027-03-31');
  });

  it('evaluates on Wednesday 12 November 2025 when the 11th is a Tuesday; the reminder stays on Monday', () => {
    expect(slotForWeek(paris, 'reminder', '2025-W45')?.date).toBe('2025-11-10');
    expect(forWeek(paris, 'evaluate', '2025-W45')).toBe(
      'evaluate 2025-W45 2025-11-11→2025-11-12 2025-11-12T08:00:00.000Z',
    );
  });

  it('never moves a prompt into the week before: a Monday prompt on Easter Monday 2027 goes on Tuesday', () => {
    const monday = { ...paris, schedule: { ...paris.schedule, prompt: '0 14 * * MON' } };
    expect(forWeek(monday, 'prompt', '2027-W13')).toBe(
      'prompt 2027-W13 2027-03-29→2027-03-30 2027-03-30T12:00:00.000Z',
    );
  });

  it('moves nothing when 11 November 2026 falls on a Wednesday', () => {
    for (const job of ['prompt', 'reminder', 'evaluate'] as const) {
      const slot = slotForWeek(paris, job, '2026-W45');
      expect([job, slot?.date]).toEqual([job, slot?.nominal]);
    }
    expect(slotForWeek(paris, 'evaluate', '2026-W45')?.date).toBe('2026-11-10');
  });

  it('moves the Good Friday 2027 prompt to Thursday 25 March only in Alsace-Moselle', () => {
    expect(slotForWeek(paris, 'prompt', '2027-W12')?.date).toBe('2027-03-26');
    expect(forWeek(alsace, 'prompt', '2027-W12')).toBe(
      'prompt 2027-W12 2027-03-26→2027-03-25 2027-03-25T13:00:00.000Z',
    );
  });

  it('moves the prompt of Friday 26 December 2025 to Wednesday 24 in Alsace-Moselle (25 is Christmas)', () => {
    expect(slotForWeek(paris, 'prompt', '2025-W52')?.date).toBe('2025-12-26');
    expect(slotForWeek(alsace, 'prompt', '2025-W52')?.date).toBe('2025-12-24');
  });

  it('is not moved by 26 December 2026, a Saturday, even in Alsace-Moselle', () => {
    expect(slotForWeek(alsace, 'reminder', '2026-W52')?.date).toBe('2026-12-28');
    expect(slotForWeek(alsace, 'evaluate', '2026-W52')?.date).toBe('2026-12-29');
  });

  it('moves a reminder by itself and keeps the evaluation when a day still separates them', () => {
    const thursday: ScheduleSettings = { ...paris, schedule: { ...paris.schedule, evaluate: '0 9 * * THU' } };
    expect(slotForWeek(thursday, 'reminder', '2027-W19')?.date).toBe('2027-05-18');
    expect(slotForWeek(thursday, 'evaluate', '2027-W19')?.date).toBe('2027-05-20');
  });

  it('lets an evaluation follow a moved reminder later the same day when the schedule puts both on one day', () => {
    const sameDay: ScheduleSettings = { ...paris, schedule: { ...paris.schedule, evaluate: '0 17 * * MON' } };
    expect(forWeek(sameDay, 'evaluate', '2026-W48')).toBe(
      'evaluate 2026-W48 2026-11-30→2026-11-30 2026-11-30T16:00:00.000Z',
    );
    expect(forWeek(sameDay, 'evaluate', '2027-W19')).toBe(
      'evaluate 2027-W19 2027-05-17→2027-05-18 2027-05-18T15:00:00.000Z',
    );
  });

  it('never evaluates before the reminder, even when the schedule says so', () => {
    const early: ScheduleSettings = { ...paris, schedule: { ...paris.schedule, evaluate: '0 9 * * MON' } };
    expect(slotForWeek(early, 'evaluate', '2026-W48')?.date).toBe('2026-12-01');
  });

  it('refuses a schedule that was not validated', () => {
    const bad: ScheduleSettings = { ...paris, schedule: { ...paris.schedule, prompt: '*/5 * * * *' } };
    expect(() => slotForWeek(bad, 'prompt', '2026-W48')).toThrow(AppError);
  });
});

describe('daylight-saving changes', () => {
  it('sends the 14:00 prompt at 13:00Z in winter and 12:00Z in summer (spring 2026)', () => {
    expect(slotForWeek(paris, 'prompt', '2026-W13')?.at.toISOString()).toBe('2026-03-27T13:00:00.000Z');
    expect(slotForWeek(paris, 'prompt', '2026-W14')?.at.toISOString()).toBe('2026-04-03T12:00:00.000Z');
  });

  it('sends the 14:00 prompt at 12:00Z in summer and 13:00Z in winter (autumn 2026)', () => {
    expect(slotForWeek(paris, 'prompt', '2026-W43')?.at.toISOString()).toBe('2026-10-23T12:00:00.000Z');
    expect(slotForWeek(paris, 'prompt', '2026-W44')?.at.toISOString()).toBe('2026-10-30T13:00:00.000Z');
  });

  it('reminds on Monday 30 March 2026 at 09:30 Paris, 07:30Z', () => {
    expect(forWeek(paris, 'reminder', '2026-W13')).toBe(
      'reminder 2026-W13 2026-03-30→2026-03-30 2026-03-30T07:30:00.000Z',
    );
  });

  it('returns each slot once across both changes', () => {
    const spring = slotsBetween(
      paris,
      'reminder',
      new Date('2026-03-20T00:00:00Z'),
      new Date('2026-04-10T00:00:00Z'),
    );
    expect(spring.map(show)).toEqual([
      'reminder 2026-W12 2026-03-23→2026-03-23 2026-03-23T08:30:00.000Z',
      'reminder 2026-W13 2026-03-30→2026-03-30 2026-03-30T07:30:00.000Z',
      // Easter Monday 6 April 2026.
      'reminder 2026-W14 2026-04-06→2026-04-07 2026-04-07T07:30:00.000Z',
    ]);
    const autumn = slotsBetween(
      paris,
      'prompt',
      new Date('2026-10-16T00:00:00Z'),
      new Date('2026-11-07T00:00:00Z'),
    );
    expect(autumn.map((s) => s.at.toISOString())).toEqual([
      '2026-10-16T12:00:00.000Z',
      '2026-10-23T12:00:00.000Z',
      '2026-10-30T13:00:00.000Z',
      '2026-11-06T13:00:00.000Z',
    ]);
  });
});

describe('slotsBetween', () => {
  it('lists the effective slots in order, with the weeks they concern', () => {
    const slots = slotsBetween(
      paris,
      'prompt',
      new Date('2026-12-15T00:00:00Z'),
      new Date('2027-01-09T00:00:00Z'),
    );
    expect(slots.map((s) => `${s.week} ${s.date}`)).toEqual([
      '2026-W51 2026-12-18',
      '2026-W52 2026-12-24',
      '2026-W53 2026-12-31',
      '2027-W01 2027-01-08',
    ]);
  });

  it('excludes the start instant and includes the end instant', () => {
    const at = new Date('2026-11-27T13:00:00Z');
    expect(slotsBetween(paris, 'prompt', at, new Date('2026-11-28T00:00:00Z'))).toEqual([]);
    expect(slotsBetween(paris, 'prompt', new Date('2026-11-27T00:00:00Z'), at).map(show)).toEqual([
      'prompt 2026-W48 2026-11-27→2026-11-27 2026-11-27T13:00:00.000Z',
    ]);
    expect(slotsBetween(paris, 'prompt', at, at)).toEqual([]);
    expect(slotsBetween(paris, 'prompt', new Date('2027-01-01T00:00:00Z'), at)).toEqual([]);
  });

  it('finds a slot that moved earlier than its nominal day inside the window', () => {
    // The window ends before Christmas but the Christmas prompt already went out on the 24th.
    const slots = slotsBetween(
      paris,
      'prompt',
      new Date('2026-12-24T00:00:00Z'),
      new Date('2026-12-24T23:00:00Z'),
    );
    expect(slots.map((s) => `${s.nominal}→${s.date}`)).toEqual(['2026-12-25→2026-12-24']);
  });

  it('runs once when two nominal days land on the same slot', () => {
    const twice: ScheduleSettings = {
      ...paris,
      schedule: { ...paris.schedule, evaluate: '0 9 * * MON,TUE' },
    };
    const slots = slotsBetween(
      twice,
      'evaluate',
      new Date('2027-05-16T00:00:00Z'),
      new Date('2027-05-22T00:00:00Z'),
    );
    expect(slots.map(show)).toEqual(['evaluate 2027-W19 2027-05-17→2027-05-19 2027-05-19T07:00:00.000Z']);
  });

  it('lists every weekday of a multi-day cron', () => {
    const daily: ScheduleSettings = {
      ...paris,
      schedule: { ...paris.schedule, reminder: '30 9 * * MON-FRI' },
    };
    const slots = slotsBetween(
      daily,
      'reminder',
      new Date('2026-11-08T00:00:00Z'),
      new Date('2026-11-15T00:00:00Z'),
    );
    // Armistice (Wednesday 11) moves to Thursday 12, which has its own run: one run that day.
    expect(slots.map((s) => `${s.nominal}→${s.date}`)).toEqual([
      '2026-11-09→2026-11-09',
      '2026-11-10→2026-11-10',
      '2026-11-11→2026-11-12',
      '2026-11-13→2026-11-13',
    ]);
    expect(new Set(slots.map((s) => s.week))).toEqual(new Set(['2026-W45']));
  });
});

describe('latestSlot and nextSlot', () => {
  it('finds the latest slot at or before now', () => {
    expect(show(latestSlot(paris, 'evaluate', new Date('2027-05-18T12:00:00Z')))).toBe(
      'evaluate 2027-W18 2027-05-11→2027-05-11 2027-05-11T07:00:00.000Z',
    );
    expect(show(latestSlot(paris, 'evaluate', new Date('2027-05-19T07:00:00Z')))).toBe(
      'evaluate 2027-W19 2027-05-18→2027-05-19 2027-05-19T07:00:00.000Z',
    );
  });

  it('finds the next slot strictly after now', () => {
    expect(show(nextSlot(paris, 'evaluate', new Date('2027-05-18T12:00:00Z')))).toBe(
      'evaluate 2027-W19 2027-05-18→2027-05-19 2027-05-19T07:00:00.000Z',
    );
    expect(show(nextSlot(paris, 'evaluate', new Date('2027-05-19T07:00:00Z')))).toBe(
      'evaluate 2027-W20 2027-05-25→2027-05-25 2027-05-25T07:00:00.000Z',
    );
  });

  it('sees the Thursday Christmas prompt as the latest one on the Friday', () => {
    const friday = new Date('2026-12-25T15:00:00Z');
    expect(latestSlot(paris, 'prompt', friday)?.date).toBe('2026-12-24');
    expect(nextSlot(paris, 'prompt', friday).date).toBe('2026-12-31');
  });

  it('agrees with slotForWeek', () => {
    const now = new Date('2026-04-08T06:00:00Z');
    expect(latestSlot(paris, 'reminder', now)).toEqual(slotForWeek(paris, 'reminder', '2026-W14'));
    expect(nextSlot(paris, 'evaluate', now)).toEqual(slotForWeek(paris, 'evaluate', '2026-W14'));
  });
});

describe('each intrapreneur in their own calendar', () => {
  const person = (id: string, holidays?: HolidayZone) => ({
    id,
    name: id,
    email: `${id}@example.org`,
    ...(holidays ? { holidays } : {}),
  });
  const project = (id: string, intrapreneur: string) => ({
    id,
    name: id,
    coach: 'coach',
    status: 'pre_incubation' as const,
    intrapreneurs: [{ person: intrapreneur, manager: 'manager' }],
  });
  const cohort = (...zones: (HolidayZone | undefined)[]): ScheduleSettings & Pick<Programme, 'people'> => ({
    ...paris,
    people: [person('coach'), person('manager'), ...zones.map((z, i) => person(`p${i}`, z))],
    projects: zones.map((_, i) => project(`project${i}`, `p${i}`)),
  });
  const runs = (settings: ScheduleSettings, job: JobName, from: string, to: string) =>
    slotsBetween(settings, job, new Date(from), new Date(to)).map(
      (s) => `${s.week} ${s.date} ${s.complete ? 'complete' : 'early'}`,
    );

  it('runs Friday 20 December 2030’s prompt on Thursday for La Réunion, on Friday for the others', () => {
    const mixed = cohort('reunion', undefined);
    expect(runs(mixed, 'prompt', '2030-12-16T00:00:00Z', '2030-12-21T00:00:00Z')).toEqual([
      '2030-W51 2030-12-19 early',
      '2030-W51 2030-12-20 complete',
    ]);
    expect(slotForWeek(mixed, 'prompt', '2030-W51')?.date).toBe('2030-12-20');
    expect(
      slotForWeek(mixed, 'prompt', '2030-W51', { holidays: 'reunion', timezone: mixed.timezone })?.date,
    ).toBe('2030-12-19');
    expect(
      slotForWeek(mixed, 'prompt', '2030-W51', { holidays: 'metropole', timezone: mixed.timezone })?.date,
    ).toBe('2030-12-20');
    // The evaluation is the programme's, once.
    expect(runs(mixed, 'evaluate', '2030-12-23T00:00:00Z', '2030-12-27T00:00:00Z')).toEqual([
      '2030-W51 2030-12-24 complete',
    ]);
  });

  it('has one complete run when everyone keeps the same calendar, whatever it is', () => {
    expect(
      runs(cohort('reunion', 'reunion'), 'prompt', '2030-12-16T00:00:00Z', '2030-12-21T00:00:00Z'),
    ).toEqual(['2030-W51 2030-12-19 complete']);
    expect(runs(cohort(undefined), 'prompt', '2030-12-16T00:00:00Z', '2030-12-21T00:00:00Z')).toEqual([
      '2030-W51 2030-12-20 complete',
    ]);
  });

  it('reminds Mayotte on Tuesday after Monday 27 April 2026, and evaluates everyone after that reminder', () => {
    const mixed = cohort('mayotte', undefined);
    expect(runs(mixed, 'reminder', '2026-04-26T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-W17 2026-04-27 early',
      '2026-W17 2026-04-28 complete',
    ]);
    // Nobody is counted before their reminder: Tuesday's evaluation waits for Wednesday.
    expect(slotForWeek(mixed, 'evaluate', '2026-W17')?.date).toBe('2026-04-29');
    expect(slotForWeek(cohort(undefined), 'evaluate', '2026-W17')?.date).toBe('2026-04-28');
  });

  it('tells whether a person’s run is due by an instant', () => {
    const mixed = cohort('reunion', undefined);
    const thursday = new Date('2030-12-19T13:00:00Z');
    expect(isDueFor(mixed, 'prompt', '2030-W51', 'p0', thursday)).toBe(true);
    expect(isDueFor(mixed, 'prompt', '2030-W51', 'p1', thursday)).toBe(false);
    expect(isDueFor(mixed, 'prompt', '2030-W51', 'p1', new Date('2030-12-20T13:00:00Z'))).toBe(true);
  });
});
