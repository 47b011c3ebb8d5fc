// The requests a platform already took in, so that each is acted on once: a Slack request replayed while its
// signature is still accepted, or retried by Slack; a Mattermost command post sent again with its trigger id; a
// sandbox form posted twice. Each finds its key in the ledger (`DeliveryLedger`, from the storage): on PostgreSQL the
// database keeps it, so that a replay sent to another instance is caught too; on SQLite, one machine, the process
// keeps it in memory (src/storage/memory-deliveries.ts), so that a write lock held by another process never delays
// an acknowledgement. Shared by the platforms, owned by none: each takes its keys under its own name.
import type { DeliveryLedger } from '../core/ports.ts';

/**
 * How long a key is kept: a Slack signature is accepted 5 minutes in the past and 1 minute in the future, and Slack
 * retries an event up to about 5 minutes after the first delivery; kept longer than both, with a margin.
 */
export const KEEP_MS = 10 * 60_000;

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
