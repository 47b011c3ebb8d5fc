// Delivery with exactly-once semantics. Messages are enqueued under an idempotency key (so re-runs and concurrent
// runs add nothing), claimed atomically (so two senders never send the same one), and when a claim expired without
// an outcome, the platform is asked whether the key was already sent before anything is sent again. One instance of
// the bot sends at a time, under the sending lease (`sender-lease.ts`), so that together they keep the platform's pace.
import { ChatDeliveryError, type ClaimedEntry, type Delivery, type Recipient } from '../core/ports.ts';
import { findPerson } from '../core/programme.ts';
import { type AppContext, DEFAULT_OUTBOX } from './context.ts';
import { type SenderLease, senderLeaseOf } from './sender-lease.ts';
import { SentMarks } from './sent-marks.ts';

export interface DispatchResult {
  sent: number;
  /** Found already sent on the platform after an interrupted attempt: marked sent, not sent again. */
  recovered: number;
  retried: number;
  failed: number;
  /** Another instance held the sending lease: what is due is left to it (it sends until nothing is due). */
  deferred?: true;
}

const BATCH = 50;
/** A port that takes several messages at once gets batches this many times its width, so its lanes seldom wait for the slowest of a batch. */
const BATCH_PER_LANE = 20;
function recipientOf(ctx: AppContext, entry: ClaimedEntry): Recipient | undefined {
  if (entry.recipient.startsWith('#')) return { channel: entry.recipient.slice(1) };
  const person = findPerson(ctx.programme, entry.recipient);
  return person ? { person } : undefined;
}

/** Marks a retry whose previous attempt may have reached the platform (`lastError` is `outcome_unknown:CODE`). */
export const OUTCOME_UNKNOWN = 'outcome_unknown:';

function asRefusal(error: unknown, outcomeUnknown: boolean): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) {
    if (!outcomeUnknown || error.outcomeUnknown) return error;
    return new ChatDeliveryError(error.code, error.message, {
      transient: error.transient,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      outcomeUnknown: true,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChatDeliveryError('internal', message, { transient: true, outcomeUnknown });
}

/** A Retry-After of 0 would have the same run claim the message again at once: a second at least. */
const MIN_RETRY_AFTER_MS = 1000;

/**
 * When to try again: when the platform said (a 429's Retry-After: earlier would be refused again, later loses time
 * for nothing), else exponentially from `retryBaseMs`.
 */
function backoff(ctx: AppContext, attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(MIN_RETRY_AFTER_MS, retryAfterMs);
  const s = ctx.outbox ?? DEFAULT_OUTBOX;
  return Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

async function deliverOne(
  ctx: AppContext,
  entry: ClaimedEntry,
  result: DispatchResult,
  marks: SentMarks,
): Promise<void> {
  const { store, clock, logger } = ctx;
  const chat = ctx.chat;
  const settings = ctx.outbox ?? DEFAULT_OUTBOX;
  const ids = { key: entry.key, kind: entry.kind, week: entry.week, recipient: entry.recipient };
  const to = recipientOf(ctx, entry);
  if (!chat) return;
  if (!to) {
    await store.markFailed(entry.id, 'recipient_unknown', clock.now());
    result.failed++;
    logger.warn({ ...ids }, 'outbox: recipient no longer in the programme, message dropped');
    return;
  }
  // The last attempt may have reached the platform (interrupted sender, timeout, 5xx): look before sending again.
  const uncertain = entry.uncertain || entry.lastError?.startsWith(OUTCOME_UNKNOWN) === true;
  try {
    if (uncertain) {
      const found = await chat.findSent(to, entry.key).catch((error: unknown) => {
        throw asRefusal(error, true);
      });
      if (found) {
        marks.add({ id: entry.id, sent: found, at: clock.now() });
        result.recovered++;
        logger.info({ ...ids }, 'outbox: found already sent after an interrupted attempt');
        return;
      }
    }
    const delivery: Delivery = { key: entry.key, to, message: entry.message, locale: ctx.programme.locale };
    const sent = await chat.send(delivery);
    marks.add({ id: entry.id, sent, at: clock.now() });
    result.sent++;
    // Ids only, never the message: enough to answer "did Marc get this alert, and when?".
    logger.info({ ...ids, platform: sent.platform }, 'outbox: sent');
  } catch (error) {
    // An exception that is not a platform's refusal says nothing of whether the message went out.
    const refusal = asRefusal(error, !(error instanceof ChatDeliveryError));
    if (refusal.transient && entry.attempts < settings.maxAttempts) {
      const delay = backoff(ctx, entry.attempts, refusal.retryAfterMs);
      // Still unsure whether it went out: the next attempt looks first (an unanswered look stays unsure).
      const unsure = refusal.outcomeUnknown || uncertain;
      const reason = unsure ? `${OUTCOME_UNKNOWN}${refusal.code}` : refusal.code;
      await store.markRetry(entry.id, new Date(clock.now().getTime() + delay), reason);
      result.retried++;
      logger.warn(
        { ...ids, code: refusal.code, attempts: entry.attempts, delayMs: delay, outcomeUnknown: unsure },
        'outbox: will retry',
      );
    } else {
      await store.markFailed(entry.id, refusal.code, clock.now());
      result.failed++;
      logger.error({ ...ids, code: refusal.code, attempts: entry.attempts }, 'outbox: refused for good');
    }
  }
}

/**
 * Entries claimed but not attempted when the bot stops go back to pending, due now, so that another instance sends
 * them at once (or this one at its next start) instead of waiting for the lease. One whose earlier attempt may have
 * reached the platform (uncertain) goes back marked so: whoever takes it looks it up on the platform before sending.
 */
async function handBack(
  ctx: AppContext,
  entries: ClaimedEntry[],
  why: 'shutdown' | 'lease_lost',
): Promise<void> {
  const now = ctx.clock.now();
  let handedBack = 0;
  for (const entry of entries) {
    const reason = entry.uncertain ? `${OUTCOME_UNKNOWN}${why}` : why;
    if (await ctx.store.markRetry(entry.id, now, reason)) handedBack++;
  }
  ctx.logger.info(
    { handedBack, uncertain: entries.filter((e) => e.uncertain).length },
    why === 'shutdown'
      ? 'outbox: stopping, unsent messages handed back'
      : 'outbox: sending taken over by another instance, unsent messages handed back',
  );
}

/**
 * Delivers a claimed batch in order, `chat.concurrency` messages at a time (one for the chat platforms), until the
 * batch is done or `stopped` says so between two messages. Returns how many entries were attempted: they come first
 * in the batch, so the rest can be handed back. A failure of the store stops every lane and is thrown once they
 * have finished the message in hand.
 */
async function deliverBatch(
  ctx: AppContext,
  batch: ClaimedEntry[],
  result: DispatchResult,
  marks: SentMarks,
  stopped: () => boolean,
): Promise<number> {
  const width = Math.max(1, Math.floor(ctx.chat?.concurrency ?? 1));
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < batch.length && !failure && !stopped()) {
      const entry = batch[next++] as ClaimedEntry;
      try {
        await deliverOne(ctx, entry, result, marks);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, batch.length) }, lane));
  if (failure) throw failure.error;
  return next;
}

/**
 * Sends what is due now, batch after batch, until nothing due is left: this instance's part while it holds the sending
 * lease. Returns false when it stopped before (a shutdown, the lease taken over), having handed the rest back.
 */
async function sendDue(
  ctx: AppContext,
  lease: SenderLease,
  result: DispatchResult,
  options: { label?: string; total?: number; signal?: AbortSignal | undefined },
): Promise<boolean> {
  const settings = ctx.outbox ?? DEFAULT_OUTBOX;
  const { signal } = options;
  const marks = new SentMarks(ctx);
  const batchSize = Math.max(BATCH, BATCH_PER_LANE * Math.floor(ctx.chat?.concurrency ?? 1));
  const stopped = () => signal?.aborted === true || !lease.held;
  try {
    for (;;) {
      if (stopped()) return false;
      const batch = await ctx.store.claimDue(ctx.clock.now(), batchSize, settings.leaseMs);
      if (batch.length === 0) return true;
      const attempted = await deliverBatch(ctx, batch, result, marks, stopped);
      if (attempted < batch.length) {
        await marks.write();
        await handBack(ctx, batch.slice(attempted), signal?.aborted ? 'shutdown' : 'lease_lost');
        return false;
      }
      await marks.write();
      const done = result.sent + result.recovered + result.failed;
      const of = options.total === undefined ? '' : ` of ${options.total}`;
      ctx.logger.info({ label: options.label, ...result }, `outbox: ${done}${of} delivered`);
      // Entries put back for a later retry are not due now, so the loop ends once only those remain.
    }
  } finally {
    // Whatever ended the run, what reached the platform is marked before it returns.
    await marks.write();
  }
}

/**
 * Sends what is due now, batch after batch, until nothing due is left, unless another instance holds the sending
 * lease: then it returns at once (`deferred`), that instance sending everything due. `signal` (default `ctx.signal`)
 * stops it between two messages: the one in flight is finished, the rest handed back, the lease given back.
 */
export async function dispatchOutbox(
  ctx: AppContext,
  options: { label?: string; total?: number; signal?: AbortSignal } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, recovered: 0, retried: 0, failed: 0 };
  if (!ctx.chat) return result;
  const settings = ctx.outbox ?? DEFAULT_OUTBOX;
  const signal = options.signal ?? ctx.signal;
  const lease = senderLeaseOf(ctx);
  for (;;) {
    if (signal?.aborted) return result;
    // A look first, which writes nothing: most outbox rounds find nothing due, and take no lease for it. After a turn
    // of sending, it also finds what an instance that found the lease held left to this one: enqueued before the lease
    // was given back, so seen now, and sent now rather than at a later round.
    if (!(await ctx.store.hasDue(ctx.clock.now(), settings.leaseMs))) return result;
    if (!(await lease.join())) {
      result.deferred = true;
      ctx.logger.debug(
        { label: options.label },
        'outbox: another instance is sending, due messages left to it',
      );
      return result;
    }
    let whole: boolean;
    try {
      whole = await sendDue(ctx, lease, result, { ...options, signal });
    } finally {
      await lease.leave();
    }
    if (!whole) return result;
  }
}
