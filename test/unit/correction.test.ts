// Owners' corrections as pure functions: which change is one, how several read in a digest, what `/checkin` reads.
import { describe, expect, it } from 'vitest';
import type { CheckinAnswer } from '../../src/core/checkin.ts';
import { parseCheckinCommand } from '../../src/core/checkin-command.ts';
import { type Correction, correctionOf, summariseCorrections } from '../../src/core/correction.ts';
import { correctionLines } from '../../src/render/digest-text.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const AT = new Date('2026-11-25T09:00:00Z');
const base = { intrapreneur: 'alice', week: '2026-W46', by: 'claire', at: AT };
const answered: CheckinAnswer = {
  intrapreneur: 'alice',
  week: '2026-W46',
  release: { kind: 'days', days: 0 },
  answeredBy: 'alice',
  answeredAt: AT,
  updatedAt: AT,
};

describe('correctionOf', () => {
  it('is a change of a figure by someone other than the intrapreneur', () => {
    const change = { field: 'release', release: { kind: 'days', days: 1 } } as const;
    expect(correctionOf(answered, change, base)).toEqual({
      ...base,
      field: 'release',
      before: '0',
      after: '1',
    });
    expect(correctionOf(undefined, { field: 'coaching', held: false }, base)).toEqual({
      ...base,
      field: 'coaching',
      after: 'no',
    });
    // Her own click, a comment, a click that changes nothing: no correction.
    expect(correctionOf(answered, change, { ...base, by: 'alice' })).toBeUndefined();
    expect(correctionOf(answered, { field: 'comment', comment: 'vu' }, base)).toBeUndefined();
    expect(
      correctionOf(answered, { field: 'release', release: { kind: 'days', days: 0 } }, base),
    ).toBeUndefined();
  });
});

describe('summariseCorrections', () => {
  const c = (minutes: number, extra: Partial<Correction>): Correction => ({
    ...base,
    field: 'release',
    after: '1',
    at: new Date(AT.getTime() + minutes * 60_000),
    ...extra,
  });

  it('reads the clicks on one figure as one change, first value to last, and drops what was put back', () => {
    expect(
      summariseCorrections([
        c(2, { before: '0.5', after: '1', by: 'thomas' }),
        c(1, { before: '0', after: '0.5' }),
        c(3, { intrapreneur: 'nicolas', before: '1', after: '0' }),
        c(4, { intrapreneur: 'nicolas', before: '0', after: '1' }),
        c(5, { week: '2026-W45', field: 'coaching', after: 'yes' }),
      ]),
    ).toEqual([
      { intrapreneur: 'alice', week: '2026-W45', field: 'coaching', after: 'yes', by: ['claire'] },
      {
        intrapreneur: 'alice',
        week: '2026-W46',
        field: 'release',
        before: '0',
        after: '1',
        by: ['claire', 'thomas'],
      },
    ]);
  });

  it('names ten in a digest and counts the rest', () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const summaries = summariseCorrections(people.map((p, i) => c(i, { intrapreneur: p, before: '0' })));
    const lines = correctionLines(exampleProgramme(), summaries, 'fr');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe(
      '12 réponses corrigées par les responsables depuis la dernière synthèse (les alertes déjà envoyées restent) :',
    );
    expect(lines[1]).toBe('• p00, semaine 46 : 0 jour → 1 jour (corrigé par Claire Dubois)');
    expect(lines[11]).toBe('• … et 2 autres : voir le tableau de bord ou coaching-bot report.');
    expect(correctionLines(exampleProgramme(), [], 'fr')).toEqual([]);
  });
});

describe('parseCheckinCommand', () => {
  it('reads nothing, help, a mention, and a mention with a week written either way', () => {
    expect(parseCheckinCommand('  ')).toEqual({ kind: 'own' });
    expect(parseCheckinCommand('aide')).toEqual({ kind: 'help' });
    expect(parseCheckinCommand('@alice')).toEqual({ kind: 'for', who: { username: 'alice' } });
    expect(parseCheckinCommand('<@U0ALICE|alice> 2026-W47')).toEqual({
      kind: 'for',
      who: { platformId: 'U0ALICE' },
      week: { week: '2026-W47' },
    });
    expect(parseCheckinCommand('@alice 47')).toMatchObject({ week: { number: 47 } });
    expect(parseCheckinCommand('@alice S5')).toMatchObject({ week: { number: 5 } });
  });

  it('names the word it does not understand', () => {
    expect(parseCheckinCommand('alice')).toEqual({ kind: 'bad', token: 'alice' });
    expect(parseCheckinCommand('@alice 2026-W60')).toEqual({ kind: 'bad', token: '2026-W60' });
    expect(parseCheckinCommand('@alice 54')).toEqual({ kind: 'bad', token: '54' });
    expect(parseCheckinCommand('@alice 47 merci')).toEqual({ kind: 'bad', token: 'merci' });
  });
});
