// The outbox hands a port that takes several messages at once (e-mail's pool) up to that many, never more; each
// message still goes once, and a stop between two messages hands back exactly those not begun.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import type { ChatPort, Delivery, SentMessage } from '../../src/core/ports.ts';
import { InMemoryStore } from '../../src/storage/memory-store.ts';
import { exampleProgramme, TestClock } from '../support/fixtures.ts';

/** A port that holds each send until the test lets it go, and counts how many it held at once. */
class HeldChat implements ChatPort {
  readonly platform = 'held';
  readonly sent: string[] = [];
  inFlight = 0;
  widest = 0;
  begun = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(readonly concurrency: number) {}

  async send(delivery: Delivery): Promise<SentMessage> {
    this.begun++;
    this.inFlight++;
    this.widest = Math.max(this.widest, this.inFlight);
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.inFlight--;
    this.sent.push(delivery.key);
    return { platform: this.platform, ref: delivery.key };
  }

  async findSent(): Promise<SentMessage | null> {
    return null;
  }

  /** Lets the held sends go, a few at a time, until `done` resolves. */
  async release(done: Promise<unknown>, onEach?: () => void): Promise<void> {
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished) {
      const next = this.#waiting.shift();
      if (next) {
        next();
        onEach?.();
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const programme = exampleProgramme();
const intrapreneurs = programme.projects.flatMap((p) => p.intrapreneurs.map((i) => i.person));

async function setup(concurrency: number) {
  const clock = new TestClock(new Date('2026-11-20T13:00:00Z'));
  const store = new InMemoryStore();
  await store.syncProgramme(programme, clock.now());
  // Twenty messages: several per intrapreneur of the example.
  await store.enqueue(
    Array.from({ length: 20 }, (_, i) => {
      const person = intrapreneurs[i % intrapreneurs.length] as string;
      const week = `2026-W${30 + i}`;
      return {
        key: `reminder:${person}:${week}`,
        kind: 'reminder' as const,
        week,
        recipient: person,
        message: { kind: 'reminder' as const, week, intrapreneur: person },
        dueAt: clock.now(),
      };
    }),
  );
  const chat = new HeldChat(concurrency);
  return { chat, store, ctx: { programme, store, clock, logger: silentLogger, chat } };
}

describe('delivery to a port that takes several messages at once', () => {
  it('keeps as many in flight as the port takes, never more, and sends each once', async () => {
    const { chat, store, ctx } = await setup(3);
    const done = dispatchOutbox(ctx);
    await chat.release(done);
    expect(await done).toMatchObject({ sent: 20, failed: 0, retried: 0 });
    expect(chat.widest).toBe(3);
    expect(new Set(chat.sent).size).toBe(20);
    expect(await store.listOutbox({ status: 'sent' })).toHaveLength(20);
  });

  it('sends one at a time to a port that says nothing', async () => {
    const { chat, ctx } = await setup(1);
    const done = dispatchOutbox(ctx);
    await chat.release(done);
    expect(chat.widest).toBe(1);
    expect(chat.sent).toHaveLength(20);
  });

  it('when stopped, finishes the messages begun and hands back the others', async () => {
    const { chat, store, ctx } = await setup(4);
    const stop = new AbortController();
    let released = 0;
    const done = dispatchOutbox(ctx, { signal: stop.signal });
    await chat.release(done, () => {
      released++;
      if (released === 6) stop.abort();
    });
    const result = await done;
    // Six let go, then the stop: the lanes finish what they hold (four at most), and begin nothing more.
    expect(chat.sent).toHaveLength(chat.begun);
    expect(chat.begun).toBeLessThanOrEqual(6 + 4);
    expect(result.sent).toBe(chat.begun);
    expect(await store.listOutbox({ status: 'sent' })).toHaveLength(chat.begun);
    expect(await store.listOutbox({ status: 'pending' })).toHaveLength(20 - chat.begun);
  });
});
