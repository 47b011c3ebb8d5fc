// What every use case receives: the programme, the ports, and nothing else. Built once, complete, by the composition
// root (src/runtime.ts), and never changed after it is handed out: a use case sees the same context from start to end.
import type { ChatPort, Clock, Logger, Store } from '../core/ports.ts';
import type { Programme } from '../core/programme.ts';
import type { DashboardLinks } from './dashboard-link.ts';
import type { SenderLease } from './sender-lease.ts';

export interface AppContext {
  readonly programme: Programme;
  readonly store: Store;
  /** Unset when no chat platform is configured: then nothing can be sent. */
  readonly chat?: ChatPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly outbox?: OutboxSettings;
  /** Aborted when the bot is stopping: sending stops between two messages and leaves the rest to the outbox. */
  readonly signal?: AbortSignal;
  /** How to sign owner dashboard links (`/phase dashboard`); unset where no HTTP server runs. */
  readonly dashboard?: DashboardLinks;
  /** Where the bot's HTTP server is reached (`PUBLIC_URL`), for the dashboard's address in the digest. */
  readonly publicUrl?: string;
  /**
   * The intrapreneurs of this programme (their ids in its file) who are intrapreneurs in another programme of the
   * deployment too: their prompts, reminders and check-in forms name the programme. Computed from every programme by
   * the composition root; unset in a deployment of one programme.
   */
  readonly intrapreneursElsewhere?: ReadonlySet<string>;
  /**
   * The process's hold on the sending lease (one sender at a time across instances), shared by every programme's
   * context; unset, each store gets its own (`senderLeaseOf`).
   */
  readonly senderLease?: SenderLease;
}

export interface OutboxSettings {
  /** How long a claimed message may stay unconfirmed before another sender checks and takes it over. */
  leaseMs: number;
  /** First retry delay after a transient refusal; doubles each attempt. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this many attempts a transiently refused message is given up and reported. */
  maxAttempts: number;
}

export const DEFAULT_OUTBOX: OutboxSettings = {
  leaseMs: 10 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  maxAttempts: 30,
};

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
