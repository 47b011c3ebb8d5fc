// The logs at their most talkative (LOG_LEVEL=debug, the SDKs' own lines included) while people use the bot on Slack
// and on Mattermost: an owner asks for the dashboard link, an intrapreneur clicks and writes a comment, a coach logs a
// session with notes, a request is replayed. The logs say that all this happened, and hold no credential (tokens,
// the link's signed token, signatures, response URLs, trigger ids, signed contexts) and no word a person typed.
import { afterEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { createLogger } from '../../src/logger.ts';
import { click, conversation, slashCommand, submitDialog } from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { BOT_TOKEN as MATTERMOST_BOT_TOKEN, mattermostWorld } from '../fakes/mattermost-world.ts';
import { BOT_TOKEN, SIGNING_SECRET, type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { TEAM } from '../fakes/slack-server.ts';

const WEEK = '2026-W47';
const COMMENT = 'Mon manager refuse encore, je craque';
const NOTES = 'parle de sa santé, arrêt possible';
const DASHBOARD = { secret: 'dashboard-signing-key-0123456789', baseUrl: 'https://bot.example.org' };

function debugLogger() {
  const lines: string[] = [];
  const logger = createLogger('debug', { stream: { write: (line: string) => lines.push(line) } });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

/** The signed token of the dashboard link in a message, as the owner received it. */
function linkToken(text: string): string {
  const token = /\/dashboard\?t=([^\s>|&]+)/.exec(text)?.[1];
  if (!token) throw new Error('no dashboard link in the message');
  return decodeURIComponent(token);
}

function absent(text: string, secrets: Record<string, string>): void {
  for (const [what, secret] of Object.entries(secrets)) {
    expect(secret.length, what).toBeGreaterThan(7);
    expect([what, text.includes(secret)]).toEqual([what, false]);
  }
}

describe('logs at debug level', () => {
  let s: SlackBot | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('hold what happened on Slack, and no credential nor words typed', async () => {
    const log = debugLogger();
    s = await startSlackBot({ logger: log.logger, dashboard: () => DASHBOARD });
    const bot = s;
    const alice = bot.slackId('alice');

    // The owner asks for the dashboard: the link arrives by direct message.
    await bot.workspace.ask(bot.slackId('claire'), '/phase', 'dashboard');
    const link = bot.slack
      .directMessages(bot.slackId('claire'))
      .find((m) => m.text.includes('/dashboard?t='));
    const token = linkToken(link?.text ?? '');

    // Alice answers and writes a comment in the modal; the message is redrawn with it.
    await sendPrompts(bot.bot.ctx, WEEK);
    const [prompt] = bot.slack.directMessages(alice);
    if (!prompt) throw new Error('no prompt');
    await bot.workspace.click(alice, prompt, '1');
    await bot.slack.until(() => prompt.edits === 1, 'the redraw');
    await bot.workspace.click(alice, prompt, 'Ajouter un commentaire');
    await bot.slack.until(() => bot.slack.views.size === 1, 'the comment modal');
    const [viewId] = bot.slack.views.keys();
    expect((await bot.workspace.submit(alice, viewId as string, { comment: COMMENT })).status).toBe(200);
    await bot.slack.until(() => prompt.edits === 2, 'the redraw with the comment');
    expect(JSON.stringify(prompt.blocks)).toContain(COMMENT);

    // The coach logs a session with notes, reads the history, and the command is replayed.
    const julien = bot.slackId('julien');
    const command = bot.workspace.signed(
      'slash_commands',
      bot.workspace.commandPayload(julien, '/coaching', `log <@${alice}|alice.martin> 45min ${NOTES}`),
    );
    await command.send();
    await command.send();
    await bot.slack.until(() => bot.slack.ephemerals.some((e) => e.user === julien), 'the session logged');
    const history = await bot.workspace.ask(julien, '/coaching', `history <@${alice}>`);
    expect(history.text).toContain(NOTES);
    expect(await bot.bot.ctx.store.listCoachingSessions({})).toHaveLength(1);

    const records = log.records();
    const messages = records.map((r) => r.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'dashboard: link sent',
        'check-in: answer recorded',
        'coaching: session logged',
        'slack: replayed request ignored',
        "apiCall('chat.postMessage') start",
        "apiCall('chat.update') start",
        "apiCall('views.open') start",
      ]),
    );
    expect(records.some((r) => r.level === 20)).toBe(true);
    const text = log.lines.join('');
    absent(text, {
      'bot token': BOT_TOKEN,
      'signing secret': SIGNING_SECRET,
      'dashboard link token': token,
      'dashboard link signature': token.split('.')[1] ?? '',
      'request signature': command.headers['x-slack-signature'] ?? '',
      'response URL': `/commands/${TEAM.id}/`,
      'trigger id': `.${TEAM.id}.`,
      comment: COMMENT,
      'comment words': 'je craque',
      notes: NOTES,
      'notes words': 'sa santé',
    });
  });

  it('hold what happened on Mattermost, and no credential nor words typed', async () => {
    const log = debugLogger();
    const w = await mattermostWorld({ logger: log.logger, dashboard: () => DASHBOARD });
    try {
      await w.platform.start();
      await sendPrompts(w.app.ctx, WEEK);
      w.clock.setParis('2026-11-20', 16);
      const prompt = conversation(w.mm, w.bot, 'amartin')[0] as FakePost;
      await click(w.mm, 'amartin', prompt, '1');
      await click(w.mm, 'amartin', prompt, 'Ajouter un commentaire');
      const state = JSON.parse(String(w.mm.dialogs.at(-1)?.dialog.state)) as { sig: string };
      expect((await submitDialog(w.mm, 'amartin', { comment: COMMENT })).status).toBe(200);
      expect((await w.app.ctx.store.getAnswer('alice', WEEK))?.comment).toBe(COMMENT);
      const logged = await slashCommand(w.mm, 'jmoreau', `/coaching log @amartin 1h ${NOTES}`);
      expect(logged.post?.message).toContain('Séance de coaching enregistrée');
      await slashCommand(w.mm, 'cdubois', '/phase dashboard');
      const link = conversation(w.mm, w.bot, 'cdubois').find((p) => p.message.includes('/dashboard?t='));
      const token = linkToken(link?.message ?? '');

      const messages = log.records().map((r) => r.msg);
      expect(messages).toEqual(
        expect.arrayContaining([
          'dashboard: link sent',
          'check-in: answer recorded',
          'coaching: session logged',
          'mattermost: slash command',
          'mattermost: posted',
        ]),
      );
      const commandTokens = Object.fromEntries(
        [...w.mm.commands.values()].map((c) => [`/${c.trigger} token`, c.token]),
      );
      absent(log.lines.join(''), {
        'bot token': MATTERMOST_BOT_TOKEN,
        ...commandTokens,
        'signed context': state.sig,
        'dashboard link token': token,
        comment: COMMENT,
        notes: NOTES,
        'notes words': 'sa santé',
      });
    } finally {
      await w.close();
    }
  });
});
