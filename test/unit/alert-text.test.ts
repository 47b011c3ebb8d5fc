// What each alert says: the rule that fired, with its figures, and each rule said the same way everywhere.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alerts.ts';
import { messages } from '../../src/i18n/index.ts';
import { alertText } from '../../src/render/render-text.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const programme = exampleProgramme();
const base = { intrapreneur: 'nicolas', week: '2026-W48', recipients: ['laurent'] };

describe('the released-day alerts say which rule fired', () => {
  it('a first miss is a miss, never "again"', () => {
    const text = alertText(
      programme,
      { ...base, kind: 'release_missed', reason: { releasedDays: 0.5, required: 1 } },
      'fr',
    );
    expect(text).toEqual({
      title: 'Jour libéré non respecté',
      body: 'Nicolas Durand a déclaré 0,5 jour libéré pour la semaine 48, du 23 au 27 novembre, pour 1 jour prévu par la convention.',
    });
  });

  it('two weeks in a row names the previous week', () => {
    const alert: Alert = {
      ...base,
      kind: 'release_missed_again',
      reason: { releasedDays: 0, required: 1, previousWeek: '2026-W47' },
    };
    expect(alertText(programme, alert, 'fr')).toEqual({
      title: 'Jour libéré non respecté deux semaines de suite',
      body: "Nicolas Durand a déclaré 0 jour libéré pour la semaine 48, du 23 au 27 novembre, pour 1 jour prévu par la convention ; c'était déjà le cas pour la semaine 47, du 16 au 20 novembre : deux semaines de suite sous ce minimum. Ce temps est dû : merci de voir comment le lui garantir.",
    });
    expect(alertText(programme, alert, 'en').title).toBe('Released day not honoured two weeks in a row');
  });

  it('a first miss that brings the four-week average below the minimum says so, with the average, not "again"', () => {
    const alert: Alert = {
      ...base,
      kind: 'release_missed_again',
      reason: { releasedDays: 0.5, required: 1, rollingAverage: 0.875 },
    };
    const text = alertText(programme, alert, 'fr');
    expect(text.title).toBe('Jour libéré sous le minimum en moyenne sur quatre semaines');
    expect(text.body).toBe(
      'Nicolas Durand a déclaré 0,5 jour libéré pour la semaine 48, du 23 au 27 novembre ; sur les quatre dernières semaines répondues, la moyenne est de 0,88 jour par semaine, sous les 1 jour prévu par la convention. Ce temps est dû : merci de voir comment le lui garantir.',
    );
    for (const locale of ['fr', 'en'] as const) {
      const { title, body } = alertText(programme, alert, locale);
      expect(`${title} ${body}`).not.toMatch(/première fois|de nouveau|again|first time/i);
    }
  });

  it('two weeks in a row with a low average gives both figures in one alert', () => {
    const text = alertText(
      programme,
      {
        ...base,
        kind: 'release_missed_again',
        reason: { releasedDays: 0.5, required: 1, previousWeek: '2026-W47', rollingAverage: 0.75 },
      },
      'fr',
    );
    expect(text.title).toBe('Jour libéré non respecté deux semaines de suite');
    expect(text.body).toContain('déjà le cas pour la semaine 47, du 16 au 20 novembre');
    expect(text.body).toContain('la moyenne est aussi sous ce minimum : 0,75 jour par semaine');
  });
});

describe('an unanswered week, said the same way in the alert and on the dashboard', () => {
  it('the no-answer alert gives both rules: not a missed released day, but no coaching point without a log', () => {
    for (const locale of ['fr', 'en'] as const) {
      const rules = messages(locale).chat.rules;
      const { body } = alertText(programme, { ...base, kind: 'no_answer', reason: { required: 1 } }, locale);
      expect(body).toContain(rules.unansweredRelease);
      expect(body).toContain(rules.unansweredCoaching);
      expect(messages(locale).dashboard.release.legend.noAnswer).toContain(rules.unansweredRelease);
      expect(messages(locale).dashboard.coaching.legend.noAnswer).toContain(rules.unansweredCoaching);
      expect(messages(locale).dashboard.coaching.caption).toContain(rules.coachingPoint);
    }
    const { body } = alertText(programme, { ...base, kind: 'no_answer', reason: { required: 1 } }, 'fr');
    expect(body).not.toContain('pas compté comme un manquement');
  });

  it('the coaching alert says what a coaching point is: a "yes" or a coach’s session', () => {
    const { title, body } = alertText(
      programme,
      { ...base, kind: 'coaching_missed', reason: { required: 1, previousWeek: '2026-W47' } },
      'fr',
    );
    expect(title).toBe('Point de coaching manqué deux semaines de suite');
    expect(body).toBe(
      "Nicolas Durand n'a eu aucun point de coaching deux semaines de suite (semaine 47, du 16 au 20 novembre ; semaine 48, du 23 au 27 novembre) : ni réponse « oui », ni séance enregistrée par son coach.",
    );
  });
});
