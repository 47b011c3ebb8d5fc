import { describe, expect, it } from 'vitest';
import { WeekFacts } from '../../src/core/week-facts.ts';

describe('WeekFacts', () => {
  it('knows nothing of a pair it was not told about', () => {
    const facts = new WeekFacts().addAsked('alice', '2026-W48');
    expect(facts.answer('alice', '2026-W47')).toBeUndefined();
    expect(facts.answer('nora', '2026-W48')).toBeUndefined();
    expect(facts.asked('nora', '2026-W48')).toBe(false);
    expect(facts.logged('alice', '2026-W48')).toBe(false);
    expect(facts.releasedDays('alice', '2026-W48')).toBeUndefined();
    expect(facts.coachingHeld('alice', '2026-W48')).toBeUndefined();
  });

  it('replaces an answer by a later one, and keeps who was asked and who logged', () => {
    const facts = new WeekFacts()
      .addAsked('alice', '2026-W48')
      .addLogged('alice', '2026-W48')
      .addAnswer({
        intrapreneur: 'alice',
        week: '2026-W48',
        release: { kind: 'days', days: 1.5 },
        coachingHeld: true,
      })
      .addAnswer({ intrapreneur: 'alice', week: '2026-W48', coachingHeld: false });
    expect(facts.answer('alice', '2026-W48')).toStrictEqual({
      intrapreneur: 'alice',
      week: '2026-W48',
      coachingHeld: false,
    });
    expect(facts.releasedDays('alice', '2026-W48')).toBeUndefined();
    expect(facts.asked('alice', '2026-W48')).toBe(true);
    expect(facts.logged('alice', '2026-W48')).toBe(true);
  });

  it('keeps every pair of a large cohort as its weeks grow', () => {
    const facts = new WeekFacts();
    const who = (i: number) => `intra-${i}`;
    const days = [0, 0.5, 1, 1.5, 2] as const;
    for (const week of ['2026-W47', '2026-W48']) {
      for (let i = 0; i < 5000; i++) {
        facts.addAnswer({ intrapreneur: who(i), week, release: { kind: 'days', days: days[i % 5] ?? 0 } });
        if (i % 3 === 0) facts.addAsked(who(i), week);
      }
    }
    // Someone new in an earlier week, once the columns are sized.
    facts.addLogged('late', '2026-W47');
    for (const week of ['2026-W47', '2026-W48']) {
      for (let i = 0; i < 5000; i++) {
        expect(facts.releasedDays(who(i), week)).toBe(days[i % 5]);
        expect(facts.asked(who(i), week)).toBe(i % 3 === 0);
      }
    }
    expect(facts.logged('late', '2026-W47')).toBe(true);
    expect(facts.answered('late', '2026-W47')).toBe(false);
  });

  it('records by number what it records by name, for a store loading thousands', () => {
    const byName = new WeekFacts()
      .addAnswer({
        intrapreneur: 'alice',
        week: '2026-W48',
        release: { kind: 'days', days: 0.5 },
        coachingHeld: false,
      })
      .addAnswer({ intrapreneur: 'nora', week: '2026-W48', release: { kind: 'leave' } })
      .addAsked('nora', '2026-W47')
      .addLogged('alice', '2026-W47');
    const byNumber = new WeekFacts();
    const alice = byNumber.numberOf('alice');
    const nora = byNumber.numberOf('nora');
    expect(byNumber.numberOf('alice')).toBe(alice);
    byNumber
      .addAnswerOf(alice, '2026-W48', 0.5, false)
      .addAnswerOf(nora, '2026-W48', 'leave', undefined)
      .addAskedOf(nora, '2026-W47')
      .addLoggedOf(alice, '2026-W47');
    for (const who of ['alice', 'nora', 'marc']) {
      for (const week of ['2026-W47', '2026-W48']) {
        expect(byNumber.answer(who, week)).toStrictEqual(byName.answer(who, week));
        expect([byNumber.asked(who, week), byNumber.logged(who, week)]).toEqual([
          byName.asked(who, week),
          byName.logged(who, week),
        ]);
      }
    }
  });
});
