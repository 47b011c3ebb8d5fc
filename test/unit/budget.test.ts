// The convention's instalments: amounts to the cent adding up to the ceiling, due dates from the signature, a phase
// or a date, and the words `/phase`, `coaching-bot status` and the dashboard use.
import { describe, expect, it } from 'vitest';
import { type Budget, budgetStatus, parseDue } from '../../src/core/budget.ts';
import { phaseStatus } from '../../src/core/phases.ts';
import type { Phase } from '../../src/core/programme.ts';
import { timeline } from '../../src/http/dashboard/timeline.ts';
import { budgetLines, eurosLabel } from '../../src/render/budget-text.ts';

const phases: Phase[] = [
  { id: 'call', name: 'Appel à intrapreneurs', start: '2026-09-01', end: '2026-09-30' },
  {
    id: 'pre_incubation',
    name: 'Début du programme et de la pré-incubation',
    start: '2026-10-16',
    end: '2027-02-26',
  },
  { id: 'demo', name: 'Démonstration', start: '2027-03-01', end: '2027-03-15' },
];
const convention: Budget = {
  ceiling: 40000,
  signedOn: '2026-09-15',
  instalments: [
    { share: 80, due: { kind: 'signature' } },
    { share: 20, due: { kind: 'end', phase: 'pre_incubation' } },
  ],
};

describe('budgetStatus', () => {
  it('gives each instalment its amount, its date and where it stands today', () => {
    const status = budgetStatus({ budget: convention, phases }, '2026-12-01');
    expect(status?.payments.map((p) => [p.place, p.amount, p.date, p.state])).toEqual([
      ['advance', 32000, '2026-09-15', 'past'],
      ['balance', 8000, '2027-02-26', 'upcoming'],
    ]);
    expect(budgetStatus({ budget: convention, phases }, '2027-02-26')?.payments[1]?.state).toBe('due');
    expect(budgetStatus({ phases }, '2026-12-01')).toBeUndefined();
  });

  it('rounds to the cent and lets the last instalment take the rest, so the amounts make the ceiling', () => {
    const thirds: Budget = {
      ceiling: 10000,
      instalments: [
        { share: 33.33, due: { kind: 'start', phase: 'pre_incubation' } },
        { share: 33.33, due: { kind: 'date', date: '2027-01-15' } },
        { share: 33.34, due: { kind: 'signature' } },
      ],
    };
    const status = budgetStatus({ budget: thirds, phases }, '2026-12-01');
    expect(status?.payments.map((p) => [p.place, p.number, p.amount, p.date ?? null])).toEqual([
      ['advance', 1, 3333, '2026-10-16'],
      ['instalment', 2, 3333, '2027-01-15'],
      // Not signed yet: no date, still to come.
      ['balance', 3, 3334, null],
    ]);
    expect(status?.payments[2]?.state).toBe('upcoming');
    const odd = budgetStatus(
      {
        budget: {
          ceiling: 1000.01,
          instalments: [
            { share: 50, due: { kind: 'signature' } },
            { share: 50, due: { kind: 'signature' } },
          ],
        },
        phases,
      },
      '2026-12-01',
    );
    expect(odd?.payments.map((p) => p.amount)).toEqual([500.01, 500]);
  });

  it('reads how the programme file writes a due', () => {
    expect(parseDue('signature')).toEqual({ kind: 'signature' });
    expect(parseDue('end_of_pre_incubation')).toEqual({ kind: 'end', phase: 'pre_incubation' });
    expect(parseDue('start_of_demo')).toEqual({ kind: 'start', phase: 'demo' });
    expect(parseDue('2027-01-15')).toEqual({ kind: 'date', date: '2027-01-15' });
    expect(parseDue('à la fin')).toBeUndefined();
  });
});

describe('the instalments in words', () => {
  it('says each one as the convention would, in French with narrow spaces in the amounts', () => {
    expect(eurosLabel(8000, 'fr')).toBe('8\u202f000\u00a0€');
    expect(eurosLabel(500.5, 'fr')).toBe('500,50\u00a0€');
    expect(budgetLines(budgetStatus({ budget: convention, phases }, '2026-12-01'), 'fr')).toEqual([
      'Convention : plafond de 40\u202f000\u00a0€, signée le 15 septembre 2026.',
      '• Avance de 32\u202f000\u00a0€ exigible à la signature, le 15 septembre 2026',
      '• Solde de 8\u202f000\u00a0€ exigible à la fin de la pré-incubation, le 26 février 2027',
    ]);
    const other: Budget = {
      ceiling: 12000,
      tax: 'HT',
      instalments: [
        { share: 50, due: { kind: 'start', phase: 'demo' } },
        { share: 25, due: { kind: 'date', date: '2027-04-01' } },
        { share: 25, due: { kind: 'signature' } },
      ],
    };
    expect(budgetLines(budgetStatus({ budget: other, phases }, '2026-12-01'), 'fr')).toEqual([
      'Convention : plafond de 12\u202f000\u00a0€ HT.',
      '• Avance de 6\u202f000\u00a0€ HT exigible au début de la phase « Démonstration », le 1er mars 2027',
      '• Versement n° 2 de 3\u202f000\u00a0€ HT exigible le 1er avril 2027',
      '• Solde de 3\u202f000\u00a0€ HT exigible à la signature',
    ]);
  });

  it('says the same in English', () => {
    expect(
      budgetLines(budgetStatus({ budget: { ...convention, tax: 'TTC' }, phases }, '2026-12-01'), 'en'),
    ).toEqual([
      'Convention: ceiling of €40,000 incl. tax, signed on 15 September 2026.',
      '• Advance of €32,000 incl. tax due at signature, on 15 September 2026',
      '• Balance of €8,000 incl. tax due at the end of pre-incubation, on 26 February 2027',
    ]);
  });
});

describe('the dashboard’s time line', () => {
  it('marks each instalment on the line and lists it with its amount, date and state', () => {
    const today = '2026-12-01';
    const budget = budgetStatus({ budget: convention, phases }, today);
    const markup = timeline(
      { ...phaseStatus({ phases, projects: [] }, today), ...(budget ? { budget } : {}) },
      'fr',
    ).toString();
    expect(markup.match(/class="cb-payment cb-payment--(\w+)"/g)).toEqual([
      'class="cb-payment cb-payment--past"',
      'class="cb-payment cb-payment--upcoming"',
    ]);
    expect(markup).toContain('>32\u202f000\u00a0€</text>');
    expect(markup).toContain(
      'Solde de 8\u202f000\u00a0€ exigible à la fin de la pré-incubation, le 26 février 2027 <span class="fr-badge fr-badge--sm  fr-badge--no-icon">à venir</span>',
    );
    expect(markup).toContain(
      '<strong>Convention : plafond de 40\u202f000\u00a0€, signée le 15 septembre 2026.</strong>',
    );
    const without = timeline(phaseStatus({ phases, projects: [] }, today), 'fr').toString();
    expect(without).not.toContain('cb-payment');
    expect(without).toContain('viewBox="0 -4 1000 124"');
  });
});
