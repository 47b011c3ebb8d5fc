// The ledger of requests taken in, in the process's memory: the SQLite set-up's (one machine), where a write to the
// database could wait on a lock another process holds while the platform waits for its acknowledgement. A replay sent
// to another process on the same SQLite file is not caught; several instances use PostgreSQL, whose ledger is shared.
import type { DeliveryLedger } from '../core/ports.ts';

/** At most this many keys: a flood of signed requests forgets the oldest ones instead of growing without limit. */
export const MAX_KEYS = 50_000;

export class MemoryDeliveryLedger implements DeliveryLedger {
  /** Key → when it may be forgotten; in order of arrival, so that the oldest are the first. */
  private readonly keys = new Map<string, number>();

  constructor(private readonly options: { maxKeys?: number } = {}) {}

  get size(): number {
    return this.keys.size;
  }

  async take(key: string, now: Date, until: Date): Promise<boolean> {
    this.forgetExpired(now.getTime());
    if (this.keys.has(key)) return false;
    const max = this.options.maxKeys ?? MAX_KEYS;
    for (const oldest of this.keys.keys()) {
      if (this.keys.size < max) break;
      this.keys.delete(oldest);
    }
    this.keys.set(key, until.getTime());
    return true;
  }

  async release(key: string): Promise<void> {
    this.keys.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.keys) {
      if (until > now) return;
      this.keys.delete(key);
    }
  }
}
