import { describe, expect, it } from 'vitest';
import { type AnswerChange, applyChange, RELEASED_DAYS_CHOICES } from '../../src/core/checkin.ts';
import {
  choiceOf,
  choiceValues,
  coachingChoice,
  coachingChoices,
  isChoice,
  parseChoice,
  releaseChoice,
  releaseChoices,
} from '../../src/core/choice.ts';

describe('check-in choices', () => {
  it('lists every button: the released days in order, leave, then yes and no', () => {
    expect(choiceValues).toEqual(['0', '0.5', '1', '1.5', '2', 'leave', 'yes', 'no']);
    expect(releaseChoices).toEqual(['0', '0.5', '1', '1.5', '2', 'leave']);
    expect(coachingChoices).toEqual(['yes', 'no']);
    // One button per released-days value of the answer model, nothing more.
    expect(releaseChoices.filter((c) => c !== 'leave')).toEqual(RELEASED_DAYS_CHOICES.map(String));
  });

  it('turns each choice into the change it stands for', () => {
    expect(parseChoice('0')).toEqual({ field: 'release', release: { kind: 'days', days: 0 } });
    expect(parseChoice('0.5')).toEqual({ field: 'release', release: { kind: 'days', days: 0.5 } });
    expect(parseChoice('1')).toEqual({ field: 'release', release: { kind: 'days', days: 1 } });
    expect(parseChoice('1.5')).toEqual({ field: 'release', release: { kind: 'days', days: 1.5 } });
    expect(parseChoice('2')).toEqual({ field: 'release', release: { kind: 'days', days: 2 } });
    expect(parseChoice('leave')).toEqual({ field: 'release', release: { kind: 'leave' } });
    expect(parseChoice('yes')).toEqual({ field: 'coaching', held: true });
    expect(parseChoice('no')).toEqual({ field: 'coaching', held: false });
  });

  it('refuses anything else, strictly', () => {
    for (const value of [
      '',
      ' 1',
      '1 ',
      '0.50',
      '.5',
      '01',
      '2.0',
      '3',
      '-1',
      'NaN',
      'Infinity',
      '1e0',
      '0x1',
      'Leave',
      'YES',
      'oui',
      'comment',
      'true',
      'constructor',
      '__proto__',
      'toString',
    ]) {
      expect(parseChoice(value), JSON.stringify(value)).toBeUndefined();
      expect(isChoice(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('goes back from a change to its button, for every choice', () => {
    for (const choice of choiceValues) {
      const change = parseChoice(choice) as AnswerChange;
      expect(choiceOf(change)).toBe(choice);
      expect(isChoice(choice)).toBe(true);
    }
    expect(choiceOf({ field: 'comment', comment: 'POC présenté' })).toBeUndefined();
  });

  it('shows which button an answer holds', () => {
    expect(releaseChoice(undefined)).toBeUndefined();
    expect(releaseChoice({ kind: 'days', days: 1.5 })).toBe('1.5');
    expect(releaseChoice({ kind: 'leave' })).toBe('leave');
    expect(coachingChoice(undefined)).toBeUndefined();
    expect(coachingChoice(true)).toBe('yes');
    expect(coachingChoice(false)).toBe('no');
  });

  it('hands out a fresh change each time: applying one never alters the next', () => {
    const first = parseChoice('1') as AnswerChange & { field: 'release' };
    const base = { intrapreneur: 'alice', week: '2026-W47' as const, by: 'alice', at: new Date(0) };
    const answer = applyChange(undefined, base, first);
    if (answer.release?.kind === 'days') (answer.release as { days: number }).days = 2;
    expect(parseChoice('1')).toEqual({ field: 'release', release: { kind: 'days', days: 1 } });
  });
});
