// What Mattermost does not protect, the bot does: slash commands must carry the token of a command the bot
// registered, button clicks and dialog submissions a context the bot signed for that person — and be made by that
// person. Anything else is refused and changes nothing. Also: start-up checks and idempotent command registration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { PlatformError } from '../../src/platforms/platform.ts';
import { click, conversation, slashCommand, submitDialog } from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';

const WEEK = '2026-W47';

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Mattermost requests the bot refuses', () => {
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

  const contextOf = (name: string) => {
    const attachments = alicePrompt.props.attachments as {
      actions: { name: string; integration: { context: Record<string, unknown> } }[];
    }[];
    const action = attachments.flatMap((a) => a.actions).find((a) => a.name === name);
    return { ...(action?.integration.context ?? {}) };
  };
  const clickRequest = (userId: string, context: Record<string, unknown>) => ({
    user_id: userId,
    user_name: 'x',
    channel_id: alicePrompt.channel_id,
    post_id: alicePrompt.id,
    trigger_id: w.mm.issueTrigger(userId),
    type: 'button',
    context,
  });

  it('refuses a slash command with a forged token, and stores nothing', async () => {
    const forged = await slashCommand(w.mm, 'jmoreau', '/coaching log @amartin 1h revue', {
      token: 'forged-token',
    });
    expect(forged.status).toBe(401);
    const tokens = [...w.mm.commands.values()].map((c) => c.token);
    // The right token in the form but another in the header is not Mattermost either.
    const mixed = await fetch(`${w.http.url}/mattermost/command`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Token forged-token' },
      body: new URLSearchParams({
        token: tokens[0] ?? '',
        user_id: w.mm.user('jmoreau').id,
        text: 'log @amartin 1h revue',
      }).toString(),
    });
    expect(mixed.status).toBe(401);
    expect(await w.app.ctx.store.listCoachingSessions({})).toEqual([]);
    // The genuine command goes through.
    expect((await slashCommand(w.mm, 'jmoreau', '/coaching log @amartin 1h revue')).status).toBe(200);
    expect(await w.app.ctx.store.listCoachingSessions({})).toHaveLength(1);
  });

  it('refuses a click whose context was forged or altered, and stores nothing', async () => {
    const alice = w.mm.user('amartin').id;
    const genuine = contextOf('1');
    for (const context of [
      { ...genuine, choice: '2' },
      { ...genuine, person: 'nicolas' },
      { ...genuine, week: '2026-W46' },
      { ...genuine, sig: 'AAAA' },
      { person: 'alice', week: WEEK, choice: '1', form: 'prompt', locale: 'fr' },
    ]) {
      const res = await post(`${w.http.url}/mattermost/action`, clickRequest(alice, context));
      expect(res.status).toBe(401);
    }
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    expect(await w.app.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
    expect((await post(`${w.http.url}/mattermost/action`, 'not json')).status).toBe(400);
  });

  it('refuses Alice’s genuine button clicked by someone else, and stores nothing', async () => {
    const res = await post(
      `${w.http.url}/mattermost/action`,
      clickRequest(w.mm.user('ndurand').id, contextOf('1')),
    );
    expect(res).toEqual({
      status: 200,
      body: {
        ephemeral_text:
          'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
      },
    });
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    expect(await w.app.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
    // Her own click works, and only changes her answer.
    expect(await click(w.mm, 'amartin', alicePrompt, '1')).toMatchObject({ ok: true });
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      release: { kind: 'days', days: 1 },
    });
  });

  it('refuses a comment dialog with a forged state or submitted by someone else', async () => {
    await click(w.mm, 'amartin', alicePrompt, 'Ajouter un commentaire');
    const state = String(w.mm.dialogs.at(-1)?.dialog.state);
    const forged = JSON.stringify({ ...JSON.parse(state), person: 'nicolas' });
    expect((await submitDialog(w.mm, 'amartin', { comment: 'faux' }, { state: forged })).status).toBe(401);
    const submission = {
      type: 'dialog_submission',
      callback_id: 'checkin_comment',
      state,
      user_id: w.mm.user('ndurand').id,
      submission: { comment: 'pas le mien' },
      cancelled: false,
    };
    const other = await post(`${w.http.url}/mattermost/dialog`, submission);
    expect(other.body.error).toContain('adressé à quelqu’un d’autre');
    // A button's context is not a comment's: it cannot be replayed as a dialog state.
    const replayed = await post(`${w.http.url}/mattermost/dialog`, {
      ...submission,
      state: JSON.stringify(contextOf('1')),
      user_id: w.mm.user('amartin').id,
    });
    expect(replayed.status).toBe(401);
    expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    expect(await w.app.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
  });
});

describe('Mattermost start-up', () => {
  let w: MattermostWorld;
  beforeEach(async () => {
    w = await mattermostWorld();
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  const startError = async () => {
    const error = await w
      .newPlatform()
      .start()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    return (error as PlatformError).message;
  };

  it('registers its commands once, reusing them and correcting their URL across restarts', async () => {
    await w.platform.start();
    const tokens = [...w.mm.commands.values()].map((c) => c.token).sort();
    await w.platform.start();
    // PUBLIC_URL changed since the last start: the command is corrected, not made again.
    const phase = [...w.mm.commands.values()].find((c) => c.trigger === 'phase');
    if (phase) phase.url = 'https://old.example.org/mattermost/command';
    await w.newPlatform().start();
    const commands = [...w.mm.commands.values()];
    expect(commands).toHaveLength(3);
    expect(commands.map((c) => c.url)).toEqual(Array(3).fill(`${w.http.url}/mattermost/command`));
    expect(commands.map((c) => c.token).sort()).toEqual(tokens);
    // The restarted bot knows the tokens again.
    expect((await slashCommand(w.mm, 'tlefebvre', '/phase')).status).toBe(200);
  });

  it('refuses commands until it has registered them', async () => {
    await w.platform.start();
    w.newPlatform();
    expect((await slashCommand(w.mm, 'tlefebvre', '/phase')).status).toBe(401);
  });

  it('says what to fix when the token, the account, the server or the team is wrong', async () => {
    w.env.mattermost = { url: w.mm.url, botToken: 'revoked', team: 'region-hdf' };
    expect(await startError()).toContain('refuse MATTERMOST_BOT_TOKEN');
    w.mm.addUser({ username: 'claire.perso' }, 'personal-token');
    w.env.mattermost = { url: w.mm.url, botToken: 'personal-token', team: 'region-hdf' };
    expect(await startError()).toContain('@claire.perso, qui n’est pas un compte de bot');
    w.env.mattermost = { url: 'http://127.0.0.1:9', botToken: 'bot-token-4f2c9a', team: 'region-hdf' };
    expect(await startError()).toContain('Mattermost est injoignable à http://127.0.0.1:9');
    w.env.mattermost = { url: w.mm.url, botToken: 'bot-token-4f2c9a', team: 'region-hfd' };
    expect(await startError()).toContain('L’équipe « region-hfd » (MATTERMOST_TEAM) est introuvable');
    w.env.mattermost = { url: w.mm.url, botToken: 'bot-token-4f2c9a', team: 'region-hdf' };
    w.mm.commandManagers.clear();
    expect(await startError()).toContain('n’a pas le droit de gérer les commandes slash');
    expect(w.mm.commands.size).toBe(0);
  });

  it('does not take over a command of the same name made by someone else', async () => {
    const admin = w.mm.addUser({ username: 'admin', roles: 'system_user system_admin' }, 'admin-token');
    const team = [...w.mm.teams.values()][0];
    w.mm.commands.set('x', {
      id: 'x',
      token: 't',
      team_id: team?.id ?? '',
      creator_id: admin.id,
      trigger: 'phase',
      method: 'P',
      url: 'https://autre.example.org/phase',
      delete_at: 0,
    });
    expect(await startError()).toContain('La commande /phase existe déjà');
  });

  it('finds people by their `mattermost:` username when the server hides e-mail addresses', async () => {
    w.mm.showEmailAddress = false;
    const claire = w.programme.people.find((p) => p.id === 'claire');
    const alice = w.programme.people.find((p) => p.id === 'alice');
    if (!claire || !alice) throw new Error('example programme changed');
    expect(await w.platform.reaches(claire)).toBe(true);
    expect(await w.platform.reaches(alice)).toBe(false);
  });

  it('is checked by a local Mattermost that knows the vendor’s API', async () => {
    await fetch(`${w.mm.url}/api/v4/users/me/nonsense`, {
      headers: { Authorization: 'BEARER bot-token-4f2c9a' },
    });
    await fetch(`${w.mm.url}/api/v4/posts`, {
      method: 'POST',
      headers: { Authorization: 'BEARER bot-token-4f2c9a' },
      body: '{}',
    });
    expect(w.mm.violations.splice(0)).toEqual([
      'GET /api/v4/users/me/nonsense: no such path in the Mattermost API',
      'POST /api/v4/posts: the body must be sent as application/json',
      'POST /api/v4/posts: required field "channel_id" is missing',
      'POST /api/v4/posts: required field "message" is missing',
    ]);
  });
});
