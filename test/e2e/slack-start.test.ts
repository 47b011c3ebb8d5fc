// Starting the Slack platform: in Socket Mode the app connects out to Slack and receives commands and clicks over its
// WebSocket; a bad token or a missing scope stops the start with a sentence that says what to fix.
import { afterEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { PlatformError } from '../../src/platforms/platform.ts';
import { BOT_SCOPES } from '../../src/platforms/slack/index.ts';
import { manifestScopes, type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';

describe('starting Slack', () => {
  let s: SlackBot | undefined;

  afterEach(async () => {
    expect(s?.slack.violations ?? []).toEqual([]);
    await s?.close();
    s = undefined;
  });

  it('asks for exactly the scopes of manifest.yml', () => {
    expect([...manifestScopes()].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('works in Socket Mode: commands and clicks arrive over the WebSocket, with no HTTP route', async () => {
    s = await startSlackBot({ socketMode: true });
    expect(s.platform.routes).toEqual({});
    expect(s.slack.socketConnected).toBe(true);
    expect(s.slack.callsOf('apps.connections.open')).toHaveLength(1);
    expect(await s.platform.ready()).toBe(true);

    const answer = await s.workspace.ask(s.slackId('claire'), '/phase');
    expect(answer.text).toContain('Début du programme et de la pré-incubation');

    await sendPrompts(s.bot.ctx, '2026-W47');
    const [prompt] = s.slack.directMessages(s.slackId('alice'));
    if (!prompt) throw new Error('no prompt');
    await s.workspace.click(s.slackId('alice'), prompt, '1');
    await s.slack.until(() => prompt.edits === 1, 'the check-in to be redrawn');
    expect(visibleText(prompt)).toContain('Enregistré : 1 jour');
    expect((await s.bot.ctx.store.getAnswer('alice', '2026-W47'))?.release).toEqual({
      kind: 'days',
      days: 1,
    });
  });

  it('names the token to fix when Slack refuses it', async () => {
    s = await startSlackBot({ start: false, fake: { botToken: 'xoxb-another-workspace' } });
    const error = await s.platform.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).message).toContain('Slack refuse SLACK_BOT_TOKEN (invalid_auth)');
    expect((error as PlatformError).message).toContain('Bot User OAuth Token');
    expect(await s.platform.ready()).toBe(false);
  });

  it('names the missing scope when the app was installed without it', async () => {
    s = await startSlackBot({
      start: false,
      fake: { scopes: manifestScopes().filter((scope) => scope !== 'im:history') },
    });
    const error = await s.platform.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).message).toContain(
      'Il manque à l’application Slack la permission im:history',
    );
  });

  it('names the app-level token to fix in Socket Mode', async () => {
    s = await startSlackBot({ start: false, socketMode: true, fake: { appToken: 'xapp-revoked' } });
    const error = await s.platform.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).message).toContain('Slack refuse SLACK_APP_TOKEN (invalid_auth)');
  });
});
