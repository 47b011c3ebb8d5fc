// The deliveries from Slack already taken in, so that each is acted on once: a request replayed while its signature
// is still accepted, or retried by Slack, finds its key in the ledger. The bot's database keeps the ledger
// (`DeliveryLedger`), so that a replay sent to another instance is caught too; this one, in memory, serves a Slack
// platform made without a database (tests).
import type { DeliveryLedger } from '../../../core/ports.ts';

/**
 * How long a key is kept: a signature is accepted 5 minutes in the past and 1 minute in the future, and Slack retries
 * an event up to about 5 minutes after the first delivery; kept longer than both, with a margin.
 */
export const KEEP_MS = 10 * 60_000;

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
