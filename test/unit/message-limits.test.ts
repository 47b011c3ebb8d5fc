// Every message the bot builds, for cohorts of 60 and 500 with ordinary and with very long names, checked against
// each platform's limits the way the local servers check them: Slack's Block Kit limits and text length
// (test/fakes/slack-blocks.ts), Mattermost's 16,383 runes. The owner's digest stays one message, summarised.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alerts.ts';
import type { CheckinAnswer } from '../../src/core/checkin.ts';
import type { ChatMessage, WeekDigest } from '../../src/core/messages.ts';
import type { Programme } from '../../src/core/programme.ts';
import { plainPost, renderPost } from '../../src/platforms/mattermost/render.ts';
import { ContextSigner } from '../../src/platforms/mattermost/signing.ts';
import { checkinForm, plainMessage, renderMessage } from '../../src/platforms/slack/render.ts';
import { digestBody } from '../../src/render/digest-text.ts';
import { MAX_POST_RUNES, runes } from '../fakes/mattermost-api.ts';
import { shapeRefusal } from '../fakes/slack-blocks.ts';
import { cohort } from '../support/cohort.ts';

const WEEK = '2026-W47';
const links = { actionUrl: 'https://bot.example.org/mattermost/action', signer: new ContextSigner('t') };
const at = new Date('2026-11-20T15:00:00Z');

const answer = (who: string): CheckinAnswer => ({
  intrapreneur: who,
  week: WEEK,
  release: { kind: 'days', days: 0.5 },
  coachingHeld: false,
  // The longest comment a form lets through.
  comment: 'Réunions imposées par le service, pas de jour libéré possible. '.repeat(40).slice(0, 2000),
  answeredBy: who,
  answeredAt: at,
  updatedAt: at,
});

function alerts(programme: Programme, who: string): Alert[] {
  const manager = programme.projects.find((p) => p.intrapreneurs[0]?.person === who)?.intrapreneurs[0]
    ?.manager;
  const base = { intrapreneur: who, week: WEEK, recipients: [manager ?? 'm000'] };
  return [
    { ...base, kind: 'release_missed', reason: { releasedDays: 0.5, required: 1 } },
    {
      ...base,
      kind: 'release_missed_again',
      reason: { releasedDays: 0, required: 1, previousWeek: '2026-W46', rollingAverage: 0.375 },
    },
    {
      ...base,
      kind: 'release_missed_again',
      reason: { releasedDays: 0.5, required: 1, rollingAverage: 0.875 },
    },
    { ...base, kind: 'no_answer', reason: { required: 1 } },
    { ...base, kind: 'coaching_missed', reason: { required: 1, previousWeek: '2026-W46' } },
  ];
}

/** The worst week: every intrapreneur with two alerts, and every message of the week refused. */
function worstDigest(intrapreneurs: string[]): WeekDigest {
  return {
    week: WEEK,
    intrapreneurs: intrapreneurs.length,
    honoured: 0,
    missed: intrapreneurs.length,
    unknown: 0,
    exempt: 0,
    coachingHeld: 0,
    alerts: intrapreneurs.flatMap((who, i) => [
      { kind: i % 2 ? 'release_missed' : 'release_missed_again', intrapreneur: who },
      { kind: 'coaching_missed', intrapreneur: who },
    ]),
    undelivered: intrapreneurs.map((who) => ({ kind: 'prompt', recipient: who, error: 'users_not_found' })),
    dashboardUrl: 'https://bot.example.org/dashboard',
  };
}

function messagesOf(programme: Programme, intrapreneurs: string[]): [string, ChatMessage][] {
  const who = intrapreneurs[intrapreneurs.length - 1] as string;
  return [
    ['prompt', { kind: 'prompt', week: WEEK, intrapreneur: who, answer: answer(who) }],
    ['reminder', { kind: 'reminder', week: WEEK, intrapreneur: who }],
    ...alerts(programme, who).map((alert): [string, ChatMessage] => [
      `alert ${alert.kind}`,
      { kind: 'alert', alert },
    ]),
    ['digest', { kind: 'digest', digest: worstDigest(intrapreneurs) }],
    [
      'dashboard link',
      {
        kind: 'dashboard_link',
        url: `https://bot.example.org/dashboard?t=${'x'.repeat(200)}`,
        expiresAt: at,
      },
    ],
  ];
}

const cohorts = [
  ['60 people', cohort(60)],
  ['500 people', cohort(500)],
  ['60 people with long names', cohort(60, { longNames: true })],
  ['500 people with long names', cohort(500, { longNames: true })],
] as const;

describe.each(cohorts)('every message for %s', (_, c) => {
  const all = messagesOf(c.programme, c.intrapreneurs);

  it.each(all)('the %s fits Slack, as blocks and as plain text', (_kind, message) => {
    for (const locale of ['fr', 'en'] as const) {
      const rendered = renderMessage(c.programme, message, locale);
      expect(shapeRefusal(rendered.text, rendered.blocks)).toBeUndefined();
      const plain = plainMessage(c.programme, message, locale);
      expect(plain.blocks).toEqual([]);
      expect(plain.text.length).toBeLessThanOrEqual(4000);
    }
  });

  it.each(all)('the %s fits a Mattermost post, with attachments and as plain text', (_kind, message) => {
    for (const locale of ['fr', 'en'] as const) {
      expect(runes(renderPost(c.programme, message, locale, links).message)).toBeLessThanOrEqual(
        MAX_POST_RUNES,
      );
      expect(plainPost(c.programme, message, locale).attachments).toEqual([]);
      expect(runes(plainPost(c.programme, message, locale).message)).toBeLessThanOrEqual(MAX_POST_RUNES);
    }
  });

  it('the /checkin form of two open weeks with long comments fits Slack', () => {
    const who = c.intrapreneurs[0] as string;
    const form = checkinForm(
      [
        { week: '2026-W46', answer: { ...answer(who), week: '2026-W46' } },
        { week: WEEK, answer: answer(who) },
      ],
      'fr',
    );
    expect(shapeRefusal(form.text, form.blocks)).toBeUndefined();
  });
});

describe('the owner’s digest, in one read', () => {
  it('names everyone when they fit, grouped by the rule that fired', () => {
    const c = cohort(6);
    const digest = worstDigest(c.intrapreneurs);
    const body = digestBody(c.programme, { ...digest, undelivered: [] }, 'fr', 3000);
    expect(body.split('\n')).toEqual([
      'Jour libéré : 0/6 respecté, 6 manqués, 0 sans réponse, 0 exempté.',
      'Points de coaching : 0/6.',
      '12 alertes :',
      '• Jour libéré non respecté deux semaines de suite (3) : Alice Martin, Camille Martin, Élodie Martin',
      '• Jour libéré non respecté (3) : Mehdi Martin, Nicolas Martin, Pierre Martin',
      '• Point de coaching manqué deux semaines de suite (6) : Alice Martin, Camille Martin, Élodie Martin, Mehdi Martin, Nicolas Martin, Pierre Martin',
      'Le détail de chaque alerte est sur le tableau de bord : https://bot.example.org/dashboard (votre lien personnel : /phase dashboard).',
    ]);
  });

  it('summarises 500 people within one Slack section: every count, the names that fit, how many more', () => {
    const c = cohort(500);
    const message: ChatMessage = { kind: 'digest', digest: worstDigest(c.intrapreneurs) };
    const rendered = renderMessage(c.programme, message, 'fr');
    expect(rendered.blocks).toHaveLength(2);
    const body = String((rendered.blocks[1] as { text?: { text?: string } } | undefined)?.text?.text);
    expect(body.length).toBeLessThanOrEqual(3000);
    expect(body).toContain('1\u202f000 alertes :');
    expect(body).toMatch(
      /• Jour libéré non respecté deux semaines de suite \(250\) : Alice Benali, .* et \d+ autres\n/,
    );
    expect(body).toMatch(/• Jour libéré non respecté \(250\) : .* et \d+ autres\n/);
    expect(body).toMatch(/• Point de coaching manqué deux semaines de suite \(500\) : .* et \d+ autres\n/);
    expect(body).toContain('500 messages n’ont pas pu être remis :');
    expect(body).toMatch(/\n• … et \d+ autres\n/);
    expect(body.split('\n').at(-1)).toBe(
      'Le détail de chaque alerte est sur le tableau de bord : https://bot.example.org/dashboard (votre lien personnel : /phase dashboard).',
    );
    // Every name shown is counted once: shown + "et N autres" = the group's count.
    const group = /• Point de coaching manqué deux semaines de suite \(500\) : (.*) et (\d+) autres/.exec(
      body,
    );
    expect((group?.[1]?.split(', ').length ?? 0) + Number(group?.[2])).toBe(500);
  });

  it('says it in English too', () => {
    const c = cohort(500);
    const body = digestBody(c.programme, worstDigest(c.intrapreneurs), 'en', 3000);
    expect(body).toContain('1,000 alerts:');
    expect(body).toMatch(/• Coaching point missed two weeks in a row \(500\): .* and \d+ others\n/);
    expect(body.length).toBeLessThanOrEqual(3000);
  });
});
