// The logs of a whole week, as the bot writes them (pino, JSON, level info): every fan-out and every alert with the
// ids an operator needs, and never a token, a secret, a comment, a coaching note or the text of a command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { runCommand } from '../../src/app/commands.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { readEnv } from '../../src/config/env.ts';
import { ChatDeliveryError } from '../../src/core/ports.ts';
import { createLogger } from '../../src/logger.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat, transient } from '../support/recording-chat.ts';

const WEEK = '2026-W47';
const BOT_TOKEN = 'xoxb-1111-2222-SECRETBOTTOKEN';
const APP_TOKEN = 'xapp-1-A0-SECRETAPPTOKEN';
const SIGNING_SECRET = 'f00dfeedsigningsecret0123456789';
const MATTERMOST_TOKEN = 'mmtokensecret9876543210';
const DASHBOARD_TOKEN = 'eyJvIjoiY2xhaXJlIn0.LINKSIGNATURE0123';
const RESPONSE_HOOK = 'T0HDF/1234567890/RESPONSEHOOKSECRET';
const REQUEST_SIGNATURE = '5f3c0de7a1b2c3d4e5f60718293a4b5c';
const COMMENT = 'Mon manager refuse encore, je craque';
const NOTES = 'parle de sa santé, arrêt possible';

describe('logs of a full week', () => {
  let lines: string[];
  let bot: TestBot;
  let clock: TestClock;
  let chat: RecordingChat;

  beforeEach(async () => {
    const programme = exampleProgramme();
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    chat = new RecordingChat(programme);
    lines = [];
    bot = await openBot(tempDatabaseUrl(), programme, clock, chat, {
      logger: createLogger('info', { stream: { write: (line: string) => lines.push(line) } }),
    });
  });
  afterEach(() => bot.close());

  it('hold the ids of every fan-out and alert, and no token, secret or words of the people', async () => {
    const { logger } = bot.ctx;
    // Configuration and errors as careless call sites might pass them.
    const env = readEnv({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      MATTERMOST_URL: 'https://chat.example.org',
      MATTERMOST_BOT_TOKEN: MATTERMOST_TOKEN,
    });
    logger.info({ env }, 'configuration read');
    logger.info({ headers: { Authorization: `Bearer ${MATTERMOST_TOKEN}` } }, 'request');
    logger.error({ err: new Error(`invalid_auth for token ${BOT_TOKEN}`) }, 'platform: refused');
    logger.info({ link: `https://bot.example.org/dashboard?t=${DASHBOARD_TOKEN}&lang=en` }, 'link');
    logger.warn({ response_url: `https://hooks.slack.com/commands/${RESPONSE_HOOK}` }, 'answer failed');
    logger.warn({}, `posting to https://hooks.slack.com/actions/${RESPONSE_HOOK} failed`);
    logger.warn({}, `posting to https://chat.example.org/hooks/commands/${RESPONSE_HOOK} failed`);
    logger.warn({ headers: { 'X-Slack-Signature': `v0=${REQUEST_SIGNATURE}` } }, 'request refused');
    logger.warn({ reason: `signature v0=${REQUEST_SIGNATURE} mismatch` }, 'request refused');

    chat.refusals.push(
      transient('ratelimited', 1_000),
      new ChatDeliveryError('fatal', 'fatal', { transient: false }),
    );
    await sendPrompts(bot.ctx, WEEK);
    clock.advance(60_000);
    await dispatchOutbox(bot.ctx);

    clock.setParis('2026-11-20', 16);
    await recordAnswer(bot.ctx, {
      actor: 'nicolas',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0 } },
    });
    await recordAnswer(bot.ctx, {
      actor: 'nicolas',
      week: WEEK,
      change: { field: 'comment', comment: COMMENT },
    });
    const logged = await runCommand(bot.ctx, {
      actor: 'julien',
      command: 'coaching',
      text: `log @nicolas 45min ${NOTES}`,
    });
    expect(logged).toMatchObject({ ok: true });
    await runCommand(bot.ctx, { actor: 'julien', command: 'coaching', text: 'history @nicolas' });
    logger.info({ answer: await bot.ctx.store.getAnswer('nicolas', WEEK) }, 'answer');

    clock.setParis('2026-11-23', 9, 30);
    await sendReminders(bot.ctx, WEEK);
    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(20);
    const text = lines.join('');
    for (const secret of [
      BOT_TOKEN,
      APP_TOKEN,
      SIGNING_SECRET,
      MATTERMOST_TOKEN,
      DASHBOARD_TOKEN,
      'LINKSIGNATURE',
      'RESPONSEHOOKSECRET',
      REQUEST_SIGNATURE,
      COMMENT,
      NOTES,
      'SECRET',
    ]) {
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    }
    // Info and above only, as configured.
    expect(records.every((r) => typeof r.level === 'number' && r.level >= 30)).toBe(true);

    // Why did Laurent get an alert? The decision, its reason, and the message that reached him.
    const decision = records.find(
      (r) => r.msg === 'evaluation: alert due' && r.alert === `release_missed:nicolas:${WEEK}`,
    );
    expect(decision).toMatchObject({
      recipients: ['laurent'],
      reason: { releasedDays: 0, required: 1 },
    });
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'outbox: sent',
        key: `alert:release_missed:nicolas:${WEEK}:laurent`,
        recipient: 'laurent',
      }),
    );
    // Each fan-out with its week and count, each refusal with the message's key.
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'prompts: fan-out', job: 'prompt', week: WEEK, total: 6 }),
    );
    expect(records).toContainEqual(expect.objectContaining({ msg: 'reminders: fan-out', week: WEEK }));
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'outbox: will retry',
        key: expect.stringMatching(/^prompt:/),
        code: 'ratelimited',
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'outbox: refused for good', code: 'fatal' }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'coaching: session logged',
        intrapreneur: 'nicolas',
        loggedBy: 'julien',
      }),
    );
  });
});
