// The ledger of requests already taken in, in memory (the SQLite set-up's), on a
// virtual clock: a key is taken once within its window, free again after it, given back on demand, and the ledger
// never holds more keys than its bound, however many arrive. PostgreSQL's ledger, shared by instances, is met in
// test/e2e/several-instances.test.ts: a request replayed to another instance is acted on once.
import { describe, expect, it } from 'vitest';
import { KEEP_MS } from '../../src/platforms/delivery-ledger.ts';
import { MAX_KEYS, MemoryDeliveryLedger } from '../../src/storage/memory-deliveries.ts';

const at = (ms: number) => new Date(ms);
const take = (ledger: MemoryDeliveryLedger, key: string, now: number) =>
  ledger.take(key, at(now), at(now + KEEP_MS));

describe('the ledger of Slack deliveries', () => {
  it('takes a key once within the window, and again once the window has passed', async () => {
    let now = 1_000_000;
    const ledger = new MemoryDeliveryLedger();
    expect([
      await take(ledger, 'a', now),
      await take(ledger, 'a', now),
      await take(ledger, 'b', now),
    ]).toEqual([true, false, true]);
    now += KEEP_MS - 1;
    expect(await take(ledger, 'a', now)).toBe(false);
    now += 1;
    expect([await take(ledger, 'a', now), ledger.size]).toEqual([true, 1]);
  });

  it('gives a key back, so that a retry of a delivery that failed is carried out', async () => {
    const ledger = new MemoryDeliveryLedger();
    expect(await take(ledger, 'a', 0)).toBe(true);
    await ledger.release('a');
    expect(await take(ledger, 'a', 0)).toBe(true);
  });

  it('holds at most its bound of keys, forgetting the oldest first', async () => {
    const ledger = new MemoryDeliveryLedger({ maxKeys: 3 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(await take(ledger, key, 0)).toBe(true);
    expect(ledger.size).toBe(3);
    expect([await take(ledger, 'e', 0), await take(ledger, 'd', 0), await take(ledger, 'c', 0)]).toEqual([
      false,
      false,
      false,
    ]);
    expect(await take(ledger, 'a', 0)).toBe(true);
  });

  it('stays within the default bound under a flood of distinct keys', async () => {
    const ledger = new MemoryDeliveryLedger();
    for (let i = 0; i < MAX_KEYS + 1_000; i++) await take(ledger, `k${i}`, 0);
    expect(ledger.size).toBe(MAX_KEYS);
  });
});
