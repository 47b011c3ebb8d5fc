// The chat-port contract on the sandbox adapter, over a real SQLite file: what a person receives is what the sandbox
// page shows them. The sandbox has no network to refuse a message, so its `refuseNext` hook plays Slack's 429 and 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOX } from '../../src/app/context.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { readEnv } from '../../src/config/env.ts';
import { ChatDeliveryError } from '../../src/core/ports.ts';
import { findPerson, type Person, type Programme } from '../../src/core/programme.ts';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import { messageCard } from '../../src/platforms/sandbox/render.ts';
import {
  exampleProgramme,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';
import { chatContract } from './chat-contract.ts';

const WEEK = '2026-W47';

/** The text a person reads on the sandbox page for each message, oldest first. */
async function shown(platform: SandboxPlatform, programme: Programme, person: Person): Promise<string[]> {
  const viewer = { programme, person: person.id, locale: 'fr' as const, lang: undefined };
  return (await platform.store().list(person.id)).map((row) =>
    messageCard(viewer, row)
      .value.replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** A sandbox over its own database; it knows the people of `known` (the programme it shows). */
async function sandbox(known: Programme, clock = new TestClock(new Date('2026-11-20T13:00:00Z'))) {
  const url = tempDatabaseUrl();
  const env = readEnv({ DATABASE_URL: url }, '/');
  return openBotOn(url, exampleProgramme(), clock, (deps) =>
    createSandboxPlatform({ ...deps, programme: known }, env),
  );
}

chatContract('sandbox', async () => {
  const programme = exampleProgramme();
  const known = findPerson(programme, 'alice');
  const stranger = findPerson(programme, 'mehdi');
  if (!known || !stranger) throw new Error('example programme changed');
  // The sandbox shows a programme without Mehdi: to it, he is a stranger.
  const shownProgramme = { ...programme, people: programme.people.filter((p) => p.id !== stranger.id) };
  const { bot, platform } = await sandbox(shownProgramme);
  return {
    chat: platform.chat,
    programme,
    known,
    stranger,
    rateLimitNext: (seconds) =>
      platform.chat.refuseNext(
        new ChatDeliveryError('ratelimited', 'rate limited', {
          transient: true,
          retryAfterMs: seconds * 1000,
        }),
      ),
    failNext: () =>
      platform.chat.refuseNext(new ChatDeliveryError('internal_error', 'server error', { transient: true })),
    received: async (person) => shown(platform, programme, person),
    close: async () => {
      await platform.stop();
      bot.close();
    },
  };
});

describe('the sandbox as the bot’s only platform', () => {
  let bot: TestBot;
  let platform: SandboxPlatform;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    ({ bot, platform } = await sandbox(exampleProgramme(), clock));
  });
  afterEach(async () => {
    await platform.stop();
    bot.close();
  });

  it('shows each intrapreneur one check-in per week, however often the prompts are sent', async () => {
    await sendPrompts(bot.ctx, WEEK);
    await sendPrompts(bot.ctx, WEEK);
    for (const id of ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre']) {
      const rows = await platform.store().list(id);
      expect(rows.map((r) => r.key)).toEqual([`prompt:${id}:${WEEK}`]);
    }
    const sent = await bot.ctx.store.listOutbox({ week: WEEK, kind: 'prompt', status: 'sent' });
    expect(sent).toHaveLength(6);
    expect(sent.every((e) => e.sent?.platform === 'sandbox')).toBe(true);
  });

  it('after an interrupted send, finds the message by its key instead of showing it twice', async () => {
    const alice = findPerson(bot.ctx.programme, 'alice') as Person;
    // The message reached the sandbox, but the process died before the outbox heard of it.
    await bot.ctx.store.enqueue([
      {
        key: `prompt:alice:${WEEK}`,
        kind: 'prompt',
        week: WEEK,
        recipient: 'alice',
        message: { kind: 'prompt', week: WEEK, intrapreneur: 'alice' },
        dueAt: clock.now(),
      },
    ]);
    await bot.ctx.store.claimDue(clock.now(), 10, DEFAULT_OUTBOX.leaseMs);
    await platform.chat.send({
      key: `prompt:alice:${WEEK}`,
      to: { person: alice },
      message: { kind: 'prompt', week: WEEK, intrapreneur: 'alice' },
      locale: 'fr',
    });
    clock.advance(DEFAULT_OUTBOX.leaseMs + 1000);
    const result = await dispatchOutbox(bot.ctx);
    expect(result).toMatchObject({ sent: 0, recovered: 1 });
    expect(await platform.store().list('alice')).toHaveLength(1);
  });

  it('a refused message is retried later by the outbox, then shown once', async () => {
    platform.chat.refuseNext(new ChatDeliveryError('ratelimited', 'rate limited', { transient: true }));
    const first = await sendPrompts(bot.ctx, WEEK);
    expect(first).toMatchObject({ sent: 5, retried: 1 });
    clock.advance(60 * 60_000);
    const again = await dispatchOutbox(bot.ctx);
    expect(again).toMatchObject({ sent: 1 });
    const everyone = ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'];
    const counts = await Promise.all(everyone.map(async (id) => (await platform.store().list(id)).length));
    expect(counts).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
