import { describe, expect, it } from 'vitest';
import { alertKey } from '../../src/core/alerts.ts';
import type { CheckinAnswer, ReleasedDays } from '../../src/core/checkin.ts';
import {
  alertsDue,
  type ComplianceFacts,
  FactIndex,
  rollingAverage,
  weekFigures,
} from '../../src/core/compliance.ts';
import type { IntrapreneurRole } from '../../src/core/programme.ts';
import { type WeekId, weekDays } from '../../src/core/week.ts';
import { WeekFacts } from '../../src/core/week-facts.ts';

const programme: ComplianceFacts['programme'] = {
  daysPerWeek: 1,
  owners: ['claire'],
  breaks: [],
  checkins: { from: '2026-10-16', to: '2027-03-15' },
};

const alice: IntrapreneurRole = { person: 'alice', project: 'covoiturage', manager: 'marc', coach: 'bob' };

const at = new Date('2026-11-27T13:00:00Z');

/** One answer: released days (or leave) and, when given, the coaching click. */
function answer(
  week: WeekId,
  release: ReleasedDays | 'leave' | undefined,
  coachingHeld?: boolean,
  intrapreneur = 'alice',
): CheckinAnswer {
  return {
    intrapreneur,
    week,
    ...(release === undefined
      ? {}
      : {
          release:
            release === 'leave' ? { kind: 'leave' as const } : { kind: 'days' as const, days: release },
        }),
    ...(coachingHeld === undefined ? {} : { coachingHeld }),
    answeredBy: intrapreneur,
    answeredAt: at,
    updatedAt: at,
  };
}

/** Facts for a cohort: every answered week counts as asked, plus the `asked` pairs given. */
function facts(options: {
  answers?: CheckinAnswer[];
  asked?: [string, WeekId][];
  logged?: [string, WeekId][];
  roles?: IntrapreneurRole[];
  programme?: Partial<ComplianceFacts['programme']>;
}): ComplianceFacts {
  const weeks = new WeekFacts();
  for (const a of options.answers ?? []) weeks.addAnswer(a).addAsked(a.intrapreneur, a.week);
  for (const [who, week] of options.asked ?? []) weeks.addAsked(who, week);
  for (const [who, week] of options.logged ?? []) weeks.addLogged(who, week);
  return {
    programme: { ...programme, ...options.programme },
    roles: options.roles ?? [alice],
    weeks,
  };
}

/** The kinds of the alerts due in `week`, in order. */
function kinds(f: ComplianceFacts, week: WeekId): string[] {
  return alertsDue(f, week).map((a) => a.kind);
}

describe('released days against the 1-day requirement', () => {
  it('½ day misses it: release_missed to the manager (the owners read it in the digest)', () => {
    const alerts = alertsDue(facts({ answers: [answer('2026-W48', 0.5, true)] }), '2026-W48');
    expect(alerts).toEqual([
      {
        kind: 'release_missed',
        intrapreneur: 'alice',
        week: '2026-W48',
        recipients: ['marc'],
        reason: { releasedDays: 0.5, required: 1 },
      },
    ]);
  });

  it('0 days misses it', () => {
    const f = facts({ answers: [answer('2026-W48', 0, true)] });
    expect(new FactIndex(f).release('alice', '2026-W48')).toBe('missed');
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it.each([1, 1.5, 2] as const)('%s day(s) honour it, with no alert (2 stands for "2 or more")', (days) => {
    const f = facts({ answers: [answer('2026-W48', days, true)] });
    expect(new FactIndex(f).release('alice', '2026-W48')).toBe('honoured');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('a 2-day requirement is missed by 1½ days and honoured by "2 or more"', () => {
    const req = { programme: { daysPerWeek: 2 } };
    expect(
      alertsDue(facts({ ...req, answers: [answer('2026-W48', 1.5, true)] }), '2026-W48')[0]?.reason,
    ).toEqual({ releasedDays: 1.5, required: 2 });
    expect(alertsDue(facts({ ...req, answers: [answer('2026-W48', 2, true)] }), '2026-W48')).toEqual([]);
  });

  it('the week of 11 November (2026-W46) keeps the rule: ½ day is still missed', () => {
    const f = facts({ answers: [answer('2026-W46', 0.5, true)] });
    expect(new FactIndex(f).release('alice', '2026-W46')).toBe('missed');
    expect(kinds(f, '2026-W46')).toEqual(['release_missed']);
  });

  it.each([
    ['2026-W13', '2026-03-29'],
    ['2026-W43', '2026-10-25'],
  ] as const)('the daylight-saving week %s (change on %s) evaluates like any other', (week, change) => {
    expect(weekDays(week)[6]).toBe(change);
    const wholeYear = { programme: { checkins: { from: '2026-01-01', to: '2026-12-31' } } };
    expect(kinds(facts({ ...wholeYear, answers: [answer(week, 0.5, true)] }), week)).toEqual([
      'release_missed',
    ]);
    expect(alertsDue(facts({ ...wholeYear, answers: [answer(week, 1, true)] }), week)).toEqual([]);
    expect(kinds(facts({ ...wholeYear, asked: [['alice', week]] }), week)).toEqual(['no_answer']);
  });

  it('misses on both sides of the autumn change (2026-W43, 2026-W44) are consecutive', () => {
    const f = facts({ answers: [answer('2026-W43', 0.5, true), answer('2026-W44', 0, true)] });
    expect(alertsDue(f, '2026-W44').map((a) => [a.kind, a.reason.previousWeek])).toEqual([
      ['release_missed_again', '2026-W43'],
    ]);
  });
});

describe('exempt weeks', () => {
  it('a week of leave is exempt, for the released day and the coaching point', () => {
    const f = facts({ answers: [answer('2026-W47', 0, false), answer('2026-W48', 'leave', false)] });
    const index = new FactIndex(f);
    expect(index.release('alice', '2026-W48')).toBe('exempt');
    expect(index.coaching('alice', '2026-W48')).toBe('exempt');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('the Christmas break (2026-12-21..2027-01-01) exempts 2026-W52 and 2026-W53, whatever was answered', () => {
    const christmas = { programme: { breaks: [{ from: '2026-12-21', to: '2027-01-01', reason: 'Noël' }] } };
    const f = facts({
      ...christmas,
      answers: [answer('2026-W51', 1, true), answer('2026-W52', 0, false), answer('2026-W53', 0, false)],
    });
    const index = new FactIndex(f);
    expect(index.release('alice', '2026-W52')).toBe('exempt');
    expect(index.coaching('alice', '2026-W52')).toBe('exempt');
    expect(index.release('alice', '2026-W53')).toBe('exempt');
    expect(alertsDue(f, '2026-W52')).toEqual([]);
    expect(alertsDue(f, '2026-W53')).toEqual([]);
    // The first week back is an ordinary week.
    expect(index.release('alice', '2027-W01')).toBe('not_asked');
  });

  it('a break touching a single working day of the week exempts the week', () => {
    const f = facts({
      programme: { breaks: [{ from: '2026-11-27', to: '2026-11-27' }] },
      answers: [answer('2026-W48', 0, false)],
    });
    expect(new FactIndex(f).release('alice', '2026-W48')).toBe('exempt');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('a break over a weekend only does not exempt the week', () => {
    const f = facts({
      programme: { breaks: [{ from: '2026-11-28', to: '2026-11-29' }] },
      answers: [answer('2026-W48', 0, true)],
    });
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it('a week outside the check-in window produces nothing, even answered or asked', () => {
    const f = facts({
      answers: [answer('2026-W40', 0, false), answer('2026-W41', 0, false), answer('2027-W12', 0, false)],
      asked: [['alice', '2027-W13']],
    });
    for (const week of ['2026-W40', '2026-W41', '2027-W12', '2027-W13']) {
      expect(new FactIndex(f).release('alice', week)).toBe('exempt');
      expect(alertsDue(f, week)).toEqual([]);
    }
  });

  it('a week is in the window when one of its working days is (W42 starts on Friday 16 October)', () => {
    const f = facts({ answers: [answer('2026-W42', 0.5, true), answer('2027-W11', 0.5, true)] });
    expect(kinds(f, '2026-W42')).toEqual(['release_missed']);
    // 2027-W11 runs from 15 March, the last day of the window.
    expect(kinds(f, '2027-W11')).toEqual(['release_missed']);
  });
});

describe('no answer', () => {
  it('asked but unanswered is unknown, not missed: no_answer, for the owners’ digest only', () => {
    const f = facts({ asked: [['alice', '2026-W48']] });
    expect(new FactIndex(f).release('alice', '2026-W48')).toBe('unknown');
    expect(alertsDue(f, '2026-W48')).toEqual([
      {
        kind: 'no_answer',
        intrapreneur: 'alice',
        week: '2026-W48',
        recipients: [],
        reason: { required: 1 },
      },
    ]);
  });

  it('a coaching click without released days is still no answer for the released day', () => {
    const f = facts({ answers: [answer('2026-W48', undefined, true)] });
    expect(kinds(f, '2026-W48')).toEqual(['no_answer']);
  });

  it('not asked and no answer: nothing at all', () => {
    const f = facts({});
    const index = new FactIndex(f);
    expect(index.release('alice', '2026-W48')).toBe('not_asked');
    expect(index.coaching('alice', '2026-W48')).toBe('not_asked');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });
});

describe('escalation: release_missed_again', () => {
  it('two consecutive missed weeks raise one escalated alert to the manager, naming the previous week', () => {
    const f = facts({ answers: [answer('2026-W47', 0.5, true), answer('2026-W48', 0, true)] });
    const alerts = alertsDue(f, '2026-W48');
    expect(alerts).toEqual([
      {
        kind: 'release_missed_again',
        intrapreneur: 'alice',
        week: '2026-W48',
        recipients: ['marc'],
        reason: { releasedDays: 0, required: 1, previousWeek: '2026-W47' },
      },
    ]);
  });

  it('the first of two missed weeks does not escalate', () => {
    const f = facts({ answers: [answer('2026-W46', 1, true), answer('2026-W47', 0.5, true)] });
    expect(kinds(f, '2026-W47')).toEqual(['release_missed']);
  });

  it('a leave week in between is stepped over: the misses are still consecutive', () => {
    const f = facts({
      answers: [answer('2026-W47', 0.5, true), answer('2026-W48', 'leave'), answer('2026-W49', 0, true)],
    });
    const again = alertsDue(f, '2026-W49').find((a) => a.kind === 'release_missed_again');
    expect(again?.reason.previousWeek).toBe('2026-W47');
    expect(again?.recipients).toEqual(['marc']);
  });

  it('a not-asked week in between is stepped over too', () => {
    const f = facts({ answers: [answer('2026-W47', 0, true), answer('2026-W49', 0.5, true)] });
    const again = alertsDue(f, '2026-W49').find((a) => a.kind === 'release_missed_again');
    expect(again?.reason.previousWeek).toBe('2026-W47');
  });

  it('the Christmas break is stepped over: missed before and after escalates', () => {
    const f = facts({
      programme: { breaks: [{ from: '2026-12-21', to: '2027-01-01' }] },
      answers: [answer('2026-W51', 0.5, true), answer('2027-W01', 0, true)],
    });
    const again = alertsDue(f, '2027-W01').find((a) => a.kind === 'release_missed_again');
    expect(again?.reason.previousWeek).toBe('2026-W51');
  });

  it('an honoured week in between breaks the run', () => {
    const f = facts({
      answers: [answer('2026-W46', 0, true), answer('2026-W47', 2, true), answer('2026-W48', 0.5, true)],
    });
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it('an unanswered week in between counts (it is unknown, not missed) and breaks the run', () => {
    const f = facts({
      answers: [answer('2026-W46', 0, true), answer('2026-W48', 0.5, true)],
      asked: [['alice', '2026-W47']],
    });
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it('a single miss after three weeks of exactly 1 day escalates by the 4-week average (0.875 < 1)', () => {
    const f = facts({
      answers: [
        answer('2026-W45', 1, true),
        answer('2026-W46', 1, true),
        answer('2026-W47', 1, true),
        answer('2026-W48', 0.5, true),
      ],
    });
    expect(rollingAverage(new FactIndex(f), 'alice', '2026-W48')).toBe(0.875);
    const alerts = alertsDue(f, '2026-W48');
    expect(alerts.map((a) => a.kind)).toEqual(['release_missed_again']);
    expect(alerts[0]?.reason).toEqual({ releasedDays: 0.5, required: 1, rollingAverage: 0.875 });
    expect(alerts[0]?.recipients).toEqual(['marc']);
  });

  it('a miss compensated over four weeks (1.5, 1, 1, 0.5 → average 1) does not escalate', () => {
    const f = facts({
      answers: [
        answer('2026-W45', 1.5, true),
        answer('2026-W46', 1, true),
        answer('2026-W47', 1, true),
        answer('2026-W48', 0.5, true),
      ],
    });
    expect(rollingAverage(new FactIndex(f), 'alice', '2026-W48')).toBe(1);
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it('fewer than four counted weeks: no average, so no escalation by average', () => {
    const f = facts({
      answers: [answer('2026-W46', 1, true), answer('2026-W47', 1, true), answer('2026-W48', 0, true)],
    });
    expect(rollingAverage(new FactIndex(f), 'alice', '2026-W48')).toBeUndefined();
    expect(kinds(f, '2026-W48')).toEqual(['release_missed']);
  });

  it('the average reaches back over leave and not-asked weeks to find four counted weeks', () => {
    const f = facts({
      answers: [
        answer('2026-W43', 1, true),
        answer('2026-W44', 1, true),
        answer('2026-W45', 'leave'),
        answer('2026-W47', 1, true),
        answer('2026-W48', 0, true),
      ],
    });
    // W43, W44, W47, W48: (1 + 1 + 1 + 0) / 4.
    expect(rollingAverage(new FactIndex(f), 'alice', '2026-W48')).toBe(0.75);
    expect(alertsDue(f, '2026-W48')[0]?.reason).toEqual({
      releasedDays: 0,
      required: 1,
      rollingAverage: 0.75,
    });
  });

  it('consecutive misses with a low average give both reasons in one alert', () => {
    const f = facts({
      answers: [
        answer('2026-W45', 1, true),
        answer('2026-W46', 1, true),
        answer('2026-W47', 0.5, true),
        answer('2026-W48', 0.5, true),
      ],
    });
    const again = alertsDue(f, '2026-W48').filter((a) => a.kind === 'release_missed_again');
    expect(again).toHaveLength(1);
    expect(again[0]?.reason).toEqual({
      releasedDays: 0.5,
      required: 1,
      previousWeek: '2026-W47',
      rollingAverage: 0.75,
    });
  });
});

describe('coaching point', () => {
  it('a coach log overrides a "no coaching" click: held, no coaching_missed', () => {
    const f = facts({
      answers: [answer('2026-W47', 1, false), answer('2026-W48', 1, false)],
      logged: [['alice', '2026-W48']],
    });
    expect(new FactIndex(f).coaching('alice', '2026-W48')).toBe('held');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('a coach log in the previous week also breaks the run', () => {
    const f = facts({
      answers: [answer('2026-W47', 1, false), answer('2026-W48', 1, false)],
      logged: [['alice', '2026-W47']],
    });
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('a coach log comes before exemption: a session logged in a leave week is held', () => {
    const f = facts({ answers: [answer('2026-W48', 'leave')], logged: [['alice', '2026-W48']] });
    expect(new FactIndex(f).release('alice', '2026-W48')).toBe('exempt');
    expect(new FactIndex(f).coaching('alice', '2026-W48')).toBe('held');
    expect(weekFigures(f, '2026-W48')).toMatchObject({ exempt: 1, coachingHeld: 1 });
  });

  it('a coach log counts even when the intrapreneur never answered', () => {
    const f = facts({ logged: [['alice', '2026-W48']] });
    expect(new FactIndex(f).coaching('alice', '2026-W48')).toBe('held');
  });

  it('two consecutive "no" weeks: coaching_missed to the coach', () => {
    const f = facts({ answers: [answer('2026-W47', 1, false), answer('2026-W48', 1, false)] });
    expect(alertsDue(f, '2026-W48')).toEqual([
      {
        kind: 'coaching_missed',
        intrapreneur: 'alice',
        week: '2026-W48',
        recipients: ['bob'],
        reason: { required: 1, previousWeek: '2026-W47' },
      },
    ]);
  });

  it('a single "no" week raises nothing', () => {
    const f = facts({ answers: [answer('2026-W47', 1, true), answer('2026-W48', 1, false)] });
    expect(new FactIndex(f).coaching('alice', '2026-W48')).toBe('missed');
    expect(alertsDue(f, '2026-W48')).toEqual([]);
  });

  it('a leave week between two "no" weeks is stepped over', () => {
    const f = facts({
      answers: [answer('2026-W46', 1, false), answer('2026-W47', 'leave'), answer('2026-W48', 1, false)],
    });
    expect(alertsDue(f, '2026-W48').map((a) => [a.kind, a.reason.previousWeek])).toEqual([
      ['coaching_missed', '2026-W46'],
    ]);
  });
  it('a not-asked week between two "no" weeks is stepped over', () => {
    const f = facts({ answers: [answer('2026-W46', 1, false), answer('2026-W48', 1, false)] });
    expect(new FactIndex(f).coaching('alice', '2026-W47')).toBe('not_asked');
    expect(alertsDue(f, '2026-W48').map((a) => [a.kind, a.reason.previousWeek])).toEqual([
      ['coaching_missed', '2026-W46'],
    ]);
  });

  it('an unanswered coaching question with no coach log counts as no coaching point (neither answer nor log)', () => {
    const f = facts({
      answers: [answer('2026-W46', 1, false), answer('2026-W47', 1), answer('2026-W48', 1, false)],
    });
    expect(new FactIndex(f).coaching('alice', '2026-W47')).toBe('unknown');
    expect(alertsDue(f, '2026-W48').map((a) => [a.kind, a.reason.previousWeek])).toEqual([
      ['coaching_missed', '2026-W47'],
    ]);
  });

  it('two weeks without any answer nor log raise coaching_missed beside no_answer', () => {
    const f = facts({
      asked: [
        ['alice', '2026-W47'],
        ['alice', '2026-W48'],
      ],
    });
    expect(alertsDue(f, '2026-W48').map((a) => a.kind)).toEqual(['no_answer', 'coaching_missed']);
  });
});

describe('recipients', () => {
  it('release_missed goes to the manager alone: owners read every alert in their digest', () => {
    const f = facts({
      programme: { owners: ['claire', 'alice', 'david'] },
      answers: [answer('2026-W48', 0, true)],
    });
    expect(alertsDue(f, '2026-W48')[0]?.recipients).toEqual(['marc']);
  });

  it('owners who asked for each alert as it happens get every kind, never about themselves', () => {
    const f = facts({
      programme: { owners: ['claire', 'alice', 'david'], alertsAsTheyHappen: ['david', 'alice'] },
      roles: [alice, { person: 'hugo', project: 'tri', manager: 'nina', coach: 'bob' }],
      answers: [answer('2026-W47', 1, false), answer('2026-W48', 0, false)],
      asked: [['hugo', '2026-W48']],
    });
    expect(alertsDue(f, '2026-W48').map((a) => [a.kind, a.intrapreneur, a.recipients])).toEqual([
      ['release_missed', 'alice', ['marc', 'david']],
      ['coaching_missed', 'alice', ['bob', 'david']],
      ['no_answer', 'hugo', ['david', 'alice']],
    ]);
  });

  it('an owner who asked for each alert and is also the manager gets it once', () => {
    const f = facts({
      programme: { alertsAsTheyHappen: ['claire'] },
      roles: [{ ...alice, manager: 'claire' }],
      answers: [answer('2026-W48', 0.5, true)],
    });
    expect(alertsDue(f, '2026-W48')[0]?.recipients).toEqual(['claire']);
  });

  it('an owner who asked for each alert and is also the coach gets coaching_missed once', () => {
    const f = facts({
      programme: { alertsAsTheyHappen: ['claire'] },
      roles: [{ ...alice, coach: 'claire' }],
      answers: [answer('2026-W47', 1, false), answer('2026-W48', 1, false)],
    });
    expect(alertsDue(f, '2026-W48')[0]?.recipients).toEqual(['claire']);
  });
});

describe('determinism and keys', () => {
  const roles: IntrapreneurRole[] = [
    { person: 'zoe', project: 'tri', manager: 'nina', coach: 'bob' },
    alice,
    { person: 'hugo', project: 'tri', manager: 'nina', coach: 'bob' },
  ];
  const answers = [
    answer('2026-W47', 0, false, 'zoe'),
    answer('2026-W48', 0, false, 'zoe'),
    answer('2026-W47', 0.5, false),
    answer('2026-W48', 0.5, false),
  ];

  it('gives the same alerts for the same facts, in a stable order (intrapreneur, then kind)', () => {
    const first = alertsDue(facts({ roles, answers, asked: [['hugo', '2026-W48']] }), '2026-W48');
    const again = alertsDue(
      facts({ roles: [...roles].reverse(), answers: [...answers].reverse(), asked: [['hugo', '2026-W48']] }),
      '2026-W48',
    );
    expect(again).toEqual(first);
    expect(first.map(alertKey)).toEqual([
      'release_missed_again:alice:2026-W48',
      'coaching_missed:alice:2026-W48',
      'no_answer:hugo:2026-W48',
      'release_missed_again:zoe:2026-W48',
      'coaching_missed:zoe:2026-W48',
    ]);
  });

  it('keys each alert by kind, intrapreneur and week: one alert per key', () => {
    const alerts = alertsDue(facts({ roles, answers, asked: [['hugo', '2026-W48']] }), '2026-W48');
    const keys = alerts.map(alertKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(alertKey({ kind: 'no_answer', intrapreneur: 'hugo', week: '2026-W48' })).toBe(
      'no_answer:hugo:2026-W48',
    );
  });
});

describe('weekFigures', () => {
  it('counts a small cohort: honoured, missed, unknown, exempt (leave and not asked), coaching held', () => {
    const cohort: IntrapreneurRole[] = [
      alice,
      { person: 'dora', project: 'tri', manager: 'nina', coach: 'bob' },
      { person: 'eric', project: 'tri', manager: 'nina', coach: 'bob' },
      { person: 'fanny', project: 'repas', manager: 'paul', coach: 'lea' },
      { person: 'gus', project: 'repas', manager: 'paul', coach: 'lea' },
      { person: 'hana', project: 'repas', manager: 'paul', coach: 'lea' },
    ];
    const f = facts({
      roles: cohort,
      answers: [
        answer('2026-W48', 1, true), // alice: honoured, coaching held
        answer('2026-W48', 2, false, 'dora'), // honoured, coaching missed…
        answer('2026-W48', 0.5, true, 'eric'), // missed, coaching held
        answer('2026-W48', 'leave', undefined, 'fanny'), // exempt
      ],
      asked: [['gus', '2026-W48']], // gus: unknown; hana: not asked (counts as exempt)
      logged: [['dora', '2026-W48']], // …but her coach logged a session
    });
    expect(weekFigures(f, '2026-W48')).toEqual({
      week: '2026-W48',
      intrapreneurs: 6,
      honoured: 2,
      missed: 1,
      unknown: 1,
      exempt: 2,
      coachingHeld: 3,
    });
  });

  it('counts everyone as exempt in a break week', () => {
    const f = facts({
      programme: { breaks: [{ from: '2026-12-21', to: '2027-01-01' }] },
      answers: [answer('2026-W52', 0, true)],
    });
    expect(weekFigures(f, '2026-W52')).toEqual({
      week: '2026-W52',
      intrapreneurs: 1,
      honoured: 0,
      missed: 0,
      unknown: 0,
      exempt: 1,
      coachingHeld: 0,
    });
  });
});
