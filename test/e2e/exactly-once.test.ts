// Exactly once, nothing lost: concurrent runs from two connections, a sender that dies half-way through a fan-out,
// transient refusals, permanent refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { ChatDeliveryError } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { permanent, RecordingChat, transient } from '../support/recording-chat.ts';

const WEEK = '2026-W47';
const INTRAPRENEURS = ['alice', 'camille', 'elodie', 'mehdi', 'nicolas', 'pierre'];

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not reached');
}

describe('delivery', () => {
  let programme: Programme;
  let clock: TestClock;
  let chat: RecordingChat;
  let url: string;
  const bots: TestBot[] = [];
  const open = async () => {
    const bot = await openBot(url, programme, clock, chat);
    bots.push(bot);
    return bot;
  };

  beforeEach(() => {
    programme = exampleProgramme();
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    chat = new RecordingChat(programme);
    url = tempDatabaseUrl();
  });
  afterEach(() => {
    for (const bot of bots.splice(0)) bot.close();
  });

  it('sends each prompt once when two processes run the fan-out at the same time', async () => {
    const [a, b] = [await open(), await open()];
    await Promise.all([sendPrompts(a.ctx, WEEK), sendPrompts(b.ctx, WEEK), sendPrompts(a.ctx, WEEK)]);
    expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
  });

  for (const when of ['after', 'before'] as const) {
    it(`sends each prompt once after a sender dies ${when} a message reached the platform`, async () => {
      const first = await open();
      chat.hangAfter(3, when);
      void sendPrompts(first.ctx, WEEK);
      await until(() => chat.messages.length === (when === 'after' ? 4 : 3));
      first.close();

      // Restarted within the claim's lease: the entries of the dead sender are not touched yet.
      const restarted = await open();
      await dispatchOutbox(restarted.ctx);
      expect(chat.messages.length).toBe(when === 'after' ? 4 : 3);

      // Marks are written in groups, so some messages that reached the platform may not be marked yet; and when the
      // sender died after the platform took a message, that one is not marked for sure.
      const marked = (await restarted.ctx.store.listOutbox({ week: WEEK, status: 'sent' })).length;
      expect(marked).toBeLessThanOrEqual(3);

      // Past the lease, the platform is asked before anything is sent again: what it has is marked, not resent.
      clock.advance(11 * 60_000);
      const result = await sendPrompts(restarted.ctx, WEEK);
      const reached = when === 'after' ? 4 : 3;
      expect(result).toMatchObject({ status: 'done', recovered: reached - marked, sent: 6 - reached });
      expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
      const sent = await restarted.ctx.store.listOutbox({ week: WEEK, kind: 'prompt', status: 'sent' });
      expect(sent).toHaveLength(6);
    });
  }

  it('marks a message sent while the next one still hangs on the platform', async () => {
    const bot = await open();
    chat.hangAfter(1, 'before');
    void sendPrompts(bot.ctx, WEEK);
    await until(() => chat.messages.length === 1);
    const marked = async () =>
      (await bot.ctx.store.listOutbox({ week: WEEK, status: 'sent' })).map((e) => e.key);
    for (let i = 0; i < 100 && (await marked()).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(await marked()).toEqual([chat.messages[0]?.key]);
  });

  it('writes the marks again when a write failed, and sends nothing twice', async () => {
    const bot = await open();
    const store = bot.ctx.store;
    let failures = 1;
    const flaky = new Proxy(store, {
      get(target, prop) {
        if (prop === 'markSent') {
          return async (marks: Parameters<typeof store.markSent>[0]) => {
            if (failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
            return target.markSent(marks);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(await sendPrompts({ ...bot.ctx, store: flaky }, WEEK)).toMatchObject({ status: 'done', sent: 6 });
    expect(failures).toBeLessThan(0);
    expect(await store.listOutbox({ week: WEEK, kind: 'prompt', status: 'sent' })).toHaveLength(6);
    expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
  });

  it('keeps looking before sending again while the platform cannot say whether a message arrived', async () => {
    const first = await open();
    chat.hangAfter(0, 'after');
    void sendPrompts(first.ctx, WEEK);
    await until(() => chat.messages.length === 1);
    first.close();

    const restarted = await open();
    clock.advance(11 * 60_000);
    // The look-up itself is rate limited: the message must not be sent blindly on the next attempt.
    chat.lookupRefusals.push(transient('ratelimited', 1000));
    await dispatchOutbox(restarted.ctx);
    clock.advance(60_000);
    const result = await dispatchOutbox(restarted.ctx);
    expect(result.recovered).toBe(1);
    expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
  });

  it('looks before retrying a send that failed after the platform kept the message', async () => {
    const bot = await open();
    chat.failuresAfterPosting.push(
      new ChatDeliveryError('internal_error', '500 after posting', { transient: true, outcomeUnknown: true }),
    );
    const first = await sendPrompts(bot.ctx, WEEK);
    expect(first).toMatchObject({ sent: 5, retried: 1 });
    clock.advance(60_000);
    const again = await dispatchOutbox(bot.ctx);
    expect(again).toMatchObject({ sent: 0, recovered: 1 });
    expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
  });

  it('retries transient refusals later, with backoff, and loses nothing', async () => {
    const bot = await open();
    chat.refusals.push(transient('ratelimited', 90_000), transient('internal_error'));
    const first = await sendPrompts(bot.ctx, WEEK);
    expect(first).toMatchObject({ sent: 4, retried: 2 });
    expect(chat.messages).toHaveLength(4);

    // The 500 is retried after the first backoff step; the 429 not before the platform's Retry-After.
    clock.advance(20_000);
    await dispatchOutbox(bot.ctx);
    expect(chat.messages).toHaveLength(4);
    clock.advance(15_000);
    await dispatchOutbox(bot.ctx);
    expect(chat.messages).toHaveLength(5);
    clock.advance(60_000);
    await dispatchOutbox(bot.ctx);
    expect(chat.messages.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
    await dispatchOutbox(bot.ctx);
    expect(chat.messages).toHaveLength(6);
  });

  it('tries a rate-limited message again after its Retry-After, and other refusals after the backoff', async () => {
    const bot = await open();
    chat.refusals.push(transient('ratelimited', 1000), transient('internal_error'));
    const at = clock.now().getTime();
    expect(await sendPrompts(bot.ctx, WEEK)).toMatchObject({ sent: 4, retried: 2 });
    const waiting = await bot.ctx.store.listOutbox({ week: WEEK, status: 'pending' });
    expect(waiting.map((e) => [e.lastError, e.nextAttemptAt.getTime() - at])).toEqual([
      ['ratelimited', 1000],
      ['internal_error', 30_000],
    ]);
    clock.advance(1000);
    expect(await dispatchOutbox(bot.ctx)).toMatchObject({ sent: 1, retried: 0 });
    expect(chat.messages).toHaveLength(5);
  });

  it('reports a permanent refusal in the owners’ digest instead of retrying it forever', async () => {
    const bot = await open();
    chat.refusals.push(permanent('user_not_found'));
    await sendPrompts(bot.ctx, WEEK);
    clock.advance(3_600_000);
    await dispatchOutbox(bot.ctx);
    expect(chat.messages).toHaveLength(5);
    const failed = await bot.ctx.store.listOutbox({ week: WEEK, status: 'failed' });
    expect(failed.map((e) => [e.recipient, e.lastError])).toEqual([['alice', 'user_not_found']]);

    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);
    const digest = chat.messages.find((m) => m.kind === 'digest' && m.to === 'claire');
    expect(digest?.text).toContain('1 message n’a pas pu être remis :');
    expect(digest?.text).toContain('Alice Martin (prompt) : user_not_found');
  });
});
