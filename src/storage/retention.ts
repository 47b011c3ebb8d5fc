// The retention purge on SQLite: the words people wrote (comments, coaching notes, and the copies stored messages
// hold) are cleared in one transaction, and the WAL, which still holds the pages as they were, is emptied after.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { ClearedWords, RetentionStore } from '../core/ports.ts';
import { type DatabaseHandle, truncateWal } from './database.ts';
import { checkins, coachingSessions, outbox, sandboxMessages } from './schema.ts';
import { withStorage } from './storage-errors.ts';

export class SqliteRetention implements RetentionStore {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly programmeId: () => number,
  ) {}

  async clearWrittenWords(): Promise<ClearedWords> {
    const cleared = await withStorage(this.handle, () => clearWrittenWords(this.handle, this.programmeId()));
    if (cleared.comments + cleared.notes + cleared.messages > 0) await truncateWal(this.handle);
    return cleared;
  }
}

function clearWrittenWords(handle: DatabaseHandle, pid: number): ClearedWords {
  return handle.db.transaction(
    (tx) => {
      const comments = tx
        .update(checkins)
        .set({ comment: null })
        .where(and(eq(checkins.programmeId, pid), sql`${checkins.comment} is not null`))
        .run().changes;
      const notes = tx
        .update(coachingSessions)
        .set({ notes: '' })
        .where(and(eq(coachingSessions.programmeId, pid), ne(coachingSessions.notes, '')))
        .run().changes;
      // A prompt sent again after an answer carries that answer, comment included.
      let messages = 0;
      for (const table of [outbox, sandboxMessages]) {
        messages += tx
          .update(table)
          .set({ message: sql`json_remove(${table.message}, '$.answer.comment')` })
          .where(
            and(
              eq(table.programmeId, pid),
              sql`json_extract(${table.message}, '$.answer.comment') is not null`,
            ),
          )
          .run().changes;
      }
      return { comments, notes, messages };
    },
    { behavior: 'immediate' },
  );
}
