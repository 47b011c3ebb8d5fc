// The outbox part of the storage contract: idempotent enqueue, claims that never overlap, leases, retries.
import { describe, expect, it } from 'vitest';
import type { OutboxItem, Store } from '../../src/core/ports.ts';
import { answer, MINUTE, T0 } from './store-fixtures.ts';

function item(key: string, dueAt: Date, extra: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key,
    kind: 'reminder',
    week: '2026-W48',
    recipient: 'alice',
    message: { kind: 'reminder', week: '2026-W48', intrapreneur: 'alice' },
    dueAt,
    ...extra,
  };
}

function only<T>(list: T[]): T {
  const [single] = list;
  if (list.length !== 1 || single === undefined) throw new Error(`expected one element, got ${list.length}`);
  return single;
}

/** `store` gives the store of the running test (the caller builds a fresh one for each). */
export function outboxContract(store: () => Store): void {
  describe('outbox', () => {
    it('adds only the items whose key is new', async () => {
      expect(await store().enqueue([item('a', T0), item('b', T0)])).toBe(2);
      expect(await store().enqueue([item('a', T0), item('b', T0)])).toBe(0);
      expect(await store().enqueue([item('b', T0), item('c', T0)])).toBe(1);
      expect(await store().enqueue([])).toBe(0);
      expect((await store().listOutbox({})).map((e) => e.key)).toEqual(['a', 'b', 'c']);
    });

    it('keeps keys per week: the bot’s keys name their week', async () => {
      expect(await store().enqueue([item('prompt:alice:2026-W48', T0)])).toBe(1);
      expect(await store().enqueue([item('prompt:alice:2026-W48', T0)])).toBe(0);
      // The same key under another week is another entry, in both stores alike.
      expect(await store().enqueue([item('prompt:alice:2026-W48', T0, { week: '2026-W49' })])).toBe(1);
      expect((await store().listOutbox({})).map((e) => e.week)).toEqual(['2026-W48', '2026-W49']);
    });

    it('stores the message whole, dates included, as a pending entry due at its time', async () => {
      const prompt = item('prompt:alice:2026-W48', T0, {
        kind: 'prompt',
        message: {
          kind: 'prompt',
          week: '2026-W48',
          intrapreneur: 'alice',
          answer: answer('alice', '2026-W48', { release: { kind: 'days', days: 1.5 }, comment: 'ok' }),
        },
      });
      await store().enqueue([prompt]);
      const [entry] = await store().listOutbox({});
      expect(entry).toStrictEqual({
        ...prompt,
        id: entry?.id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: T0,
      });
    });

    it('claims the due entries in order of next attempt then insertion, up to the limit', async () => {
      await store().enqueue([
        item('later', new Date(T0.getTime() + 5 * MINUTE)),
        item('second', T0),
        item('first', new Date(T0.getTime() - MINUTE)),
        item('third', T0),
        item('fourth', T0),
      ]);
      const claimed = await store().claimDue(T0, 3, 10 * MINUTE);
      expect(claimed.map((e) => e.key)).toEqual(['first', 'second', 'third']);
      for (const e of claimed) {
        expect(e).toMatchObject({ status: 'sending', attempts: 1, claimedAt: T0, uncertain: false });
      }
      expect((await store().claimDue(T0, 10, 10 * MINUTE)).map((e) => e.key)).toEqual(['fourth']);
      expect(await store().claimDue(T0, 10, 10 * MINUTE)).toEqual([]);
      expect(await store().claimDue(new Date(T0.getTime() + 5 * MINUTE), 0, 10 * MINUTE)).toEqual([]);
      expect((await store().listOutbox({ status: 'sending' })).map((e) => e.key)).toEqual([
        'second',
        'first',
        'third',
        'fourth',
      ]);
    });

    it('gives back an entry whose claim expired, as uncertain, and counts the attempt', async () => {
      await store().enqueue([item('a', T0)]);
      await store().claimDue(T0, 10, 10 * MINUTE);
      expect(await store().claimDue(new Date(T0.getTime() + 9 * MINUTE), 10, 10 * MINUTE)).toEqual([]);
      const later = new Date(T0.getTime() + 10 * MINUTE);
      const [again] = await store().claimDue(later, 10, 10 * MINUTE);
      expect(again).toMatchObject({
        key: 'a',
        status: 'sending',
        attempts: 2,
        claimedAt: later,
        uncertain: true,
      });
    });

    it('orders expired claims and due entries together, by next attempt', async () => {
      await store().enqueue([
        item('p1', T0),
        item('s1', new Date(T0.getTime() + MINUTE)),
        item('p2', new Date(T0.getTime() + 2 * MINUTE)),
      ]);
      const [p1] = await store().claimDue(new Date(T0.getTime() + MINUTE), 2, 10 * MINUTE);
      // p1 is put back due before s1, which stays claimed until its lease expires.
      await store().markRetry(p1?.id ?? -1, new Date(T0.getTime() + MINUTE / 2), 'rate_limited');
      const later = new Date(T0.getTime() + 11 * MINUTE);
      expect((await store().claimDue(later, 2, 10 * MINUTE)).map((e) => [e.key, e.uncertain])).toEqual([
        ['p1', false],
        ['s1', true],
      ]);
      expect((await store().claimDue(later, 2, 10 * MINUTE)).map((e) => [e.key, e.uncertain])).toEqual([
        ['p2', false],
      ]);
    });

    it('says whether a claim would find anything, and claims nothing when it looks', async () => {
      expect(await store().hasDue(T0, 10 * MINUTE)).toBe(false);
      await store().enqueue([item('a', new Date(T0.getTime() + MINUTE))]);
      // Not due yet.
      expect(await store().hasDue(T0, 10 * MINUTE)).toBe(false);
      const due = new Date(T0.getTime() + MINUTE);
      expect(await store().hasDue(due, 10 * MINUTE)).toBe(true);
      expect((await store().listOutbox({})).map((e) => [e.status, e.attempts])).toEqual([['pending', 0]]);
      // Claimed: nothing due until the claim's lease is over, then it is due again.
      await store().claimDue(due, 10, 10 * MINUTE);
      expect(await store().hasDue(new Date(due.getTime() + 9 * MINUTE), 10 * MINUTE)).toBe(false);
      expect(await store().hasDue(new Date(due.getTime() + 10 * MINUTE), 10 * MINUTE)).toBe(true);
      // Sent: never due again.
      const [entry] = await store().listOutbox({});
      await store().markSent([{ id: entry?.id ?? -1, sent: { platform: 'slack', ref: 'D1/1.0' }, at: due }]);
      expect(await store().hasDue(new Date(due.getTime() + 60 * MINUTE), 10 * MINUTE)).toBe(false);
    });

    it('never hands the same entry to two claims', async () => {
      await store().enqueue(Array.from({ length: 20 }, (_, i) => item(`k${i}`, T0)));
      const [a, b, c] = await Promise.all([
        store().claimDue(T0, 8, MINUTE),
        store().claimDue(T0, 8, MINUTE),
        store().claimDue(T0, 8, MINUTE),
      ]);
      const ids = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(20);
    });

    it('puts an entry back to pending on retry, due again at the given time', async () => {
      await store().enqueue([item('a', T0)]);
      const claimed = only(await store().claimDue(T0, 1, MINUTE));
      const retryAt = new Date(T0.getTime() + 5 * MINUTE);
      await store().markRetry(claimed.id, retryAt, 'rate_limited');
      const [entry] = await store().listOutbox({});
      expect(entry).toMatchObject({
        status: 'pending',
        nextAttemptAt: retryAt,
        lastError: 'rate_limited',
        attempts: 1,
      });
      expect(entry?.claimedAt).toBeUndefined();
      expect(await store().claimDue(new Date(retryAt.getTime() - 1), 1, MINUTE)).toEqual([]);
      const [second] = await store().claimDue(retryAt, 1, MINUTE);
      expect(second).toMatchObject({ key: 'a', attempts: 2, uncertain: false });
    });

    it('records where a sent message lives and never claims it again', async () => {
      await store().enqueue([item('a', T0)]);
      const claimed = only(await store().claimDue(T0, 1, MINUTE));
      const sentAt = new Date(T0.getTime() + 1000);
      await store().markSent([
        { id: claimed.id, sent: { platform: 'slack', ref: 'C1:1700000000.000100' }, at: sentAt },
      ]);
      const [entry] = await store().listOutbox({ status: 'sent' });
      expect(entry).toMatchObject({
        key: 'a',
        sentAt,
        sent: { platform: 'slack', ref: 'C1:1700000000.000100' },
      });
      expect(await store().claimDue(new Date(T0.getTime() + 60 * MINUTE), 10, MINUTE)).toEqual([]);
    });

    it('marks several entries sent at once, each with its own reference and time', async () => {
      await store().enqueue([item('a', T0), item('b', T0), item('c', T0)]);
      const [a, b] = await store().claimDue(T0, 2, MINUTE);
      if (!a || !b) throw new Error('two entries claimed');
      const later = new Date(T0.getTime() + 2000);
      await store().markSent([
        { id: a.id, sent: { platform: 'slack', ref: 'ref-a' }, at: T0 },
        { id: b.id, sent: { platform: 'mattermost', ref: 'ref-b' }, at: later },
      ]);
      await store().markSent([]);
      expect(await store().listOutbox({ status: 'sent' })).toMatchObject([
        { key: 'a', sentAt: T0, sent: { platform: 'slack', ref: 'ref-a' } },
        { key: 'b', sentAt: later, sent: { platform: 'mattermost', ref: 'ref-b' } },
      ]);
      expect(await store().listOutbox({ status: 'pending' })).toMatchObject([{ key: 'c' }]);
    });

    it('marks only what is still claimed: an entry changed meanwhile keeps its state', async () => {
      await store().enqueue([item('a', T0), item('b', T0)]);
      const [a, b] = await store().claimDue(T0, 2, MINUTE);
      if (!a || !b) throw new Error('two entries claimed');
      // As an erasure does while the mark waits.
      await store().markFailed(b.id, 'erased', T0);
      const marked = await store().markSent([
        { id: a.id, sent: { platform: 'slack', ref: 'ref-a' }, at: T0 },
        { id: b.id, sent: { platform: 'slack', ref: 'ref-b' }, at: T0 },
      ]);
      expect(marked).toBe(1);
      expect(await store().listOutbox({})).toMatchObject([
        { key: 'a', status: 'sent', sent: { ref: 'ref-a' } },
        { key: 'b', status: 'failed', lastError: 'erased' },
      ]);
      expect((await store().listOutbox({ status: 'failed' }))[0]?.sent).toBeUndefined();
    });

    it('marks a refused entry failed for good', async () => {
      await store().enqueue([item('a', T0)]);
      const claimed = only(await store().claimDue(T0, 1, MINUTE));
      await store().markFailed(claimed.id, 'user_not_found', T0);
      expect(await store().listOutbox({ status: 'failed' })).toMatchObject([
        { key: 'a', lastError: 'user_not_found' },
      ]);
      expect(await store().claimDue(new Date(T0.getTime() + 60 * MINUTE), 10, MINUTE)).toEqual([]);
    });

    it('lists entries filtered by week, kind, status and recipient', async () => {
      await store().enqueue([
        item('r-alice-48', T0),
        item('r-nora-48', T0, { recipient: 'nora' }),
        item('r-alice-49', T0, { week: '2026-W49' }),
        item('digest-48', new Date(T0.getTime() + MINUTE), { kind: 'digest', recipient: '#pilotage' }),
      ]);
      await store().claimDue(T0, 1, MINUTE);
      const keys = async (filter: Parameters<Store['listOutbox']>[0]) =>
        (await store().listOutbox(filter)).map((e) => e.key);
      expect(await keys({ week: '2026-W48' })).toEqual(['r-alice-48', 'r-nora-48', 'digest-48']);
      expect(await keys({ kind: 'digest' })).toEqual(['digest-48']);
      expect(await keys({ recipient: '#pilotage' })).toEqual(['digest-48']);
      expect(await keys({ status: 'sending' })).toEqual(['r-alice-48']);
      expect(await keys({ status: 'pending', week: '2026-W48', recipient: 'nora' })).toEqual(['r-nora-48']);
      expect(await keys({ kind: 'prompt' })).toEqual([]);
    });
  });
}
