import { describe, expect, it } from 'vitest';
import {
  type CoachingLogResult,
  parseCoachingCommand,
  parseCoachingLog,
  parseWho,
} from '../../src/core/coaching-command.ts';

const TODAY = '2026-11-30';

function log(text: string, today = TODAY, notBefore?: string): CoachingLogResult {
  return parseCoachingLog(text, today, notBefore);
}

describe('parseCoachingLog: the examples of the brief', () => {
  it('reads a duration and notes, dated today', () => {
    expect(log('@alice 45min revue du POC')).toEqual({
      ok: true,
      value: { who: { username: 'alice' }, date: TODAY, durationMinutes: 45, notes: 'revue du POC' },
    });
  });

  it('reads a day/month date and an hours-minutes duration', () => {
    expect(log('@alice 27/11 1h30 atelier')).toEqual({
      ok: true,
      value: { who: { username: 'alice' }, date: '2026-11-27', durationMinutes: 90, notes: 'atelier' },
    });
  });

  it('reads "hier"', () => {
    expect(log("@alice hier 1h point d'étape")).toEqual({
      ok: true,
      value: { who: { username: 'alice' }, date: '2026-11-29', durationMinutes: 60, notes: "point d'étape" },
    });
  });

  it('reads a Slack escaped mention as a platform id, without duration', () => {
    expect(log('<@U123|alice> 2026-11-27 notes')).toEqual({
      ok: true,
      value: { who: { platformId: 'U123' }, date: '2026-11-27', notes: 'notes' },
    });
  });
});

describe('parseCoachingLog: who', () => {
  it('reads plain and escaped mentions', () => {
    expect(parseWho('@alice')).toEqual({ username: 'alice' });
    expect(parseWho('@jean-marc.dupont_2')).toEqual({ username: 'jean-marc.dupont_2' });
    expect(parseWho('@alice:')).toEqual({ username: 'alice' });
    expect(parseWho('@élodie')).toEqual({ username: 'élodie' });
    expect(parseWho('<@U0CLAIRE>')).toEqual({ platformId: 'U0CLAIRE' });
    expect(parseWho('<@W123ABC|claire.d>')).toEqual({ platformId: 'W123ABC' });
  });

  it('refuses anything else', () => {
    expect(parseWho('alice')).toBeUndefined();
    expect(parseWho('@')).toBeUndefined();
    expect(parseWho('@-alice')).toBeUndefined();
    expect(parseWho('<#C123|general>')).toBeUndefined();
    expect(parseWho('<@u123>')).toBeUndefined();
  });

  it('says who is missing, with the word found instead', () => {
    expect(log('alice 45min revue')).toEqual({ ok: false, error: { code: 'missing_who', token: 'alice' } });
    expect(log('45min revue')).toEqual({ ok: false, error: { code: 'missing_who', token: '45min' } });
    expect(log('')).toEqual({ ok: false, error: { code: 'missing_who' } });
    expect(log('   ')).toEqual({ ok: false, error: { code: 'missing_who' } });
  });
});

describe('parseCoachingLog: dates', () => {
  it('reads ISO dates, with or without leading zeros', () => {
    expect(log('@alice 2026-11-02 x')).toMatchObject({ ok: true, value: { date: '2026-11-02' } });
    expect(log('@alice 2026-11-2 x')).toMatchObject({ ok: true, value: { date: '2026-11-02' } });
    expect(log('@alice 2026/11/02 x')).toMatchObject({ ok: true, value: { date: '2026-11-02' } });
  });

  it('reads day/month with or without a year', () => {
    expect(log('@alice 2/11 x')).toMatchObject({ ok: true, value: { date: '2026-11-02' } });
    expect(log('@alice 27/11/2026 x')).toMatchObject({ ok: true, value: { date: '2026-11-27' } });
    expect(log('@alice 27/11/25 x')).toMatchObject({ ok: true, value: { date: '2025-11-27' } });
    expect(log('@alice 30/11 x')).toMatchObject({ ok: true, value: { date: '2026-11-30' } });
  });

  it('takes day/month in the past year when this year it would be in the future', () => {
    expect(log('@alice 27/11 x', '2027-01-05')).toMatchObject({ ok: true, value: { date: '2026-11-27' } });
    expect(log('@alice 05/01 x', '2027-01-05')).toMatchObject({ ok: true, value: { date: '2027-01-05' } });
    expect(log('@alice 06/01 x', '2027-01-05')).toMatchObject({ ok: true, value: { date: '2026-01-06' } });
    // 29 February: the most recent one is in the leap year before.
    expect(log('@alice 29/02 x', '2029-01-10')).toMatchObject({ ok: true, value: { date: '2028-02-29' } });
  });

  it('reads the date words in both languages, whatever the case', () => {
    expect(log('@alice hier x')).toMatchObject({ value: { date: '2026-11-29' } });
    expect(log('@alice Yesterday x')).toMatchObject({ value: { date: '2026-11-29' } });
    expect(log("@alice aujourd'hui x")).toMatchObject({ value: { date: TODAY } });
    expect(log('@alice aujourd’hui x')).toMatchObject({ value: { date: TODAY } });
    expect(log('@alice TODAY x')).toMatchObject({ value: { date: TODAY } });
    expect(log('@alice hier x', '2027-01-01')).toMatchObject({ value: { date: '2026-12-31' } });
  });

  it('refuses a date that does not exist instead of taking it as notes', () => {
    expect(log('@alice 31/02 x')).toEqual({ ok: false, error: { code: 'bad_date', token: '31/02' } });
    expect(log('@alice 2026-13-01 x')).toEqual({
      ok: false,
      error: { code: 'bad_date', token: '2026-13-01' },
    });
    expect(log('@alice 2026-02-29 x')).toEqual({
      ok: false,
      error: { code: 'bad_date', token: '2026-02-29' },
    });
    expect(log('@alice 29/02 x', '2027-03-01')).toEqual({
      ok: false,
      error: { code: 'bad_date', token: '29/02' },
    });
    expect(log('@alice 0/11 x')).toEqual({ ok: false, error: { code: 'bad_date', token: '0/11' } });
    expect(log('@alice 27/11/202 x')).toEqual({ ok: false, error: { code: 'bad_date', token: '27/11/202' } });
    expect(log('@alice 2026-1-123 x')).toEqual({
      ok: false,
      error: { code: 'bad_date', token: '2026-1-123' },
    });
  });

  it('refuses a date in the future', () => {
    expect(log('@alice 2026-12-01 x')).toEqual({
      ok: false,
      error: { code: 'future_date', token: '2026-12-01' },
    });
    expect(log('@alice 01/12/2026 x')).toEqual({
      ok: false,
      error: { code: 'future_date', token: '01/12/2026' },
    });
  });

  it('reads day and month written with dashes or dots, with or without a year', () => {
    for (const token of [
      '27-11',
      '27.11',
      '27/11/2026',
      '27.11.2026',
      '27-11-2026',
      '27-11-26',
      '2026.11.27',
    ]) {
      expect([token, log(`@alice ${token} atelier`)]).toEqual([
        token,
        { ok: true, value: { who: { username: 'alice' }, date: '2026-11-27', notes: 'atelier' } },
      ]);
    }
  });

  it('never takes a token shaped like a date as the first word of the notes', () => {
    expect(log('@alice 10-12 personnes présentes')).toMatchObject({
      ok: true,
      value: { date: '2025-12-10', notes: 'personnes présentes' },
    });
    for (const token of ['27.13', '32-11', '27/11-2026', '27/11/2026/1', '-27/11', '1.2.3']) {
      expect([token, log(`@alice ${token} atelier`)]).toEqual([
        token,
        { ok: false, error: { code: 'bad_date', token } },
      ]);
    }
  });

  it('refuses a date before the programme’s check-ins, typed or by default', () => {
    expect(log('@alice 2026-10-15 x', TODAY, '2026-10-16')).toEqual({
      ok: false,
      error: { code: 'before_checkins', token: '2026-10-15', date: '2026-10-15', from: '2026-10-16' },
    });
    expect(log('@alice hier x', '2026-10-16', '2026-10-16')).toEqual({
      ok: false,
      error: { code: 'before_checkins', token: 'hier', date: '2026-10-15', from: '2026-10-16' },
    });
    expect(log('@alice 1h x', '2026-10-01', '2026-10-16')).toEqual({
      ok: false,
      error: { code: 'before_checkins', date: '2026-10-01', from: '2026-10-16' },
    });
    expect(log('@alice 16/10 x', TODAY, '2026-10-16')).toMatchObject({
      ok: true,
      value: { date: '2026-10-16' },
    });
  });

  it('refuses a second date rather than starting the notes with it', () => {
    expect(log('@alice hier 27/11 bilan')).toEqual({
      ok: false,
      error: { code: 'second_date', token: '27/11' },
    });
  });
});

describe('parseCoachingLog: durations', () => {
  it('reads the joined forms', () => {
    const cases: [string, number][] = [
      ['45min', 45],
      ['90min', 90],
      ['45mn', 45],
      ['45m', 45],
      ['1h', 60],
      ['2h', 120],
      ['1h30', 90],
      ['1h05', 65],
      ['1h30min', 90],
      ['0h30', 30],
      ['1H30', 90],
      ['1,5h', 90],
      ['12h', 720],
    ];
    for (const [token, minutes] of cases) {
      expect([token, log(`@alice ${token} notes`)]).toEqual([
        token,
        {
          ok: true,
          value: { who: { username: 'alice' }, date: TODAY, durationMinutes: minutes, notes: 'notes' },
        },
      ]);
    }
  });

  it('reads a number and its unit typed apart, and units written out', () => {
    expect(log('@alice 45 min revue')).toMatchObject({
      ok: true,
      value: { durationMinutes: 45, notes: 'revue' },
    });
    expect(log('@alice 2 h hier revue')).toMatchObject({
      ok: true,
      value: { durationMinutes: 120, date: '2026-11-29', notes: 'revue' },
    });
    const cases: [string, number][] = [
      ['1h 30', 90],
      ['1 h 30', 90],
      ['1 h 30 min', 90],
      ['1h 30min', 90],
      ['90 minutes', 90],
      ['1 minute', 1],
      ['2 heures', 120],
      ['1 heure', 60],
      ['1 heure 15', 75],
      ['2 hours', 120],
      ['45 mins', 45],
      ['1,5 h', 90],
      ['1.5 h', 90],
      ['0.5 h', 30],
    ];
    for (const [typed, minutes] of cases) {
      expect([typed, log(`@alice ${typed} revue du POC`)]).toEqual([
        typed,
        {
          ok: true,
          value: { who: { username: 'alice' }, date: TODAY, durationMinutes: minutes, notes: 'revue du POC' },
        },
      ]);
    }
  });

  it('refuses zero, more than twelve hours, and impossible minutes', () => {
    for (const token of ['0min', '0h', '13h', '12h01', '800min', '1h75', '1h60', '1.5min', '1,5h30']) {
      expect(log(`@alice ${token} notes`)).toEqual({ ok: false, error: { code: 'bad_duration', token } });
    }
  });

  it('refuses a negative duration instead of storing it', () => {
    for (const token of ['-30min', '-1h', '−30min', '+30min', '-1h30']) {
      expect([token, log(`@alice ${token} notes`)]).toEqual([
        token,
        { ok: false, error: { code: 'bad_duration', token } },
      ]);
    }
    expect(log('@alice - 30 min notes')).toMatchObject({ ok: true, value: { notes: '- 30 min notes' } });
  });

  it('reports a duration typed in several words with those words', () => {
    expect(log('@alice 0 min notes')).toEqual({ ok: false, error: { code: 'bad_duration', token: '0 min' } });
    expect(log('@alice 1h 75 notes')).toEqual({ ok: false, error: { code: 'bad_duration', token: '1h 75' } });
    expect(log('@alice 14 heures notes')).toEqual({
      ok: false,
      error: { code: 'bad_duration', token: '14 heures' },
    });
  });

  it('leaves a bare number in the notes', () => {
    expect(log('@alice 3 pistes retenues')).toMatchObject({
      ok: true,
      value: { notes: '3 pistes retenues' },
    });
  });
});

describe('parseCoachingLog: order and notes', () => {
  it('takes date and duration in either order', () => {
    const expected = {
      who: { username: 'alice' },
      date: '2026-11-27',
      durationMinutes: 90,
      notes: 'atelier',
    };
    expect(log('@alice 1h30 27/11 atelier')).toEqual({ ok: true, value: expected });
    expect(log('@alice 27/11 1h30 atelier')).toEqual({ ok: true, value: expected });
  });

  it('stops reading options at the first word of the notes', () => {
    expect(log('@alice revue 45min hier')).toEqual({
      ok: true,
      value: { who: { username: 'alice' }, date: TODAY, notes: 'revue 45min hier' },
    });
    expect(log('@alice 1h 2h bilan')).toEqual({ ok: false, error: { code: 'second_duration', token: '2h' } });
  });

  it('keeps the notes as typed, line breaks included', () => {
    expect(log('@alice  45min   revue du POC,\n  suite mardi  ')).toMatchObject({
      ok: true,
      value: { notes: 'revue du POC,\n  suite mardi' },
    });
  });

  it('requires notes', () => {
    expect(log('@alice')).toEqual({ ok: false, error: { code: 'missing_notes' } });
    expect(log('@alice 45min')).toEqual({ ok: false, error: { code: 'missing_notes' } });
    expect(log('@alice hier 1h   ')).toEqual({ ok: false, error: { code: 'missing_notes' } });
  });

  it('reports a bad date before missing notes', () => {
    expect(log('@alice 31/02')).toEqual({ ok: false, error: { code: 'bad_date', token: '31/02' } });
  });
});

describe('parseCoachingCommand', () => {
  it('asks for help when empty or asked', () => {
    expect(parseCoachingCommand('')).toEqual({ kind: 'help' });
    expect(parseCoachingCommand('   ')).toEqual({ kind: 'help' });
    expect(parseCoachingCommand('help')).toEqual({ kind: 'help' });
    expect(parseCoachingCommand('HELP me')).toEqual({ kind: 'help' });
  });

  it('passes the rest of a log on, as typed', () => {
    expect(parseCoachingCommand('log @alice 45min revue du POC')).toEqual({
      kind: 'log',
      text: '@alice 45min revue du POC',
    });
    expect(parseCoachingCommand('  Log\n@alice hier notes\nsuite')).toEqual({
      kind: 'log',
      text: '@alice hier notes\nsuite',
    });
    expect(parseCoachingCommand('log')).toEqual({ kind: 'log', text: '' });
  });

  it('reads history with or without someone', () => {
    expect(parseCoachingCommand('history')).toEqual({ kind: 'history' });
    expect(parseCoachingCommand('history @alice')).toEqual({ kind: 'history', who: { username: 'alice' } });
    expect(parseCoachingCommand('history <@U123|alice>')).toEqual({
      kind: 'history',
      who: { platformId: 'U123' },
    });
  });

  it('flags history followed by something that is not one mention', () => {
    expect(parseCoachingCommand('history alice')).toEqual({ kind: 'bad_history', token: 'alice' });
    expect(parseCoachingCommand('history @alice @bob')).toEqual({
      kind: 'bad_history',
      token: '@alice @bob',
    });
  });

  it('names an unknown sub-command', () => {
    expect(parseCoachingCommand('journal @alice')).toEqual({ kind: 'unknown', word: 'journal' });
    expect(parseCoachingCommand('@alice 45min revue')).toEqual({ kind: 'unknown', word: '@alice' });
  });
});
