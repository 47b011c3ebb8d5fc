// What Mattermost posts to the bot is read as the bot declared it: a dialog's comment is text of at most 2,000
// characters, a button's context has the types the bot gave it. Anything else is refused and changes nothing. A
// command from an account the Mattermost server does not know is answered by naming that account, not by blaming an
// outage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { click, conversation } from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';

const WEEK = '2026-W47';
const COMMENT = 'Réunion de service imprévue mardi';

async function post(url: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: String(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

describe('Mattermost submissions read as the bot declared them', () => {
  let w: MattermostWorld;
  let alicePrompt: FakePost;

  beforeEach(async () => {
    w = await mattermostWorld();
    await w.platform.start();
    await sendPrompts(w.app.ctx, WEEK);
    alicePrompt = conversation(w.mm, w.bot, 'amartin')[0] as FakePost;
    w.clock.setParis('2026-11-20', 16);
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  /** Opens Alice's comment dialog; its submissions are then posted as Mattermost posts them. */
  async function commentDialog() {
    await click(w.mm, 'amartin', alicePrompt, 'Ajouter un commentaire');
    const open = w.mm.dialogs.at(-1);
    if (!open) throw new Error('no dialog');
    return (submission: unknown) =>
      post(
        open.url,
        JSON.stringify({
          type: 'dialog_submission',
          callback_id: open.dialog.callback_id,
          state: open.dialog.state,
          user_id: w.mm.user('amartin').id,
          channel_id: open.channelId,
          team_id: '',
          submission,
          cancelled: false,
        }),
      );
  }
  const comment = async () => (await w.app.ctx.store.getAnswer('alice', WEEK))?.comment;

  it('refuses a comment that is not text, in the dialog, and keeps the stored one', async () => {
    const submit = await commentDialog();
    expect(await submit({ comment: COMMENT })).toEqual({ status: 200, body: {} });
    expect(await comment()).toBe(COMMENT);
    for (const value of [42, { texte: 'x' }, ['a'], true]) {
      expect(await submit({ comment: value })).toEqual({
        status: 200,
        body: { errors: { comment: 'Le commentaire doit être un texte.' } },
      });
    }
    for (const submission of ['texte', ['texte'], { comment: 'x', autre: 'champ' }]) {
      expect((await submit(submission)).status).toBe(400);
    }
    expect(await comment()).toBe(COMMENT);
    // Left empty, the optional field erases the comment, as its help text says.
    expect(await submit({ comment: null })).toEqual({ status: 200, body: {} });
    expect(await comment()).toBeUndefined();
  });

  it('refuses a comment longer than the dialog declares, and keeps the stored one', async () => {
    const submit = await commentDialog();
    await submit({ comment: COMMENT });
    expect(await submit({ comment: 'x'.repeat(200_000) })).toEqual({
      status: 200,
      body: {
        errors: {
          comment:
            'Votre commentaire fait 200\u202f000 caractères, pour 2\u202f000 au plus : raccourcissez-le.',
        },
      },
    });
    expect((await submit({ comment: 'é'.repeat(2001) })).body.errors).toEqual({
      comment: 'Votre commentaire fait 2\u202f001 caractères, pour 2\u202f000 au plus : raccourcissez-le.',
    });
    expect(await comment()).toBe(COMMENT);
    expect(await submit({ comment: 'é'.repeat(2000) })).toEqual({ status: 200, body: {} });
    expect(await comment()).toBe('é'.repeat(2000));
  });

  it('refuses a click whose context or ids have other types than the bot gave them', async () => {
    const attachments = alicePrompt.props.attachments as {
      actions: { name: string; integration: { context: Record<string, unknown> } }[];
    }[];
    const genuine = attachments.flatMap((a) => a.actions).find((a) => a.name === '1')?.integration.context;
    const alice = w.mm.user('amartin').id;
    const request = (context: unknown, userId: unknown = alice) =>
      JSON.stringify({
        user_id: userId,
        channel_id: alicePrompt.channel_id,
        post_id: alicePrompt.id,
        trigger_id: w.mm.issueTrigger(alice),
        type: 'button',
        context,
      });
    const attempts = [
      request({ ...genuine, form: { prompt: true } }),
      request({ ...genuine, form: 'autre' }),
      request({ ...genuine, locale: 42 }),
      request({ ...genuine, week: 47 }),
      request('contexte'),
      request(genuine, 42),
      request(genuine, { id: alice }),
    ];
    const statuses = [];
    for (const body of attempts) statuses.push((await post(`${w.http.url}/mattermost/action`, body)).status);
    expect(statuses).toEqual(Array(attempts.length).fill(400));
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    // The genuine click still goes through.
    expect((await post(`${w.http.url}/mattermost/action`, request(genuine))).status).toBe(200);
    expect((await w.app.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
  });
});

describe('Mattermost commands from accounts the server does not know', () => {
  let w: MattermostWorld;

  beforeEach(async () => {
    w = await mattermostWorld();
    await w.platform.start();
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  const command = (userId: string, userName: string) => {
    const phase = [...w.mm.commands.values()].find((c) => c.trigger === 'phase');
    return post(
      `${w.http.url}/mattermost/command`,
      new URLSearchParams({
        token: phase?.token ?? '',
        command: '/phase',
        text: '',
        user_id: userId,
        user_name: userName,
      }).toString(),
      'application/x-www-form-urlencoded',
    );
  };

  it('names the unknown account instead of blaming an outage', async () => {
    const reply = await command('zq5yj1kqb7fwtc3ikt9a8yxkwo', 'fantome');
    expect(reply).toEqual({
      status: 200,
      body: {
        response_type: 'ephemeral',
        text: 'Je ne trouve pas le compte Mattermost @fantome (identifiant zq5yj1kqb7fwtc3ikt9a8yxkwo) : le serveur Mattermost ne le connaît pas, la commande n’a donc pas été exécutée. Si cela se reproduit, signalez-le au responsable du programme.',
      },
    });
    // A user name that is not one is left out; the id is always there.
    const odd = await command('zq5yj1kqb7fwtc3ikt9a8yxkwo', '**tout le monde**');
    expect(odd.body.text).toContain('le compte Mattermost d’identifiant zq5yj1kqb7fwtc3ikt9a8yxkwo :');
  });

  it('still says Mattermost is not answering when it is not', async () => {
    w.mm.addUser({ username: 'visiteur', email: 'visiteur@example.org' });
    w.mm.fail('GET /api/v4/users/{user_id}', { status: 503 });
    const reply = await command(w.mm.user('visiteur').id, 'visiteur');
    expect(reply.body.text).toBe('Mattermost ne répond pas pour le moment : réessayez dans un instant.');
    // Once it answers again, the same person is told that the programme does not know them.
    const again = await command(w.mm.user('visiteur').id, 'visiteur');
    expect(again.body.text).toContain('Je ne vous trouve pas parmi les personnes du programme');
  });
});
