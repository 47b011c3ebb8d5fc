// One sender at a time across instances: two instances of the bot (each its own connection and instance name) on
// one SQLite file and on one PostgreSQL database. While one sends, the other leaves the outbox to it; what the other
// enqueued meanwhile is still sent; a stop gives the sending back at once; a holder that went silent holds it up for
// the lease only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppContext, silentLogger } from '../../src/app/context.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { SENDER_LEASE, SENDER_LEASE_MS, senderLeaseOf } from '../../src/app/sender-lease.ts';
import type { ChatPort, Delivery, OutboxItem, SentMessage, Store } from '../../src/core/ports.ts';
import { openStorage, type Storage } from '../../src/storage/storage.ts';
import { exampleProgramme, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { newPostgresDatabase } from '../support/postgres.ts';

const programme = exampleProgramme();
const intrapreneurs = programme.projects.flatMap((p) => p.intrapreneurs.map((i) => i.person));

/** Who sent what, in the order the platform took it, across both instances. */
type Sends = { instance: string; key: string }[];

/** A platform shared by the instances: each send takes a moment, and `pause` can hold the next ones. */
class SharedPlatform {
  readonly sends: Sends = [];
  inFlight = new Set<string>();
  /** Instances that had a send in flight at the same moment as another instance's. */
  overlaps = 0;
  #held: Promise<void> | undefined;
  #letGo: () => void = () => {};

  chatFor(instance: string): ChatPort {
    return {
      platform: 'recording',
      send: async (delivery: Delivery): Promise<SentMessage> => {
        await this.#held;
        this.inFlight.add(instance);
        if (this.inFlight.size > 1) this.overlaps++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        this.inFlight.delete(instance);
        this.sends.push({ instance, key: delivery.key });
        return { platform: 'recording', ref: delivery.key };
      },
      findSent: async () => null,
    };
  }

  /** Holds every send not yet begun until `letGo`. */
  hold(): void {
    this.#held = new Promise((resolve) => {
      this.#letGo = resolve;
    });
  }

  letGo(): void {
    this.#letGo();
    this.#held = undefined;
  }
}

function reminders(count: number, from = 0): OutboxItem[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const person = intrapreneurs[i % intrapreneurs.length] as string;
    const week = `2026-W${String(1 + (i % 50)).padStart(2, '0')}`;
    return {
      key: `reminder:${person}:${week}:${i}`,
      kind: 'reminder' as const,
      week,
      recipient: person,
      message: { kind: 'reminder' as const, week, intrapreneur: person },
      dueAt: new Date('2026-11-20T13:00:00Z'),
    };
  });
}

const SHARED: { name: string; url: () => Promise<string> }[] = [
  { name: 'one SQLite file', url: async () => tempDatabaseUrl() },
  { name: 'one PostgreSQL database', url: () => newPostgresDatabase('sender') },
];

for (const shared of SHARED) {
  describe(`one sender at a time, two instances on ${shared.name}`, () => {
    let url: string;
    let clock: TestClock;
    let platform: SharedPlatform;
    const opened: Storage[] = [];

    beforeEach(async () => {
      url = await shared.url();
      clock = new TestClock(new Date('2026-11-20T13:00:00Z'));
      platform = new SharedPlatform();
    });
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.close();
    });

    async function instance(name: string, extra: Partial<AppContext> = {}): Promise<AppContext> {
      const storage = await openStorage(url, { programmeKey: programme.key, instance: name });
      opened.push(storage);
      await storage.store.syncProgramme(programme, clock.now());
      return {
        programme,
        store: storage.store,
        clock,
        logger: silentLogger,
        chat: platform.chatFor(name),
        ...extra,
      };
    }

    const sentKeys = async (store: Store) =>
      (await store.listOutbox({ status: 'sent' })).map((e) => e.key).sort();

    it('lets one instance send everything due while the other leaves it to it', async () => {
      const [a, b] = [await instance('a'), await instance('b')];
      await a.store.enqueue(reminders(120));
      const results = await Promise.all([dispatchOutbox(a), dispatchOutbox(b)]);

      expect(results.map((r) => [r.sent, r.deferred ?? false]).sort()).toEqual([
        [0, true],
        [120, false],
      ]);
      expect(new Set(platform.sends.map((s) => s.instance)).size).toBe(1);
      expect(platform.overlaps).toBe(0);
      expect(new Set(platform.sends.map((s) => s.key)).size).toBe(120);
      expect(await sentKeys(a.store)).toHaveLength(120);
    });

    it('sends what the other instance enqueued while it held the lease, even after its last claim', async () => {
      const b = await instance('b');
      let late: Promise<unknown> | undefined;
      const a = await instance('a');
      // Between `a`'s last claim (which found nothing) and the moment it gives the lease back, `b` enqueues and tries
      // to send: the lease is `a`'s, so `b` leaves its message to `a`.
      const store = new Proxy(a.store, {
        get(target, prop) {
          if (prop === 'claimDue') {
            return async (...args: Parameters<Store['claimDue']>) => {
              const claimed = await target.claimDue(...args);
              if (claimed.length === 0 && late === undefined) {
                late = b.store.enqueue(reminders(1, 500)).then(() => dispatchOutbox(b));
                await late;
              }
              return claimed;
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      await a.store.enqueue(reminders(3));
      const result = await dispatchOutbox({ ...a, store });

      expect(await late).toMatchObject({ sent: 0, deferred: true });
      expect(result).toMatchObject({ sent: 4 });
      expect(platform.sends.map((s) => s.instance)).toEqual(['a', 'a', 'a', 'a']);
      expect(platform.sends.at(-1)?.key).toBe(reminders(1, 500)[0]?.key);
      expect(await sentKeys(a.store)).toHaveLength(4);
    });

    it('gives the sending back at once when the holder stops, for the other to send what it handed back', async () => {
      const stop = new AbortController();
      const a = await instance('a', { signal: stop.signal });
      const b = await instance('b');
      await a.store.enqueue(reminders(20));
      platform.hold();
      const sending = dispatchOutbox(a);
      await expect.poll(async () => (await b.store.listOutbox({ status: 'sending' })).length).toBe(20);
      // `a` holds the lease: `b` leaves the sending of what it enqueues to it.
      await b.store.enqueue(reminders(1, 500));
      expect(await dispatchOutbox(b)).toMatchObject({ sent: 0, deferred: true });
      stop.abort();
      platform.letGo();
      const stopped = await sending;
      // The message in flight when it stopped went out; the others were handed back, and the lease with them.
      expect(stopped.sent).toBe(1);
      const rest = await dispatchOutbox(b);
      expect(rest).toEqual({ sent: 20, recovered: 0, retried: 0, failed: 0 });
      expect(platform.sends.map((s) => s.instance)).toEqual(['a', ...Array<string>(20).fill('b')]);
    });

    it('takes the sending over once the lease of a holder that went silent is over', async () => {
      const a = await instance('a');
      const b = await instance('b');
      // `a` took the lease and died: nobody renews it, nobody gives it back.
      expect(
        await a.store.takeLease(SENDER_LEASE, clock.now(), new Date(clock.now().getTime() + SENDER_LEASE_MS)),
      ).toBe(true);
      await b.store.enqueue(reminders(5));
      expect(await dispatchOutbox(b)).toMatchObject({ sent: 0, deferred: true });
      clock.advance(SENDER_LEASE_MS);
      expect(await dispatchOutbox(b)).toEqual({ sent: 5, recovered: 0, retried: 0, failed: 0 });
      // `b` gave it back when done: free for anyone.
      expect(await a.store.takeLease(SENDER_LEASE, clock.now(), clock.now())).toBe(true);
    });

    describe('while a send lasts longer than the lease', () => {
      beforeEach(() => {
        // The renewals only: the database's own timers stay real.
        vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      });
      afterEach(() => {
        vi.useRealTimers();
      });

      it('keeps the lease by renewing it, and the other instance keeps out', async () => {
        const a = await instance('a');
        const b = await instance('b');
        await a.store.enqueue(reminders(20));
        platform.hold();
        const sending = dispatchOutbox(a);
        await expect.poll(async () => (await b.store.listOutbox({ status: 'sending' })).length).toBe(20);
        clock.advance(SENDER_LEASE_MS - 1000);
        vi.advanceTimersByTime(SENDER_LEASE_MS / 3);
        // Past the end of the lease as first taken: renewed meanwhile, it is still `a`'s.
        clock.advance(2000);
        await expect
          .poll(() => b.store.takeLease(SENDER_LEASE, clock.now(), clock.now()), { interval: 20 })
          .toBe(false);
        await b.store.enqueue(reminders(1, 500));
        expect(await dispatchOutbox(b)).toMatchObject({ sent: 0, deferred: true });
        platform.letGo();
        // `a` sends its own, then what `b` left to it.
        expect(await sending).toMatchObject({ sent: 21 });
        expect(new Set(platform.sends.map((s) => s.instance))).toEqual(new Set(['a']));
      });

      it('stops between two messages and hands the rest back once another instance took the lease over', async () => {
        const a = await instance('a');
        const b = await instance('b');
        await a.store.enqueue(reminders(20));
        platform.hold();
        const sending = dispatchOutbox(a);
        await expect.poll(async () => (await b.store.listOutbox({ status: 'sending' })).length).toBe(20);
        // `a`'s renewals did not reach the database for the whole lease: `b` took it.
        clock.advance(SENDER_LEASE_MS);
        expect(
          await b.store.takeLease(
            SENDER_LEASE,
            clock.now(),
            new Date(clock.now().getTime() + SENDER_LEASE_MS),
          ),
        ).toBe(true);
        vi.advanceTimersByTime(SENDER_LEASE_MS / 3);
        await expect.poll(() => senderLeaseOf(a).held).toBe(false);
        platform.letGo();
        expect(await sending).toMatchObject({ sent: 1 });
        expect((await b.store.listOutbox({ status: 'pending' })).map((e) => e.lastError)).toEqual(
          Array<string>(19).fill('lease_lost'),
        );
        expect(await dispatchOutbox(b)).toMatchObject({ sent: 19 });
        expect(platform.sends.map((s) => s.instance)).toEqual(['a', ...Array<string>(19).fill('b')]);
        expect(platform.overlaps).toBe(0);
      });
    });

    it('writes no lease when nothing is due, as most outbox rounds find', async () => {
      const a = await instance('a');
      const taken: string[] = [];
      const store = new Proxy(a.store, {
        get(target, prop) {
          if (prop === 'takeLease') {
            return (...args: Parameters<Store['takeLease']>) => {
              taken.push(args[0]);
              return target.takeLease(...args);
            };
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      expect(await dispatchOutbox({ ...a, store })).toEqual({ sent: 0, recovered: 0, retried: 0, failed: 0 });
      expect(taken).toEqual([]);
      await a.store.enqueue(reminders(1));
      expect(await dispatchOutbox({ ...a, store })).toMatchObject({ sent: 1 });
      expect(taken).toEqual([SENDER_LEASE]);
    });

    it('shares one hold between the dispatches of an instance: the last one to finish gives the lease back', async () => {
      const a = await instance('a');
      const b = await instance('b');
      const lease = senderLeaseOf(a);
      expect(await lease.join()).toBe(true);
      expect(await lease.join()).toBe(true);
      await lease.leave();
      // Still held by `a`'s other dispatch.
      expect(await b.store.takeLease(SENDER_LEASE, clock.now(), clock.now())).toBe(false);
      await lease.leave();
      expect(await b.store.takeLease(SENDER_LEASE, clock.now(), clock.now())).toBe(true);
    });
  });
}
