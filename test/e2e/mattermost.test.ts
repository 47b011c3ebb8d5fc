// The whole week over Mattermost: the bot registers its slash commands, sends the check-in as direct messages with
// buttons, records the clicks (and a correction, and a comment through a dialog), reminds, evaluates, alerts and
// sends the digest — each message once, through rate limits and server errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import {
  actionsOf,
  channelPosts,
  click,
  conversation,
  ephemeralsFor,
  slashCommand,
  submitDialog,
  visibleText,
} from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';

const WEEK = '2026-W47';

describe('the weekly loop on Mattermost', () => {
  let w: MattermostWorld;

  beforeEach(async () => {
    const world = await mattermostWorld({ locales: { thomas: 'en' } });
    world.programme.digestChannel = 'pilotage';
    w = world;
    await w.platform.start();
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  const dm = (username: string) => conversation(w.mm, w.bot, username);
  const prompt = (username: string): FakePost => {
    const post = dm(username).find((p) => p.props.coaching_bot_key === `prompt:${idOf(username)}:${WEEK}`);
    if (!post) throw new Error(`no prompt for ${username}`);
    return post;
  };
  const idOf = (username: string) =>
    ({
      amartin: 'alice',
      ndurand: 'nicolas',
      clambert: 'camille',
      mhaddad: 'mehdi',
      efournier: 'elodie',
      pdupont: 'pierre',
    })[username] ?? username;
  const answer = (id: string) => w.app.ctx.store.getAnswer(id, WEEK);

  it('registers /coaching, /phase and /checkin pointing at the bot', () => {
    const commands = [...w.mm.commands.values()];
    expect(commands.map((c) => c.trigger).sort()).toEqual(['checkin', 'coaching', 'phase']);
    for (const c of commands) {
      expect(c.url).toBe(`${w.http.url}/mattermost/command`);
      expect(c.method).toBe('P');
      expect(c.creator_id).toBe(w.bot.id);
    }
  });

  it('runs the week: prompt, clicks, correction, comment, reminder, evaluation, alerts, digest — each once', async () => {
    // Friday 14:00. Mattermost rate-limits the first post and fails the third: they are retried later, not lost.
    w.mm.fail('POST /api/v4/posts', { status: 429, retryAfterSeconds: 90 });
    w.mm.fail('POST /api/v4/channels/direct', { status: 500 });
    const first = await sendPrompts(w.app.ctx, WEEK);
    expect(first).toMatchObject({ status: 'done', total: 6, sent: 4, retried: 2 });
    w.clock.advance(2 * 60_000);
    await dispatchOutbox(w.app.ctx);
    await sendPrompts(w.app.ctx, WEEK);
    for (const username of ['amartin', 'ndurand', 'clambert', 'mhaddad', 'efournier', 'pdupont']) {
      expect(dm(username)).toHaveLength(1);
    }
    const alicePrompt = visibleText(prompt('amartin'));
    expect(alicePrompt).toContain('Point hebdomadaire — semaine 47, du 16 au 20 novembre');
    expect(alicePrompt).toContain('Bonjour Alice Martin');
    expect(alicePrompt).toContain('[0] [½] [1] [1½] [2 et plus] [En congés]');
    expect(alicePrompt).toContain('[Oui] [Non]');
    expect(alicePrompt).toContain('[Ajouter un commentaire]');
    expect(alicePrompt).toContain('Pas encore de réponse.');

    // Clicks, Friday afternoon. Each one is stored at once and shown in place.
    w.clock.setParis('2026-11-20', 16);
    expect(await click(w.mm, 'amartin', prompt('amartin'), '1')).toMatchObject({ ok: true });
    await click(w.mm, 'amartin', prompt('amartin'), 'Oui');
    expect(visibleText(prompt('amartin'))).toContain('Enregistré : 1 jour, point de coaching tenu');
    expect(visibleText(prompt('amartin'))).toContain('Pour corriger, cliquez sur un autre choix.');
    expect(actionsOf(prompt('amartin')).find((a) => a.name === '1')?.style).toBe('primary');
    await click(w.mm, 'ndurand', prompt('ndurand'), '½');
    await click(w.mm, 'ndurand', prompt('ndurand'), 'Non');
    await click(w.mm, 'clambert', prompt('clambert'), 'En congés');
    await click(w.mm, 'efournier', prompt('efournier'), '1');
    // Élodie corrects herself: 0 day. The message still shows every choice, the new one recorded.
    await click(w.mm, 'efournier', prompt('efournier'), '0');
    expect(visibleText(prompt('efournier'))).toContain('Enregistré : 0 jour');
    expect(visibleText(prompt('efournier'))).toContain('[0] [½] [1] [1½] [2 et plus] [En congés]');
    await click(w.mm, 'pdupont', prompt('pdupont'), '1½');
    expect(await answer('elodie')).toMatchObject({ release: { kind: 'days', days: 0 } });
    expect(await answer('camille')).toMatchObject({ release: { kind: 'leave' } });

    // Alice adds a comment through the dialog.
    expect(await click(w.mm, 'amartin', prompt('amartin'), 'Ajouter un commentaire')).toMatchObject({
      ok: true,
    });
    expect(w.mm.dialogs.at(-1)?.dialog.title).toBe('Ajouter un commentaire');
    expect(await submitDialog(w.mm, 'amartin', { comment: 'POC présenté au service' })).toEqual({
      status: 200,
    });
    expect((await answer('alice'))?.comment).toBe('POC présenté au service');
    expect(visibleText(prompt('amartin'))).toContain('commentaire : « POC présenté au service »');
    // After all these updates the message is still found by its key.
    expect(
      await w.platform.chat.findSent({ person: findPerson(w, 'alice') }, `prompt:alice:${WEEK}`),
    ).not.toBeNull();

    // Pierre says from /checkin that the coaching point took place; the ephemeral form confirms it.
    const checkin = await slashCommand(w.mm, 'pdupont', '/checkin');
    expect(checkin.status).toBe(200);
    expect(checkin.response?.response_type).toBe('ephemeral');
    // Last week is not evaluated yet, so the form shows it first, then this week (three attachments each).
    expect(visibleText(checkin.post as FakePost)).toMatch(
      /semaine 46[\s\S]*semaine 47, du 16 au 20 novembre/,
    );
    const confirmed = await click(w.mm, 'pdupont', checkin.post as FakePost, 'Oui', 4);
    expect(confirmed).toMatchObject({ ok: true, ephemeral: 'Enregistré : 1,5 jour, point de coaching tenu' });
    expect(await answer('pierre')).toMatchObject({
      release: { kind: 'days', days: 1.5 },
      coachingHeld: true,
    });
    expect(ephemeralsFor(w.mm, 'pdupont').map((p) => p.message)).toContain(
      'Enregistré : 1,5 jour, point de coaching tenu',
    );

    // Monday 9:30: Mehdi, who did not answer, gets one reminder, however often the job runs.
    w.clock.setParis('2026-11-23', 9, 30);
    await sendReminders(w.app.ctx, WEEK);
    await sendReminders(w.app.ctx, WEEK);
    expect(dm('mhaddad').map((p) => visibleText(p))).toEqual([
      expect.stringContaining('Point hebdomadaire'),
      expect.stringContaining('petit rappel'),
    ]);
    expect(dm('amartin')).toHaveLength(1);

    // Tuesday 9:00: evaluation, alerts to the managers, the digest (every alert in it) in the programme's channel.
    w.clock.setParis('2026-11-24', 9);
    w.mm.fail('POST /api/v4/posts', { status: 429, retryAfterSeconds: 30 });
    const evaluation = await evaluateWeek(w.app.ctx, WEEK);
    expect(evaluation).toMatchObject({ status: 'done', alerts: 3, retried: 1 });
    w.clock.advance(60_000);
    await dispatchOutbox(w.app.ctx);
    await evaluateWeek(w.app.ctx, WEEK);
    const alerts = (username: string) =>
      dm(username)
        .map((p) => String(p.props.coaching_bot_key))
        .filter((k) => k.startsWith('alert:'))
        .map((k) => k.split(':').slice(1, 3).join(':'))
        .sort();
    // The owners read every alert in the digest; the managers get their own report's.
    expect(alerts('cdubois')).toEqual([]);
    expect(alerts('tlefebvre')).toEqual([]);
    expect(alerts('iroux')).toEqual(['release_missed:elodie']);
    expect(alerts('lmercier')).toEqual(['release_missed:nicolas']);
    expect(dm('flemaire')).toEqual([]);
    expect(visibleText(dm('lmercier')[0] as FakePost)).toContain('Nicolas Durand a déclaré 0,5 jour');
    const digest = channelPosts(w.mm, 'pilotage');
    expect(digest).toHaveLength(1);
    expect(visibleText(digest[0] as FakePost)).toContain(
      'Jour libéré : 2/6 respectés, 2 manqués, 1 sans réponse, 1 exempté.',
    );
    expect(visibleText(digest[0] as FakePost)).toContain(
      '• Jour libéré non respecté (2) : Élodie Fournier, Nicolas Durand',
    );

    // Every message of the week exactly once.
    const keys = [...w.mm.posts.values()].map((p) => String(p.props.coaching_bot_key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith('prompt:'))).toHaveLength(6);
    expect(keys.filter((k) => k.startsWith('reminder:'))).toEqual([`reminder:mehdi:${WEEK}`]);
    expect(keys.filter((k) => k.startsWith('alert:'))).toHaveLength(2);
  });

  it('answers the slash commands in the user’s language, with @mentions as Mattermost sends them', async () => {
    w.clock.setParis('2026-11-20', 18);
    const logged = await slashCommand(w.mm, 'jmoreau', '/coaching log @amartin 45min revue du POC');
    expect(logged.post?.message).toBe(
      'Séance de coaching enregistrée pour Alice Martin, le 20 novembre 2026 (45 min). Elle compte comme point de coaching de la semaine.',
    );
    const sessions = await w.app.ctx.store.listCoachingSessions({ intrapreneur: 'alice' });
    expect(sessions).toMatchObject([{ loggedBy: 'julien', durationMinutes: 45, notes: 'revue du POC' }]);

    const phase = await slashCommand(w.mm, 'tlefebvre', '/phase');
    expect(phase.response?.response_type).toBe('ephemeral');
    expect(phase.post?.message).toContain('Début du programme et de la pré-incubation');
    expect(phase.post?.message).toContain('Projects:');

    const refused = await slashCommand(w.mm, 'amartin', '/coaching log @ndurand 1h point');
    expect(refused.post?.message).toContain('Seul le coach de Nicolas Durand ou un responsable du programme');
    expect(await w.app.ctx.store.listCoachingSessions({ intrapreneur: 'nicolas' })).toEqual([]);

    const help = await slashCommand(w.mm, 'tlefebvre', '/coaching help');
    expect(help.post?.message).toContain('Usage:');
  });

  it('tells someone Mattermost knows but the programme does not who to ask', async () => {
    w.mm.addUser({ username: 'visiteur', email: 'visiteur@example.org' });
    const team = [...w.mm.teams.values()][0];
    team?.members.add(w.mm.user('visiteur').id);
    const reply = await slashCommand(w.mm, 'visiteur', '/checkin');
    expect(reply.post?.message).toContain('Je ne vous trouve pas parmi les personnes du programme');
  });
});

function findPerson(w: MattermostWorld, id: string) {
  const person = w.programme.people.find((p) => p.id === id);
  if (!person) throw new Error(id);
  return person;
}
