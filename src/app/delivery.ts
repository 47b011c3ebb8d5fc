// What became of the messages of one run (a prompt, a reminder, an evaluation), and waiting for them: a CLI verb
// keeps sending them as their retry times come, until each is delivered or refused for good, or its wait is over.
import type { OutboxKind } from '../core/messages.ts';
import type { OutboxEntry } from '../core/ports.ts';
import type { WeekId } from '../core/week.ts';
import type { AppContext } from './context.ts';
import { dispatchOutbox, OUTCOME_UNKNOWN } from './outbox.ts';

/** The messages a run put in the outbox: its week, and their keys. */
export interface RunMessages {
  week: WeekId;
  keys: readonly string[];
}

export interface Undelivered {
  kind: OutboxKind;
  /** Person id, or `#channel`. */
  recipient: string;
  /** The platform's last refusal (`users_not_found`, `ratelimited`…); unset when none was given yet. */
  error?: string;
}

export interface DeliveryState {
  total: number;
  sent: number;
  /** Refused for good: nobody will try again. */
  failed: Undelivered[];
  /** Waiting for another attempt, at `nextAttemptAt`, or being sent by another process right now. */
  pending: (Undelivered & { nextAttemptAt: Date; sending: boolean })[];
}

/** How often a message being sent by another process (a running bot) is looked at again. */
const LOOK_AGAIN_MS = 1000;

/** Never look again in a tight loop, whatever the times say. */
const MIN_SLEEP_MS = 20;

function undelivered(entry: OutboxEntry): Undelivered {
  const error = entry.lastError?.startsWith(OUTCOME_UNKNOWN)
    ? entry.lastError.slice(OUTCOME_UNKNOWN.length)
    : entry.lastError;
  return { kind: entry.kind, recipient: entry.recipient, ...(error ? { error } : {}) };
}

export async function deliveryOf(ctx: AppContext, run: RunMessages): Promise<DeliveryState> {
  const keys = new Set(run.keys);
  const entries = (await ctx.store.listOutbox({ week: run.week })).filter((e) => keys.has(e.key));
  const state: DeliveryState = { total: run.keys.length, sent: 0, failed: [], pending: [] };
  for (const entry of entries) {
    if (entry.status === 'sent') state.sent++;
    else if (entry.status === 'failed') state.failed.push(undelivered(entry));
    else {
      state.pending.push({
        ...undelivered(entry),
        nextAttemptAt: entry.nextAttemptAt,
        sending: entry.status === 'sending',
      });
    }
  }
  return state;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the run's messages as their retry times come (with whatever else is due), until none is pending or the next
 * attempt would come after `until`. Returns what became of them.
 */
export async function awaitDelivery(
  ctx: AppContext,
  run: RunMessages & { label: string },
  options: { until: Date; sleep?: (ms: number) => Promise<void> },
): Promise<DeliveryState> {
  const sleep = options.sleep ?? realSleep;
  /** Another process holds the sending lease: it sends what is due, and is looked at again as one being sent. */
  let leftToAnother = false;
  for (;;) {
    const state = await deliveryOf(ctx, run);
    if (state.pending.length === 0 || !ctx.chat || ctx.signal?.aborted) return state;
    const now = ctx.clock.now().getTime();
    const next = Math.min(
      ...state.pending.map((p) =>
        p.sending || leftToAnother ? now + LOOK_AGAIN_MS : p.nextAttemptAt.getTime(),
      ),
    );
    if (next > options.until.getTime()) return state;
    await sleep(Math.max(MIN_SLEEP_MS, next - now));
    leftToAnother = (await dispatchOutbox(ctx, { label: run.label })).deferred === true;
  }
}
