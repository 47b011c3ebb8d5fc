// Requests Slack signed, sent again: by someone who captured one (a replay within the 5 minutes the signature is
// accepted), or by Slack itself retrying a delivery it thinks timed out. Each is acknowledged, so that Slack stops,
// and acted on once. Timestamps that are not Slack's (in the future, not a plain number) are refused like stale ones,
// and a signed request that lacks what its kind always carries is refused without a crash.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import type { Logger } from '../../src/core/ports.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { BOT, type FakeMessage, TEAM } from '../fakes/slack-server.ts';

const WEEK = '2026-W47';

interface Line {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string | undefined;
}

function recordingLogger(lines: Line[]): Logger {
  const at = (level: Line['level']) => (_obj: object, msg?: string) => void lines.push({ level, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Slack requests sent again', () => {
  let s: SlackBot;
  let lines: Line[];

  beforeEach(async () => {
    lines = [];
    s = await startSlackBot({ logger: recordingLogger(lines) });
  });
  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  const now = () => Math.floor(Date.now() / 1000);

  async function prompt(person: string): Promise<FakeMessage> {
    await sendPrompts(s.bot.ctx, WEEK);
    const [message] = s.slack.directMessages(s.slackId(person));
    if (!message) throw new Error(`no prompt for ${person}`);
    return message;
  }

  /** Answers come after the acknowledgement, in order of arrival: once this one is in, those before it have started. */
  const settle = (user: string) => s.workspace.ask(s.slackId(user), '/phase');

  it('stores a /coaching log replayed 60 times once, and answers it once', async () => {
    const julien = s.slackId('julien');
    const payload = s.workspace.commandPayload(
      julien,
      '/coaching',
      `log <@${s.slackId('alice')}|alice.martin> 45min revue du POC`,
    );
    const request = s.workspace.signed('slash_commands', payload);
    const replies = [];
    for (let i = 0; i < 60; i++) replies.push(await request.send());
    // Every copy is acknowledged (Slack would otherwise show the person an error), none is carried out again.
    expect(replies.map((r) => r.status)).toEqual(Array(60).fill(200));
    await settle('julien');
    // The answer to the log may still be on its way when /phase's is in: wait for it, then count.
    const answers = () => s.slack.ephemerals.filter((e) => e.user === julien).map((e) => e.text);
    await vi.waitFor(() => expect(answers()).toHaveLength(2));
    expect(await s.bot.ctx.store.listCoachingSessions({})).toHaveLength(1);
    expect(answers().filter((text) => text.startsWith('Séance de coaching enregistrée'))).toHaveLength(1);
  });

  it('acknowledges Slack’s retry of a delivery and does not carry it out twice', async () => {
    const payload = s.workspace.commandPayload(
      s.slackId('julien'),
      '/coaching',
      `log <@${s.slackId('alice')}> 1h point`,
    );
    const request = s.workspace.signed('slash_commands', payload);
    expect((await request.send()).status).toBe(200);
    const retry = await request.send({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry).toEqual({ status: 200, body: '' });
    await settle('julien');
    const julien = s.slackId('julien');
    await s.slack.until(
      () => s.slack.ephemerals.filter((e) => e.user === julien).length === 2,
      'both answers',
    );
    expect(await s.bot.ctx.store.listCoachingSessions({})).toHaveLength(1);
  });

  it('does not let a replayed click undo the correction made since', async () => {
    const alice = s.slackId('alice');
    const message = await prompt('alice');
    const first = s.workspace.signed('interactive', s.workspace.clickPayload(alice, message, '1'));
    expect((await first.send()).status).toBe(200);
    await s.slack.until(() => message.edits === 1, 'the first redraw');
    await s.workspace.click(alice, message, '½');
    await s.slack.until(() => message.edits === 2, 'the correction');
    for (let i = 0; i < 5; i++) expect((await first.send()).status).toBe(200);
    await settle('claire');
    expect((await s.bot.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 });
    expect(message.edits).toBe(2);
  });

  it('refuses timestamps in the future or not written as Slack writes them, and stores nothing', async () => {
    const julien = s.slackId('julien');
    const text = `log <@${s.slackId('alice')}> 45min revue du POC`;
    const t = now();
    const attempts = [
      { timestamp: t + 10 * 60 },
      { timestamp: t + 24 * 60 * 60 },
      { timestamp: t, timestampHeader: `0x${t.toString(16)}` },
      { timestamp: t, timestampHeader: `${t}.0` },
      { timestamp: t, timestampHeader: `0${t}` },
      { timestamp: t, timestampHeader: `+${t}` },
      { timestamp: t, timestampHeader: 'maintenant' },
      { timestamp: t, timestampHeader: '' },
    ];
    const statuses = [];
    for (const sign of attempts) {
      statuses.push((await s.workspace.command(julien, '/coaching', text, sign)).status);
    }
    expect(statuses).toEqual(Array(attempts.length).fill(401));
    // A minute of difference between the clocks is Slack's, not a forgery.
    expect((await s.workspace.command(julien, '/phase', '', { timestamp: t + 30 })).status).toBe(200);
    await s.slack.until(() => s.slack.ephemerals.length === 1, 'the /phase answer');
    expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
  });

  it('refuses signed requests that lack what their kind always carries, changes nothing and logs no crash', async () => {
    const alice = s.slackId('alice');
    const message = await prompt('alice');
    const base = {
      team: { id: TEAM.id, domain: TEAM.domain },
      user: { id: alice, username: 'alice', team_id: TEAM.id },
      api_app_id: BOT.appId,
      token: 'deprecated-verification-token',
      trigger_id: s.slack.issueTrigger(alice),
    };
    const click = s.workspace.clickPayload(alice, message, '1');
    const malformed = [
      { ...base, type: 'view_submission' },
      { ...base, type: 'view_submission', view: { id: 'V1', callback_id: 'checkin_comment' } },
      { ...base, type: 'view_submission', view: 'V1' },
      { ...click, actions: [] },
      { ...click, actions: 'click' },
      { ...click, user: undefined },
    ];
    const statuses = [];
    for (const payload of malformed)
      statuses.push((await s.workspace.signed('interactive', payload).send()).status);
    expect(statuses).toEqual(Array(malformed.length).fill(400));
    const command = s.workspace.commandPayload(alice, '/checkin', '');
    const { user_id: _, ...withoutUser } = command;
    expect((await s.workspace.signed('slash_commands', withoutUser).send()).status).toBe(400);

    await settle('claire');
    expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    expect(message.edits).toBe(0);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
