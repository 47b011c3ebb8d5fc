// The outbox: messages due to someone, each keyed so it exists once, claimed by one sender at a time.
import { and, asc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { ClaimedEntry, OutboxEntry, OutboxItem, SentMessage, Store, WeekRange } from '../core/ports.ts';
import type { WeekId } from '../core/week.ts';
import type { Db } from './programme-sync.ts';
import { outbox } from './schema.ts';

type Row = typeof outbox.$inferSelect;
export type OutboxFilter = Parameters<Store['listOutbox']>[0];

export function enqueue(db: Db, programmeId: number, items: OutboxItem[]): number {
  if (items.length === 0) return 0;
  return db.transaction((tx) => {
    // Prepared once for the batch: building the statement per item cost more than running it.
    const insert = tx
      .insert(outbox)
      .values({
        programmeId,
        key: sql.placeholder('key'),
        kind: sql.placeholder('kind'),
        week: sql.placeholder('week'),
        recipient: sql.placeholder('recipient'),
        message: sql.placeholder('message'),
        dueAt: sql.placeholder('dueAt'),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: sql.placeholder('dueAt'),
      })
      .onConflictDoNothing({ target: [outbox.programmeId, outbox.key] })
      .prepare();
    let added = 0;
    for (const item of items) {
      const { changes } = insert.run({
        key: item.key,
        kind: item.kind,
        week: item.week,
        recipient: item.recipient,
        message: item.message,
        dueAt: item.dueAt,
      });
      added += changes;
    }
    return added;
  });
}

// One IMMEDIATE transaction takes SQLite's write lock before reading, so another process cannot select the same
// rows between our select and our update: it waits (busy_timeout), then finds them claimed.
export function claimDue(
  db: Db,
  programmeId: number,
  now: Date,
  limit: number,
  leaseMs: number,
): ClaimedEntry[] {
  if (limit <= 0) return [];
  const leaseExpired = new Date(now.getTime() - leaseMs);
  return db.transaction(
    (tx) => {
      const rows = tx
        .select()
        .from(outbox)
        .where(
          and(
            eq(outbox.programmeId, programmeId),
            // Redundant with the OR below, but it lets SQLite search the `outbox_due` index instead of scanning
            // every message of the programme (sent ones included) at each claim.
            inArray(outbox.status, ['pending', 'sending']),
            or(
              and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
              and(eq(outbox.status, 'sending'), lte(outbox.claimedAt, leaseExpired)),
            ),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .all();
      if (rows.length === 0) return [];
      tx.update(outbox)
        .set({ status: 'sending', claimedAt: now, attempts: sql`${outbox.attempts} + 1` })
        .where(
          inArray(
            outbox.id,
            rows.map((row) => row.id),
          ),
        )
        .run();
      return rows.map((row) => ({
        ...toEntry({ ...row, status: 'sending', claimedAt: now, attempts: row.attempts + 1 }),
        uncertain: row.status === 'sending',
      }));
    },
    { behavior: 'immediate' },
  );
}

export function markSent(db: Db, programmeId: number, id: number, sent: SentMessage, at: Date): void {
  db.update(outbox)
    .set({ status: 'sent', sentAt: at, sentPlatform: sent.platform, sentRef: sent.ref })
    .where(byId(programmeId, id))
    .run();
}

export function markRetry(db: Db, programmeId: number, id: number, nextAttemptAt: Date, error: string): void {
  db.update(outbox)
    .set({ status: 'pending', nextAttemptAt, claimedAt: null, lastError: error })
    .where(byId(programmeId, id))
    .run();
}

export function markFailed(db: Db, programmeId: number, id: number, error: string, at: Date): void {
  db.update(outbox)
    .set({ status: 'failed', failedAt: at, lastError: error })
    .where(byId(programmeId, id))
    .run();
}

export function listOutbox(db: Db, programmeId: number, filter: OutboxFilter): OutboxEntry[] {
  const conditions: SQL[] = [eq(outbox.programmeId, programmeId)];
  if (filter.week !== undefined) conditions.push(eq(outbox.week, filter.week));
  if (filter.kind !== undefined) conditions.push(eq(outbox.kind, filter.kind));
  if (filter.status !== undefined) conditions.push(eq(outbox.status, filter.status));
  if (filter.recipient !== undefined) conditions.push(eq(outbox.recipient, filter.recipient));
  return db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(asc(outbox.id))
    .all()
    .map(toEntry);
}

export function listPrompted(
  db: Db,
  programmeId: number,
  range: WeekRange,
): { intrapreneur: string; week: WeekId }[] {
  return db
    .select({ intrapreneur: outbox.recipient, week: outbox.week })
    .from(outbox)
    .where(
      and(
        eq(outbox.programmeId, programmeId),
        eq(outbox.kind, 'prompt'),
        eq(outbox.status, 'sent'),
        gte(outbox.week, range.from),
        lte(outbox.week, range.to),
      ),
    )
    .orderBy(asc(outbox.week), asc(outbox.recipient))
    .all();
}

function byId(programmeId: number, id: number): SQL | undefined {
  return and(eq(outbox.programmeId, programmeId), eq(outbox.id, id));
}

function toEntry(row: Row): OutboxEntry {
  const entry: OutboxEntry = {
    id: row.id,
    key: row.key,
    kind: row.kind,
    week: row.week,
    recipient: row.recipient,
    message: row.message,
    dueAt: row.dueAt,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
  };
  if (row.claimedAt) entry.claimedAt = row.claimedAt;
  if (row.sentAt) entry.sentAt = row.sentAt;
  if (row.sentPlatform !== null && row.sentRef !== null)
    entry.sent = { platform: row.sentPlatform, ref: row.sentRef };
  if (row.lastError !== null) entry.lastError = row.lastError;
  return entry;
}
