// The requests a platform already took in, so that each is acted on once: a Slack request replayed while its
// signature is still accepted, or retried by Slack; a Mattermost command post sent again with its trigger id; a
// sandbox form posted twice. Each finds its key here. In memory for now, which is right for one instance; with
// several instances sharing one PostgreSQL database (a later issue), the ledger moves to that database behind this
// same interface, so that a replay sent to another instance is caught too. Shared by the platforms, owned by none.

export interface DeliveryLedger {
  /** Takes `key` for the window; false when it was already taken within it (a replay or a retry). */
  take(key: string): boolean;
  /** Gives `key` back: its delivery was not carried out, so a retry of it must be. */
  release(key: string): void;
}

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

  constructor(private readonly options: { keepMs?: number; maxKeys?: number; now?: () => number } = {}) {}

  get size(): number {
    return this.keys.size;
  }

  take(key: string): boolean {
    const now = (this.options.now ?? Date.now)();
    this.forgetExpired(now);
    if (this.keys.has(key)) return false;
    const max = this.options.maxKeys ?? MAX_KEYS;
    for (const oldest of this.keys.keys()) {
      if (this.keys.size < max) break;
      this.keys.delete(oldest);
    }
    this.keys.set(key, now + (this.options.keepMs ?? KEEP_MS));
    return true;
  }

  release(key: string): void {
    this.keys.delete(key);
  }

  private forgetExpired(now: number): void {
    for (const [key, until] of this.keys) {
      if (until > now) return;
      this.keys.delete(key);
    }
  }
}
