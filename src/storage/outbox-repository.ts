// The outbox: messages due to someone, each keyed so it exists once, claimed by one sender at a time.
import type BetterSqlite3 from 'better-sqlite3';
import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
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

// Statements run at every claim and for every message (thousands at an evaluation), prepared once per connection:
// building a query cost more than running it. Placeholders inside `sql` or a condition are bound as given, without
// the column's conversion: times are passed in milliseconds.
const prepared = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: Db) {
  const byPlaceholderId = and(
    eq(outbox.programmeId, sql.placeholder('programmeId')),
    eq(outbox.id, sql.placeholder('id')),
  );
  // The first `limit` entries of a status whose `column` is at or before `beforeMs`, in the order they are claimed.
  const first = (
    status: 'pending' | 'sending',
    column: typeof outbox.nextAttemptAt | typeof outbox.claimedAt,
  ) =>
    db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.programmeId, sql.placeholder('programmeId')),
          eq(outbox.status, status),
          lte(column, sql.placeholder('beforeMs')),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(sql.placeholder('limit'))
      .prepare();
  return {
    duePending: first('pending', outbox.nextAttemptAt),
    expiredClaims: first('sending', outbox.claimedAt),
    claim: db
      .update(outbox)
      .set({
        status: 'sending',
        claimedAt: sql`${sql.placeholder('atMs')}`,
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(byPlaceholderId)
      .prepare(),
    markSent: db
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: sql`${sql.placeholder('atMs')}`,
        sentPlatform: sql`${sql.placeholder('platform')}`,
        sentRef: sql`${sql.placeholder('ref')}`,
      })
      .where(byPlaceholderId)
      .prepare(),
  };
}

function statements(db: Db): ReturnType<typeof prepareStatements> {
  let found = prepared.get(db);
  if (!found) {
    found = prepareStatements(db);
    prepared.set(db, found);
  }
  return found;
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
  const statement = statements(db);
  return db.transaction(
    () => {
      // Due pending entries and expired claims, as two searches of the `outbox_due` index merged here: one query
      // with `status IN (…)` would read and sort every pending entry at each claim (thousands, at an evaluation),
      // where the pending search reads them in order and stops at `limit`.
      const pending = statement.duePending.all({ programmeId, beforeMs: now.getTime(), limit });
      const expired = statement.expiredClaims.all({ programmeId, beforeMs: now.getTime() - leaseMs, limit });
      const rows = [...pending, ...expired]
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)
        .slice(0, limit);
      for (const row of rows) statement.claim.run({ programmeId, id: row.id, atMs: now.getTime() });
      return rows.map((row) => ({
        ...toEntry(row),
        status: 'sending',
        claimedAt: now,
        attempts: row.attempts + 1,
        uncertain: row.status === 'sending',
      }));
    },
    { behavior: 'immediate' },
  );
}

export function markSent(db: Db, programmeId: number, id: number, sent: SentMessage, at: Date): void {
  statements(db).markSent.run({
    programmeId,
    id,
    atMs: at.getTime(),
    platform: sent.platform,
    ref: sent.ref,
  });
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

/**
 * Who was asked: calls `visit` with each (intrapreneur, week) whose prompt was sent, for the weeks of `range`. Read as
 * raw rows, one at a time: an evaluation goes through tens of thousands of them and keeps none.
 */
export function eachPrompted(
  db: Db,
  sqlite: BetterSqlite3.Database,
  programmeId: number,
  range: WeekRange,
  visit: (intrapreneur: string, week: WeekId) => void,
): void {
  const query = db
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
    .toSQL();
  const rows = sqlite
    .prepare(query.sql)
    .raw()
    .iterate(...query.params) as IterableIterator<[string, WeekId]>;
  for (const [intrapreneur, week] of rows) visit(intrapreneur, week);
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
