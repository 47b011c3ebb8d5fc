// The ledger of Slack deliveries already taken in, on a virtual clock: a key is taken once within its window, free
// again after it, given back on demand, and the ledger never holds more keys than its bound, however many arrive.
import { describe, expect, it } from 'vitest';
import { KEEP_MS, MAX_KEYS, MemoryDeliveryLedger } from '../../src/platforms/delivery-ledger.ts';

describe('the ledger of Slack deliveries', () => {
  it('takes a key once within the window, and again once the window has passed', () => {
    let now = 1_000_000;
    const ledger = new MemoryDeliveryLedger({ now: () => now });
    expect([ledger.take('a'), ledger.take('a'), ledger.take('b')]).toEqual([true, false, true]);
    now += KEEP_MS - 1;
    expect(ledger.take('a')).toBe(false);
    now += 1;
    expect([ledger.take('a'), ledger.size]).toEqual([true, 1]);
  });

  it('gives a key back, so that a retry of a delivery that failed is carried out', () => {
    const ledger = new MemoryDeliveryLedger();
    expect(ledger.take('a')).toBe(true);
    ledger.release('a');
    expect(ledger.take('a')).toBe(true);
  });

  it('holds at most its bound of keys, forgetting the oldest first', () => {
    const ledger = new MemoryDeliveryLedger({ maxKeys: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(ledger.take(key)).toBe(true);
    expect(ledger.size).toBe(3);
    expect([ledger.take('e'), ledger.take('d'), ledger.take('c')]).toEqual([false, false, false]);
    expect(ledger.take('a')).toBe(true);
  });

  it('stays within the default bound under a flood of distinct keys', () => {
    const ledger = new MemoryDeliveryLedger({ now: () => 0 });
    for (let i = 0; i < MAX_KEYS + 1_000; i++) ledger.take(`k${i}`);
    expect(ledger.size).toBe(MAX_KEYS);
  });
});
