// One sender at a time across the instances of the bot. Each instance paces its sends at the platform's rate (Slack's
// workspace-wide cap); two instances sending at once would together go past it and earn 429s, each one holding the
// instance that got it for the Retry-After. So sending from the outbox is done under a lease in the database: the
// instance that holds it sends everything due, the others leave it to it. Within an instance, every dispatch (each
// programme's, a retry round during a run) shares the instance's hold, as it shares its pacer: the lease is taken by
// the first and given back by the last.
import type { Clock, Logger, Store } from '../core/ports.ts';

export const SENDER_LEASE = 'outbox-sender';
/**
 * How long the lease outlives its holder's last word: renewed every third of it while the holder sends (whatever a
 * batch or a Retry-After lasts), it lapses only when the holder died or lost the database, and another instance takes
 * the sending over at its next outbox round.
 */
export const SENDER_LEASE_MS = 30_000;
const RENEW_EVERY_MS = SENDER_LEASE_MS / 3;

export class SenderLease {
  #holds = 0;
  /** Another instance took the lease while this one held it (its renewals failed for the whole lease). */
  #lost = false;
  #renewal: ReturnType<typeof setInterval> | undefined;
  /** Taking, renewing and giving back follow one another, so that a release never overtakes the next take. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<Store, 'takeLease' | 'releaseLease'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Whether this instance holds the lease for the dispatches that joined it. */
  get held(): boolean {
    return this.#holds > 0 && !this.#lost;
  }

  /** Joins this instance's hold, taking the lease when it holds none: false when another instance holds it. */
  join(): Promise<boolean> {
    return this.#serial(async () => {
      if (!this.held && !(await this.#take())) return false;
      this.#lost = false;
      this.#holds++;
      if (this.#renewal === undefined) {
        this.#renewal = setInterval(() => void this.#serial(() => this.#renew()), RENEW_EVERY_MS);
        this.#renewal.unref?.();
      }
      return true;
    });
  }

  /** Leaves the hold; the last one to leave gives the lease back at once, for another instance to take. */
  leave(): Promise<void> {
    return this.#serial(async () => {
      this.#holds = Math.max(0, this.#holds - 1);
      if (this.#holds > 0) return;
      clearInterval(this.#renewal);
      this.#renewal = undefined;
      const lost = this.#lost;
      this.#lost = false;
      if (lost) return;
      try {
        await this.store.releaseLease(SENDER_LEASE);
      } catch (error) {
        this.logger.warn(
          { err: error, lease: SENDER_LEASE },
          'outbox: could not give the sending lease back; it lapses by itself',
        );
      }
    });
  }

  #take(): Promise<boolean> {
    const now = this.clock.now();
    return this.store.takeLease(SENDER_LEASE, now, new Date(now.getTime() + SENDER_LEASE_MS));
  }

  async #renew(): Promise<void> {
    if (!this.held) return;
    try {
      if (await this.#take()) return;
      this.#lost = true;
      this.logger.warn(
        { lease: SENDER_LEASE },
        'outbox: another instance took the sending over; this one stops between two messages',
      );
    } catch (error) {
      // Tried again at the next renewal; only a lease that lapses meanwhile lets another instance in.
      this.logger.warn({ err: error, lease: SENDER_LEASE }, 'outbox: could not renew the sending lease');
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => {});
    return run;
  }
}

const leaseOfStore = new WeakMap<Pick<Store, 'takeLease' | 'releaseLease'>, SenderLease>();

/**
 * The lease the context's dispatches share: the process's own (`ctx.senderLease`, one for all its programmes, as the
 * composition root builds it), or else one per store.
 */
export function senderLeaseOf(ctx: {
  readonly senderLease?: SenderLease;
  readonly store: Pick<Store, 'takeLease' | 'releaseLease'>;
  readonly clock: Clock;
  readonly logger: Logger;
}): SenderLease {
  if (ctx.senderLease) return ctx.senderLease;
  let lease = leaseOfStore.get(ctx.store);
  if (!lease) {
    lease = new SenderLease(ctx.store, ctx.clock, ctx.logger);
    leaseOfStore.set(ctx.store, lease);
  }
  return lease;
}
