// Slack failing in the ways that matter for exactly-once and for a week's messages: a post whose answer is lost and
// cannot be checked at once, the bot's own token refused (rotated, revoked), and someone who joins the workspace
// after the bot was told nobody had their e-mail.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { type DispatchResult, dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { ChatDeliveryError, type Logger } from '../../src/core/ports.ts';
import { findPerson, type Person } from '../../src/core/programme.ts';
import { createClient } from '../../src/platforms/slack/client.ts';
import { NOT_FOUND_TTL_MS, SlackDirectory } from '../../src/platforms/slack/directory.ts';
import { BOT_TOKEN, type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';

const WEEK = '2026-W47';
const INTRAPRENEURS = ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'];

interface Line {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recordingLogger(lines: Line[]): Logger {
  const at =
    (level: Line['level']) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj: obj as Record<string, unknown>, msg });
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Slack delivery', () => {
  let s: SlackBot;
  let lines: Line[];

  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  async function start(options: Parameters<typeof startSlackBot>[0] = {}): Promise<SlackBot> {
    lines = [];
    s = await startSlackBot({ logger: recordingLogger(lines), ...options });
    return s;
  }

  const person = (id: string): Person => findPerson(s.programme, id) as Person;
  const prompts = (id: string) =>
    s.slack
      .directMessages(s.slackId(id))
      .filter((m) => m.metadata?.event_payload.key === `prompt:${id}:${WEEK}`);

  /** Runs the outbox again once its retry delays are over, as the scheduler does, until nothing is left. */
  async function drain(): Promise<DispatchResult> {
    const total: DispatchResult = { sent: 0, recovered: 0, retried: 0, failed: 0 };
    for (let round = 0; round < 5; round++) {
      if ((await s.bot.ctx.store.listOutbox({ status: 'pending' })).length === 0) return total;
      s.clock.advance(2 * 60 * 60_000);
      const result = await dispatchOutbox(s.bot.ctx, { label: 'retries' });
      for (const k of ['sent', 'recovered', 'retried', 'failed'] as const) total[k] += result[k];
    }
    throw new Error('messages still pending after five rounds');
  }

  async function expectEachPromptOnce(): Promise<void> {
    for (const id of INTRAPRENEURS) expect(prompts(id), id).toHaveLength(1);
    const outbox = await s.bot.ctx.store.listOutbox({ week: WEEK, kind: 'prompt' });
    expect(outbox.map((e) => e.status)).toEqual(INTRAPRENEURS.map(() => 'sent'));
  }

  describe('a post whose answer is lost', () => {
    it('Slack posted despite the 500 and the look right after fails: the outbox looks again, posts nothing twice', async () => {
      await start();
      s.slack.inject('chat.postMessage', { status: 500, processed: true });
      s.slack.inject('conversations.history', { status: 500 });
      expect(await sendPrompts(s.bot.ctx, WEEK)).toMatchObject({ sent: 5, retried: 1, failed: 0 });
      expect(await drain()).toMatchObject({ sent: 0, recovered: 1, failed: 0 });
      await expectEachPromptOnce();
    });

    it('reports a 500 it could not clear up as an unknown outcome, a refusal as a refusal', async () => {
      await start();
      const send = (id: string) =>
        s.platform.chat
          .send({
            key: `prompt:${id}:${WEEK}`,
            to: { person: person(id) },
            message: { kind: 'prompt', week: WEEK, intrapreneur: id },
            locale: 'fr',
          })
          .catch((e: unknown) => e);
      s.slack.inject('chat.postMessage', { status: 500 });
      expect(await send('alice')).toMatchObject({ code: 'http_500', transient: true, outcomeUnknown: true });
      // Slack's own words for internal_error: "it's possible some aspect of the operation succeeded".
      s.slack.inject('chat.postMessage', { error: 'internal_error' });
      expect(await send('alice')).toMatchObject({ transient: true, outcomeUnknown: true });
      s.slack.inject('chat.postMessage', { status: 429, retryAfter: 1 });
      expect(await send('alice')).toMatchObject({ transient: true, outcomeUnknown: false });
      s.slack.inject('chat.postMessage', { error: 'channel_not_found' });
      const refused = await send('alice');
      expect(refused).toBeInstanceOf(ChatDeliveryError);
      expect(refused).toMatchObject({ transient: false, outcomeUnknown: false });
    });
  });

  describe('the bot token refused', () => {
    for (const code of ['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']) {
      it(`${code}: the messages wait for a fixed token instead of failing, and it is logged as an error`, async () => {
        await start();
        s.slack.inject('chat.postMessage', { error: code }, { error: code });
        const first = await sendPrompts(s.bot.ctx, WEEK);
        expect(first).toMatchObject({ sent: 4, retried: 2, failed: 0 });
        const errors = lines.filter((l) => l.level === 'error');
        expect(errors).toHaveLength(2);
        expect(errors.every((l) => l.obj.code === code && l.obj.platform === 'slack')).toBe(true);
        expect(errors[0]?.msg).toContain('SLACK_BOT_TOKEN');
        // The administrator put a valid token in place.
        expect(await drain()).toMatchObject({ sent: 2, failed: 0 });
        await expectEachPromptOnce();
      });
    }

    it('a refused token on the e-mail lookup waits too', async () => {
      await start();
      s.slack.inject('users.lookupByEmail', { error: 'token_revoked' });
      expect(await sendPrompts(s.bot.ctx, WEEK)).toMatchObject({ sent: 5, retried: 1, failed: 0 });
      expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
      await drain();
      await expectEachPromptOnce();
    });

    it('someone unknown to Slack is still refused for good', async () => {
      await start();
      s.slack.inject('chat.postMessage', { error: 'user_not_found' }, { error: 'channel_not_found' });
      expect(await sendPrompts(s.bot.ctx, WEEK)).toMatchObject({ sent: 4, retried: 0, failed: 2 });
      expect(lines.filter((l) => l.level === 'error' && l.obj.platform === 'slack')).toEqual([]);
    });
  });

  describe('someone who joins the workspace later', () => {
    it('is looked up again after ten minutes, without a restart', async () => {
      await start({ strangers: ['mehdi'] });
      const mehdi = person('mehdi');
      const lookups = () =>
        s.slack.callsOf('users.lookupByEmail').filter((c) => c.args.email === mehdi.email);
      expect(await s.platform.reaches(mehdi)).toBe(false);
      expect(lookups()).toHaveLength(1);

      // Mehdi gets his Slack account: within ten minutes the bot still believes the first answer, asking nothing.
      s.slack.addUser({ name: mehdi.name, email: mehdi.email });
      s.clock.advance(NOT_FOUND_TTL_MS - 60_000);
      expect(await s.platform.reaches(mehdi)).toBe(false);
      expect(lookups()).toHaveLength(1);

      s.clock.advance(60_000);
      expect(await s.platform.reaches(mehdi)).toBe(true);
      expect(lookups()).toHaveLength(2);
      await s.platform.chat.send({
        key: `prompt:mehdi:${WEEK}`,
        to: { person: mehdi },
        message: { kind: 'prompt', week: WEEK, intrapreneur: 'mehdi' },
        locale: 'fr',
      });
      const [user] = [...s.slack.users.values()].filter((u) => u.email === mehdi.email);
      expect(s.slack.directMessages(user?.id ?? '')).toHaveLength(1);
      // Found, he stays found: no more lookups.
      s.clock.advance(NOT_FOUND_TTL_MS * 3);
      expect(await s.platform.reaches(mehdi)).toBe(true);
      expect(lookups()).toHaveLength(2);
    });

    it('a Slack user unknown to users.info is asked about again after ten minutes', async () => {
      await start({ strangers: ['mehdi'] });
      const client = createClient(BOT_TOKEN, s.slack.apiUrl, silentLogger);
      const directory = new SlackDirectory(client, s.programme, { clock: s.clock });
      const infos = () => s.slack.callsOf('users.info').filter((c) => c.args.user === 'U0LATER');
      expect(await directory.personId('U0LATER')).toBeUndefined();
      s.slack.addUser({ id: 'U0LATER', name: 'Mehdi Haddad', email: person('mehdi').email });
      expect(await directory.personId('U0LATER')).toBeUndefined();
      expect(infos()).toHaveLength(1);
      s.clock.advance(NOT_FOUND_TTL_MS);
      expect(await directory.personId('U0LATER')).toBe('mehdi');
      expect(await directory.userId(person('mehdi'))).toBe('U0LATER');
      expect(infos()).toHaveLength(2);
    });

    it('takes a shorter time limit when given one', async () => {
      await start({ strangers: ['mehdi'] });
      const client = createClient(BOT_TOKEN, s.slack.apiUrl, silentLogger);
      const directory = new SlackDirectory(client, s.programme, { clock: s.clock, notFoundTtlMs: 1000 });
      expect(await directory.userId(person('mehdi'))).toBeNull();
      s.slack.addUser({ name: 'Mehdi Haddad', email: person('mehdi').email });
      s.clock.advance(999);
      expect(await directory.userId(person('mehdi'))).toBeNull();
      s.clock.advance(1);
      expect(await directory.userId(person('mehdi'))).toMatch(/^U/);
    });
  });
});
