// What people do in Slack, through the real Bolt receiver on the bot's HTTP server: slash commands, clicks on the
// check-in, the comment modal. Every request is signed the way Slack signs it; a request that is not is refused
// and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { findPerson } from '../../src/core/programme.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import type { FakeMessage } from '../fakes/slack-server.ts';
import { buttons, visibleText } from '../fakes/slack-workspace.ts';

const WEEK = '2026-W47';

describe('Slack requests', () => {
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot();
    // A colleague on the workspace who is not in the programme.
    s.slack.addUser({ id: 'U0VISITOR', name: 'Victor Visiteur', email: 'victor@example.org' });
  });
  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  async function prompt(person: string): Promise<FakeMessage> {
    await sendPrompts(s.bot.ctx, WEEK);
    const [message] = s.slack.directMessages(s.slackId(person));
    if (!message) throw new Error(`no prompt for ${person}`);
    return message;
  }

  /** Waits until the bot has redrawn `message` `edits` times in all. */
  const redrawn = (message: { edits: number }, edits: number) =>
    s.slack.until(() => message.edits >= edits, 'the check-in to be redrawn');

  describe('signatures', () => {
    const sixMinutesAgo = () => Math.floor(Date.now() / 1000) - 6 * 60;

    it('refuses unsigned, wrongly signed and stale slash commands, and stores nothing', async () => {
      const julien = s.slackId('julien');
      const text = `log <@${s.slackId('alice')}|alice.martin> 45min revue du POC`;
      const attempts = [
        await s.workspace.command(julien, '/coaching', text, { unsigned: true }),
        await s.workspace.command(julien, '/coaching', text, { secret: 'not-the-secret' }),
        await s.workspace.command(julien, '/coaching', text, { timestamp: sixMinutesAgo() }),
      ];
      expect(attempts.map((a) => a.status)).toEqual([401, 401, 401]);
      expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
      expect(s.slack.responses).toEqual([]);
    });

    it('refuses unsigned, wrongly signed and stale clicks and modal submissions', async () => {
      const alice = s.slackId('alice');
      const message = await prompt('alice');
      const clicks = [
        await s.workspace.click(alice, message, '1', { unsigned: true }),
        await s.workspace.click(alice, message, '1', { secret: 'not-the-secret' }),
        await s.workspace.click(alice, message, '1', { timestamp: sixMinutesAgo() }),
      ];
      expect(clicks.map((c) => c.status)).toEqual([401, 401, 401]);

      await s.workspace.click(alice, message, 'Ajouter un commentaire');
      await s.slack.until(() => s.slack.views.size === 1, 'the comment modal');
      const [view] = s.slack.views.keys();
      const submissions = [
        await s.workspace.submit(alice, view as string, { comment: 'forgé' }, { unsigned: true }),
        await s.workspace.submit(alice, view as string, { comment: 'forgé' }, { secret: 'not-the-secret' }),
        await s.workspace.submit(alice, view as string, { comment: 'forgé' }, { timestamp: sixMinutesAgo() }),
      ];
      expect(submissions.map((r) => r.status)).toEqual([401, 401, 401]);
      expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      expect(message.edits).toBe(0);
    });
  });

  describe('slash commands', () => {
    it('acknowledges /phase at once and answers the person alone', async () => {
      const reply = await s.workspace.command(s.slackId('claire'), '/phase');
      expect(reply).toEqual({ status: 200, body: '' });
      await s.slack.until(() => s.slack.ephemerals.length === 1, 'the /phase answer');
      const [answer] = s.slack.ephemerals;
      expect(answer?.user).toBe(s.slackId('claire'));
      expect(answer?.text).toContain('▶ Début du programme et de la pré-incubation');
      expect(answer?.text).toContain('Prochaine étape');
      expect(s.slack.responses[0]?.payload.response_type).toBe('ephemeral');
    });

    it('logs a coaching session for an escaped mention, the coach being matched by e-mail', async () => {
      const alice = s.slackId('alice');
      const answer = await s.workspace.ask(
        s.slackId('julien'),
        '/coaching',
        `log <@${alice}|alice.martin> hier 45min revue du POC &amp; des entretiens &lt;usagers&gt;`,
      );
      expect(answer.text).toContain(
        'Séance de coaching enregistrée pour Alice Martin, le 19 novembre 2026 (45 min)',
      );
      const [session] = await s.bot.ctx.store.listCoachingSessions({ intrapreneur: 'alice' });
      expect(session).toMatchObject({
        loggedBy: 'julien',
        date: '2026-11-19',
        durationMinutes: 45,
        notes: 'revue du POC & des entretiens <usagers>',
      });
      // Slack shows the notes as written, not as markup.
      const history = await s.workspace.ask(s.slackId('julien'), '/coaching', `history <@${alice}>`);
      expect(history.text).toContain('revue du POC &amp; des entretiens &lt;usagers&gt;');
    });

    it('answers bad syntax with the right syntax and stores nothing', async () => {
      const answer = await s.workspace.ask(
        s.slackId('julien'),
        '/coaching',
        `log <@${s.slackId('alice')}> 45min`,
      );
      expect(answer.text).toContain('Ajoutez quelques mots sur la séance');
      expect(answer.text).toContain('/coaching log @intrapreneur [date] [durée] notes…');
      expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
    });

    it('refuses politely someone Slack knows but the programme does not', async () => {
      const answer = await s.workspace.ask('U0VISITOR', '/phase');
      expect(answer.text).toContain('Je ne vous trouve pas parmi les personnes du programme');
      const click = await s.workspace.ask('U0VISITOR', '/coaching', `log <@${s.slackId('alice')}> 1h point`);
      expect(click.text).toContain('Je ne vous trouve pas');
      expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
    });

    it('does not let a coach log for an intrapreneur they do not coach', async () => {
      const answer = await s.workspace.ask(
        s.slackId('sophie'),
        '/coaching',
        `log <@${s.slackId('alice')}> 1h point`,
      );
      expect(answer.text).toContain('Seul le coach d’Alice Martin ou un responsable du programme');
      expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
    });

    it('opens the check-in with /checkin and stores a click on it', async () => {
      const alice = s.slackId('alice');
      const form = await s.workspace.ask(alice, '/checkin');
      // The previous week is open until evaluated: both weeks, each with its own buttons.
      expect(visibleText(form)).toContain('Semaine 46 — du 9 au 13 novembre');
      expect(visibleText(form)).toContain('Semaine 47 — du 16 au 20 novembre');
      await s.workspace.click(alice, form, '1', { block: `release|${WEEK}` });
      await redrawn(form, 1);
      expect((await s.bot.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
      expect(await s.bot.ctx.store.getAnswer('alice', '2026-W46')).toBeUndefined();
      expect(visibleText(form)).toContain('Enregistré : 1 jour');
    });

    it('tells someone who is not an intrapreneur that /checkin is not for them', async () => {
      const answer = await s.workspace.ask(s.slackId('julien'), '/checkin');
      expect(answer.text).toContain('Le point hebdomadaire concerne les intrapreneurs');
      expect(answer.blocks).toEqual([]);
    });
  });

  describe('the check-in', () => {
    it('stores each click at once and redraws the message with what is recorded', async () => {
      const alice = s.slackId('alice');
      const message = await prompt('alice');
      expect(visibleText(message)).toContain('Semaine 47 — du 16 au 20 novembre');
      expect(buttons(message).map((b) => b.button.text.text)).toEqual([
        '0',
        '½',
        '1',
        '1½',
        '2 et plus',
        'En congés',
        'Oui',
        'Non',
        'Ajouter un commentaire',
      ]);

      expect((await s.workspace.click(alice, message, '1')).status).toBe(200);
      await redrawn(message, 1);
      expect(visibleText(message)).toContain('Enregistré : 1 jour');
      await s.workspace.click(alice, message, 'Oui');
      await redrawn(message, 2);
      expect(visibleText(message)).toContain('Enregistré : 1 jour, point de coaching tenu');
      // The chosen answers stand out, and the others stay there to change them.
      const chosen = buttons(message).filter((b) => b.button.style === 'primary');
      expect(chosen.map((b) => b.button.text.text)).toEqual(['1', 'Oui']);

      await s.workspace.click(alice, message, '½');
      await redrawn(message, 3);
      expect(visibleText(message)).toContain('Enregistré : 0,5 jour, point de coaching tenu');
      expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
        release: { kind: 'days', days: 0.5 },
        coachingHeld: true,
      });
      // Still the same message, still findable by its key after the edits.
      expect(s.slack.directMessages(alice)).toHaveLength(1);
      const alicePerson = findPerson(s.programme, 'alice');
      if (!alicePerson) throw new Error('example programme changed');
      expect(await s.platform.chat.findSent({ person: alicePerson }, `prompt:alice:${WEEK}`)).toMatchObject({
        ref: `${message.channel}/${message.ts}`,
      });
    });

    it('adds a comment through the modal', async () => {
      const alice = s.slackId('alice');
      const message = await prompt('alice');
      await s.workspace.click(alice, message, 'Ajouter un commentaire');
      await s.slack.until(() => s.slack.views.size === 1, 'the comment modal');
      const [opened] = [...s.slack.views.values()];
      if (!opened) throw new Error('no modal');
      const viewId = opened.id;
      expect(opened.user).toBe(alice);
      expect(JSON.stringify(opened.view)).toContain(
        'Votre commentaire sur la semaine 47, du 16 au 20 novembre',
      );

      const reply = await s.workspace.submit(alice, viewId, {
        comment: 'Réunion de service imprévue <mardi> & mercredi',
      });
      // An empty acknowledgement closes the modal.
      expect(reply).toEqual({ status: 200, body: '' });
      expect((await s.bot.ctx.store.getAnswer('alice', WEEK))?.comment).toBe(
        'Réunion de service imprévue <mardi> & mercredi',
      );
      await redrawn(message, 1);
      expect(visibleText(message)).toContain(
        'commentaire : « Réunion de service imprévue <mardi> & mercredi »',
      );
      expect(buttons(message).map((b) => b.button.text.text)).toContain('Modifier le commentaire');
    });

    it('tells the person, in the modal, that an evaluated week can no longer be changed', async () => {
      const alice = s.slackId('alice');
      const message = await prompt('alice');
      await s.workspace.click(alice, message, 'Ajouter un commentaire');
      await s.slack.until(() => s.slack.views.size === 1, 'the comment modal');
      await s.bot.ctx.store.markEvaluated(WEEK, s.clock.now());
      const [viewId] = s.slack.views.keys();
      const reply = await s.workspace.submit(alice, viewId as string, { comment: 'trop tard' });
      expect(JSON.parse(reply.body)).toEqual({
        response_action: 'errors',
        errors: {
          comment: expect.stringContaining('La semaine 47, du 16 au 20 novembre a déjà été évaluée'),
        },
      });
      expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    });

    it('answers a click on an evaluated week to the person alone, and changes nothing', async () => {
      const alice = s.slackId('alice');
      const message = await prompt('alice');
      await s.bot.ctx.store.markEvaluated(WEEK, s.clock.now());
      await s.workspace.click(alice, message, '0');
      await s.slack.until(() => s.slack.ephemerals.length === 1, 'the refusal');
      expect(s.slack.ephemerals[0]?.text).toContain('a déjà été évaluée');
      expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      expect(message.edits).toBe(0);
    });
  });
});
