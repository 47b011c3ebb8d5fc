// The retention purge, a use case the daily job table runs: once the programme's retention period is over, the words
// people wrote (comments, coaching notes, and the copies messages hold) are cleared; before, nothing is touched.
import { type LocalDate, localDateOf } from '../core/calendar.ts';
import type { ClearedWords, RetentionStore } from '../core/ports.ts';
import { retentionLimit } from '../core/retention.ts';
import type { AppContext } from './context.ts';

export interface PurgeResult extends ClearedWords {
  /** False while the retention period runs: nothing was touched. */
  due: boolean;
  keptUntil: LocalDate | undefined;
}

/** Clears comments and notes once the retention period is over; a no-op before, and when already done. */
export async function purgeExpiredWords(ctx: AppContext, retention: RetentionStore): Promise<PurgeResult> {
  const { programme } = ctx;
  const keptUntil = retentionLimit(programme);
  if (keptUntil === undefined || localDateOf(ctx.clock.now(), programme.timezone) <= keptUntil) {
    return { due: false, keptUntil, comments: 0, notes: 0, messages: 0 };
  }
  const cleared = await retention.clearWrittenWords();
  const result = { due: true, keptUntil, ...cleared };
  // Counts only: what was cleared must not reach the logs.
  if (cleared.comments + cleared.notes + cleared.messages > 0) {
    ctx.logger.info({ job: 'purge', ...result }, 'retention: comments and notes cleared');
  } else {
    ctx.logger.debug({ job: 'purge', ...result }, 'retention: nothing to clear');
  }
  return result;
}
