// The requests a platform already took in, so that each is acted on once: a Slack request replayed while its
// signature is still accepted, or retried by Slack; a Mattermost command post sent again with its trigger id; a
// sandbox form posted twice. Each finds its key in the ledger. The bot's database keeps it (`DeliveryLedger`), so that
// a replay sent to another instance is caught too; the one in memory here serves a platform made without a database
// (tests). Shared by the platforms, owned by none: each takes its keys under its own name.
import type { DeliveryLedger } from '../core/ports.ts';

/**
 * How long a key is kept: a Slack signature is accepted 5 minutes in the past and 1 minute in the future, and Slack
 * retries an event up to about 5 minutes after the first delivery; kept longer than both, with a margin.
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

/** A platform's view of the ledger: its keys under its name, held for `KEEP_MS` from the system's clock. */
export interface PlatformLedger {
  /** False when `key` was already taken within the window (a replay or a retry). */
  take(key: string): Promise<boolean>;
  /** Gives `key` back: its delivery was not carried out, so a retry of it must be. */
  release(key: string): Promise<void>;
}

/**
 * The ledger as `platform` uses it. Times are the system's, as the platforms' own are: a signature's age is measured
 * on the real clock.
 */
export function platformLedger(ledger: DeliveryLedger, platform: string): PlatformLedger {
  return {
    take: (key) => {
      const now = new Date();
      return ledger.take(`${platform}:${key}`, now, new Date(now.getTime() + KEEP_MS));
    },
    release: (key) => ledger.release(`${platform}:${key}`),
  };
}
