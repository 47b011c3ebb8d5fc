// Someone who is an intrapreneur in two programmes of one deployment gets two prompts a week: each names its
// programme, on every platform, and Slack's buttons carry the programme's key so that a click reaches it. Everyone
// else's messages are what they always were.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intrapreneursElsewhere } from '../../src/app/memberships.ts';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { ChatMessage } from '../../src/core/messages.ts';
import { findPerson, type Person, type Programme } from '../../src/core/programme.ts';
import { composeMail, type MailLinks } from '../../src/platforms/email/compose.ts';
import { mailText } from '../../src/platforms/email/render.ts';
import { renderPost } from '../../src/platforms/mattermost/render.ts';
import { ContextSigner } from '../../src/platforms/mattermost/signing.ts';
import { messageCard } from '../../src/platforms/sandbox/render.ts';
import { checkinForm, renderMessage } from '../../src/platforms/slack/render.ts';
import { parseClick, parseOrigin } from '../../src/platforms/slack/values.ts';
import { renderText } from '../../src/render/render-text.ts';
import { loadProgrammes } from '../../src/runtime.ts';
import { shapeRefusal } from '../fakes/slack-blocks.ts';
import { buttons, visibleText } from '../fakes/slack-workspace.ts';

const WEEK = '2026-W48';
const HDF = 'Startups de Territoire — Hauts-de-France';
const [hdf, reunion] = loadProgrammes(join(import.meta.dirname, '../../examples/programmes')) as [
  Programme,
  Programme,
];
const prompt = (programme?: string): ChatMessage => ({
  kind: 'prompt',
  week: WEEK,
  intrapreneur: 'camille',
  ...(programme ? { programme } : {}),
});
const reminder = (programme?: string): ChatMessage => ({
  kind: 'reminder',
  week: WEEK,
  intrapreneur: 'camille',
  ...(programme ? { programme } : {}),
});

describe('who is an intrapreneur in several programmes', () => {
  it('is matched across files by e-mail, under another id; a coach in both is not one', () => {
    const yaml = (id: string, intrapreneur: string, email: string) => `
programme: { id: ${id}, name: Programme ${id}, organisation: DINUM }
owners: [claire]
people:
  - { id: claire, name: Claire Dubois, email: claire@example.org }
  - { id: sophie, name: Sophie Girard, email: sophie@example.org }
  - { id: ${intrapreneur}, name: Camille Lambert, email: ${email} }
  - { id: other, name: Paul Martin, email: paul.${id}@example.org }
  - { id: marc, name: Marc Petit, email: marc@example.org }
phases:
  - { id: pre_incubation, name: Pré-incubation, start: 2026-10-01, end: 2027-02-26 }
  - { id: poc_committee, name: Comité, start: 2027-03-01, end: 2027-03-12 }
projects:
  - { id: a, name: A, coach: sophie, intrapreneurs: [{ person: ${intrapreneur}, manager: marc }] }
  - { id: b, name: B, coach: sophie, intrapreneurs: [{ person: other, manager: marc }] }
`;
    const load = (text: string) => {
      const loaded = parseProgramme(text);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return loaded.programme;
    };
    const one = load(yaml('one', 'camille', 'camille@example.org'));
    const two = load(yaml('two', 'clambert', 'Camille@Example.org'));
    const three = load(yaml('three', 'camille', 'camille.three@example.org'));
    expect([...intrapreneursElsewhere([one, two, three], one)]).toEqual(['camille']);
    expect([...intrapreneursElsewhere([one, two, three], two)]).toEqual(['clambert']);
    expect([...intrapreneursElsewhere([one, two, three], three)]).toEqual([]);
    expect([...intrapreneursElsewhere([one], one)]).toEqual([]);
  });
});

describe('the programme line', () => {
  it('is the second line of the plain text of a prompt, and follows a reminder', () => {
    expect(renderText(hdf, prompt(HDF), 'fr').split('\n').slice(0, 3)).toEqual([
      'Point hebdomadaire — semaine 48, du 23 au 27 novembre',
      `Programme : ${HDF}`,
      'Bonjour Camille Lambert, deux questions sur votre semaine. Chaque clic est enregistré tout de suite ; vous pourrez corriger plus tard.',
    ]);
    expect(renderText(hdf, reminder(HDF), 'en').split('\n')).toEqual([
      "Hello Camille Lambert, a quick reminder: we do not have your answer for week 48, 23–27 November yet. Two clicks are enough, in Friday's message or with /checkin.",
      `Programme: ${HDF}`,
    ]);
  });

  it('is absent for someone in one programme: the prompt and reminder read as before', () => {
    expect(renderText(hdf, prompt(), 'fr').split('\n').slice(0, 2)).toEqual([
      'Point hebdomadaire — semaine 48, du 23 au 27 novembre',
      'Bonjour Camille Lambert, deux questions sur votre semaine. Chaque clic est enregistré tout de suite ; vous pourrez corriger plus tard.',
    ]);
    expect(renderText(hdf, reminder(), 'fr')).not.toContain('\n');
  });

  it('shows in Slack under the header, and the buttons carry the programme’s key', () => {
    const named = renderMessage(
      reunion,
      { ...prompt('Startups de Territoire — La Réunion') },
      'fr',
      'reunion',
    );
    expect(named.blocks[0]).toMatchObject({ type: 'header' });
    expect(named.blocks[1]).toEqual({
      type: 'context',
      elements: [
        { type: 'plain_text', text: 'Programme : Startups de Territoire — La Réunion', emoji: true },
      ],
    });
    expect(buttons(named).map((b) => b.button.value)).toEqual([
      ...['0', '0.5', '1', '1.5', '2', 'leave'].map((c) => `${WEEK}|release|${c}|p=reunion`),
      `${WEEK}|coaching|yes|p=reunion`,
      `${WEEK}|coaching|no|p=reunion`,
      `${WEEK}|comment|p=reunion`,
    ]);
    expect(visibleText(renderMessage(reunion, reminder('La Réunion'), 'fr', 'reunion'))).toContain(
      '/checkin.\nProgramme : La Réunion',
    );
    const alone = renderMessage(hdf, prompt(), 'fr');
    expect(visibleText(alone)).not.toContain('Programme');
    expect(buttons(alone).map((b) => b.button.value)).toContain(`${WEEK}|release|1`);
  });

  it('shows on Slack’s /checkin form, whose buttons carry both whose answer and which programme', () => {
    const form = checkinForm(
      [{ week: WEEK }],
      'fr',
      { intrapreneur: 'kevin', name: 'Kévin Rivière' },
      { key: 'reunion', name: 'Startups de Territoire — La Réunion' },
    );
    expect(visibleText(form).split('\n').slice(0, 2)).toEqual([
      'Point hebdomadaire de Kévin Rivière, rempli par vous : chaque clic est enregistré pour Kévin Rivière, à votre nom, et signalé dans la prochaine synthèse.',
      'Programme : Startups de Territoire — La Réunion',
    ]);
    expect(buttons(form)[0]?.button.value).toBe(`${WEEK}|release|0|for=kevin|p=reunion`);
  });

  it('fits Slack with a programme name of 2,000 characters: the header keeps the week', () => {
    const long = `Startups de Territoire — ${'Communauté d’agglomération '.repeat(80)}`.slice(0, 2000);
    const message = renderMessage(hdf, prompt(long), 'fr', 'hdf');
    expect(shapeRefusal(message.text, message.blocks)).toBeUndefined();
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Semaine 48 — du 23 au 27 novembre', emoji: true },
    });
    // The name is said whole (a context element takes 3,000 characters).
    expect(message.blocks[1]).toMatchObject({ type: 'context', elements: [{ text: `Programme : ${long}` }] });
    const form = checkinForm([{ week: WEEK }, { week: '2026-W47' }], 'fr', undefined, {
      key: 'hdf',
      name: long,
    });
    expect(shapeRefusal(form.text, form.blocks)).toBeUndefined();
  });

  it('shows in Mattermost’s prompt post, under its title', () => {
    const links = { actionUrl: 'https://bot.example.org/mattermost/action', signer: new ContextSigner('t') };
    const post = renderPost(hdf, prompt(HDF), 'fr', links);
    expect(post.message.split('\n').slice(0, 2)).toEqual([
      '#### Point hebdomadaire — semaine 48, du 23 au 27 novembre',
      `Programme : ${HDF}`,
    ]);
    expect(renderPost(hdf, prompt(), 'fr', links).message).not.toContain('Programme');
  });

  it('shows in the e-mail prompt and reminder, before the greeting', () => {
    const links: MailLinks = { checkin: () => () => 'https://bot.example/c', dashboard: () => undefined };
    const recipient = findPerson(hdf, 'camille') as Person;
    for (const message of [prompt(HDF), reminder(HDF)]) {
      const content = composeMail({ programme: hdf, message, locale: 'fr', recipient, links });
      expect(content.blocks[0]).toEqual({ kind: 'text', text: `Programme : ${HDF}` });
      expect(mailText(content).split('\n')).toContain(`Programme : ${HDF}`);
    }
    const alone = composeMail({ programme: hdf, message: prompt(), locale: 'fr', recipient, links });
    expect(mailText(alone)).not.toContain(`Programme : ${HDF}`);
  });

  it('shows on the sandbox’s prompt, whose forms post the programme they are of', () => {
    const row = (message: ChatMessage) => ({
      id: 1,
      recipient: 'camille',
      key: `prompt:camille:${WEEK}`,
      message,
      createdAt: new Date('2026-11-27T13:00:00Z'),
      updatedAt: new Date('2026-11-27T13:00:00Z'),
    });
    const viewer = { programme: hdf, person: 'camille', locale: 'fr' as const, lang: undefined, p: hdf.key };
    const state = {
      week: WEEK,
      intrapreneur: 'camille',
      answer: undefined,
      closed: false,
      programme: hdf.key,
    };
    const card = String(messageCard(viewer, row(prompt(HDF)), state));
    expect(card).toContain(`<p class="fr-text--sm fr-mb-1w cb-programme">Programme : ${HDF}</p>`);
    expect(card).toContain(`<input type="hidden" name="programme" value="${hdf.key}">`);
    const reminded = String(messageCard(viewer, row(reminder(HDF))));
    expect(reminded).toContain(`petit rappel`);
    expect(reminded).toContain(`/checkin.\nProgramme : ${HDF}</p>`);
    const alone = String(
      messageCard({ ...viewer, p: undefined }, row(prompt()), { ...state, programme: undefined }),
    );
    expect(alone).not.toContain('Programme');
    expect(alone).not.toContain('name="programme"');
  });
});

describe('a Slack button’s value', () => {
  it('names the programme last, and is refused when anything is out of place', () => {
    expect(parseClick(`${WEEK}|release|1|for=kevin|p=reunion`)).toEqual({
      week: WEEK,
      intrapreneur: 'kevin',
      programme: 'reunion',
      change: { field: 'release', release: { kind: 'days', days: 1 } },
    });
    expect(parseClick(`${WEEK}|comment|p=reunion`)).toEqual({
      week: WEEK,
      programme: 'reunion',
      comment: true,
    });
    // Written before the programme was carried: still read, with no programme.
    expect(parseClick(`${WEEK}|coaching|yes`)).toEqual({
      week: WEEK,
      change: { field: 'coaching', held: true },
    });
    for (const forged of [
      `${WEEK}|release|1|p=Réunion`,
      `${WEEK}|release|1|p=`,
      `${WEEK}|release|1|p=reunion|for=kevin`,
      `${WEEK}|release|1|p=reunion|p=hdf`,
    ]) {
      expect(parseClick(forged)).toBeNull();
    }
  });

  it('and the comment modal’s metadata carry a programme key of the programme-file kind only', () => {
    expect(parseOrigin(JSON.stringify({ week: WEEK, programme: 'reunion' }))).toEqual({
      week: WEEK,
      programme: 'reunion',
    });
    expect(parseOrigin(JSON.stringify({ week: WEEK, programme: '../hdf' }))).toBeNull();
  });
});
