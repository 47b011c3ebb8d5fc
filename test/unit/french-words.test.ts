// French as the French read it: times in the programme's zone and in words, « d’Alice » but « de Marc », « 0,5 jour »
// and « 2 jours » — and English that says the same in its own way ("0.5 days").
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import type { Programme } from '../../src/core/programme.ts';
import { messages } from '../../src/i18n/index.ts';
import { errorText } from '../../src/render/error-text.ts';
import { alertText, renderText } from '../../src/render/render-text.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const programme = exampleProgramme();
const link = (expiresAt: string) => ({
  kind: 'dashboard_link' as const,
  url: 'https://bot.example.org/dashboard?t=x',
  expiresAt: new Date(expiresAt),
});

describe('times in messages', () => {
  it('says until when a dashboard link is valid in the programme’s zone, in words', () => {
    const text = renderText(programme, link('2026-12-04T13:43:00Z'), 'fr');
    expect(text).toContain('valable jusqu’au vendredi 4 décembre à 14 h 43 :');
    expect(text).not.toMatch(/UTC|2026-12-04|13:43/);
    expect(renderText(programme, link('2026-12-01T08:00:00Z'), 'fr')).toContain(
      'jusqu’au mardi 1er décembre à 9 h :',
    );
    expect(renderText(programme, link('2026-12-04T13:43:00Z'), 'en')).toContain(
      'valid until Friday 4 December at 14:43:',
    );
  });

  it('follows the programme’s own zone and its daylight saving time', () => {
    const cayenne: Programme = { ...programme, timezone: 'America/Cayenne' };
    expect(renderText(cayenne, link('2026-12-04T13:43:00Z'), 'fr')).toContain(
      'vendredi 4 décembre à 10 h 43',
    );
    expect(renderText(programme, link('2026-07-03T22:05:00Z'), 'fr')).toContain('samedi 4 juillet à 0 h 05');
  });
});

describe('élision before a name', () => {
  const withPerson = (id: string, name: string): Programme => ({
    ...programme,
    people: programme.people.map((p) => (p.id === 'alice' ? { ...p, id, name } : p)),
  });
  const refusal = (name: string) =>
    errorText(withPerson('x', name), new AppError('not_allowed', { action: 'log', person: 'x' }), 'fr');

  it('writes d’ before a vowel or a mute h, de before a consonant', () => {
    expect(refusal('Alice Martin')).toBe(
      'Seul le coach d’Alice Martin ou un responsable du programme peut enregistrer ses séances.',
    );
    expect(refusal('Élodie Fournier')).toMatch(/^Seul le coach d’Élodie Fournier /);
    expect(refusal('Hélène Roux')).toMatch(/^Seul le coach d’Hélène Roux /);
    expect(refusal('Yves Morel')).toMatch(/^Seul le coach d’Yves Morel /);
    expect(refusal('Marc Petit')).toMatch(/^Seul le coach de Marc Petit /);
    expect(refusal('Yasmine Haddad')).toMatch(/^Seul le coach de Yasmine Haddad /);
  });

  it('in every sentence that puts « de » before a name', () => {
    const t = messages('fr').commands;
    expect(t.historyTitle('Isabelle Roux')).toBe('Dernières séances de coaching d’Isabelle Roux :');
    expect(t.errors.not_allowed.history('Olivier Blanc')).toMatch(
      /^Vous ne pouvez pas consulter l’historique d’Olivier Blanc :/,
    );
    expect(t.errors.not_allowed.answer('Ugo Lenoir')).toBe(
      'Vous ne pouvez pas répondre à la place d’Ugo Lenoir.',
    );
    expect(t.errors.not_allowed.answer('Nicolas Durand')).toBe(
      'Vous ne pouvez pas répondre à la place de Nicolas Durand.',
    );
  });
});

describe('counts and numbers', () => {
  it('agrees days as each language does, with its decimal separator', () => {
    const fr = messages('fr').dates.days;
    const en = messages('en').dates.days;
    expect([0.5, 1, 1.5, 2, 3].map(fr)).toEqual(['0,5 jour', '1 jour', '1,5 jour', '2 jours', '3 jours']);
    expect([0.5, 1, 1.5, 2].map(en)).toEqual(['0.5 days', '1 day', '1.5 days', '2 days']);
    expect(messages('fr').dashboard.release.spoken.honoured(1.5)).toBe('1,5 jour, respecté');
    expect(messages('en').dashboard.release.spoken.honoured(0.5)).toBe('0.5 days, met');
  });

  it('says a missed release in agreed words', () => {
    const alert = (released: number, required: number) =>
      alertText(
        { ...programme, daysPerWeek: required },
        {
          kind: 'release_missed',
          intrapreneur: 'alice',
          week: '2026-W48',
          reason: { releasedDays: released, required },
        },
        'fr',
      ).body;
    expect(alert(0.5, 1)).toBe(
      'Alice Martin a déclaré 0,5 jour libéré pour la semaine 48, du 23 au 27 novembre, pour 1 jour prévu par la convention.',
    );
    expect(alert(0, 2.5)).toContain(
      'a déclaré 0 jour libéré pour la semaine 48, du 23 au 27 novembre, pour 2,5 jours prévus',
    );
    expect(alert(2, 3)).toContain('a déclaré 2 jours libérés ou plus pour la semaine 48');
  });

  it('counts what `check` found in a programme file, one or several', () => {
    expect(messages('fr').cli.valid('p.yml', 'P', 1, 1, 5)).toBe(
      'p.yml : valide — « P », 1 projet, 1 intrapreneur, 5 phases.',
    );
    expect(messages('en').cli.valid('p.yml', 'P', 1, 2, 5)).toBe(
      'p.yml: valid — “P”, 1 project, 2 intrapreneurs, 5 phases.',
    );
    expect(messages('fr').data.backupDone('b.db', 1)).toContain('(1 page)');
  });

  it('counts alerts and messages of the digest without « (s) »', () => {
    const digest = (alerts: number, undelivered: number) =>
      renderText(
        programme,
        {
          kind: 'digest',
          digest: {
            week: '2026-W48',
            intrapreneurs: 6,
            honoured: 1,
            missed: 2,
            unknown: 3,
            exempt: 0,
            coachingHeld: 4,
            alerts: Array.from({ length: alerts }, () => ({
              kind: 'no_answer' as const,
              intrapreneur: 'alice',
            })),
            undelivered: Array.from({ length: undelivered }, () => ({
              recipient: 'marc',
              kind: 'alert',
              error: 'refusé',
            })),
          },
        },
        'fr',
      );
    expect(digest(1, 1)).not.toContain('(s)');
    expect(digest(1, 1)).toContain('1 alerte :');
    expect(digest(1, 1)).toContain('1 message n’a pas pu être remis :');
    expect(digest(2, 3)).toContain('2 alertes :');
    expect(digest(2, 3)).toContain('3 messages n’ont pas pu être remis :');
    expect(digest(0, 0)).toContain('Jour libéré : 1/6 respecté, 2 manqués, 3 sans réponse, 0 exempté.');
  });
});
