// The outbox: messages due to someone, each keyed so it exists once, claimed by one sender at a time.
import { and, asc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { ClaimedEntry, OutboxEntry, OutboxItem, SentMark, Store } from '../core/ports.ts';
import type { DatabaseHandle } from './database.ts';
import type { Db } from './programme-sync.ts';
import { prepareRaw } from './raw-statement.ts';
import { toEntry } from './rows.ts';
import { outbox } from './schema.ts';

export type OutboxFilter = Parameters<Store['listOutbox']>[0];

export function enqueue(handle: DatabaseHandle, programmeId: number, items: OutboxItem[]): number {
  if (items.length === 0) return 0;
  const insert = statements(handle).enqueue;
  return handle.db.transaction(() => {
    let added = 0;
    for (const item of items) {
      const { changes } = insert.run({
        programmeId,
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
// building a query cost more than running it. Placeholders inside `sql` are bound as given, without the column's
// conversion: times are passed in milliseconds.
const prepared = new WeakMap<DatabaseHandle, ReturnType<typeof prepareStatements>>();

function prepareStatements({ db, sqlite }: DatabaseHandle) {
  // The first `limit` entries of a status whose `column` is at or before `beforeMs`, in the order they are claimed:
  // their id and next attempt only, read from the status's own small partial index.
  const first = (
    status: 'pending' | 'sending',
    column: typeof outbox.nextAttemptAt | typeof outbox.claimedAt,
  ) =>
    db
      .select({ id: outbox.id, nextAttemptAt: outbox.nextAttemptAt })
      .from(outbox)
      .where(
        and(
          eq(outbox.programmeId, sql.placeholder('programmeId')),
          // A literal, not a parameter: SQLite uses a partial index only for a query naming its condition.
          sql`${outbox.status} = ${sql.raw(`'${status}'`)}`,
          lte(column, sql.placeholder('beforeMs')),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(sql.placeholder('limit'))
      .prepare();
  return {
    // Run straight on the connection: thousands of rows at an evaluation (`raw-statement.ts`).
    enqueue: prepareRaw(
      sqlite,
      db
        .insert(outbox)
        .values({
          programmeId: sql.placeholder('programmeId'),
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
        .onConflictDoNothing({ target: [outbox.programmeId, outbox.week, outbox.key] })
        .toSQL(),
    ),
    duePending: first('pending', outbox.nextAttemptAt),
    expiredClaims: first('sending', outbox.claimedAt),
    // Claims the entries whose ids are given (a JSON array) and returns them as claimed: one statement for a batch.
    claim: db
      .update(outbox)
      .set({
        status: 'sending',
        claimedAt: sql`${sql.placeholder('atMs')}`,
        claimedBy: sql`${sql.placeholder('instance')}`,
        attempts: sql`${outbox.attempts} + 1`,
      })
      // By id alone: the ids were just selected for this programme in the same transaction, and a condition on the
      // programme would lead SQLite to scan the programme's entries instead of fetching these by id.
      .where(sql`${outbox.id} in (select value from json_each(${sql.placeholder('ids')}))`)
      .returning()
      .prepare(),
    // Only while claimed by this instance: an entry erased meanwhile (`privacy.ts`) keeps its erasure, and one taken
    // over by another instance after its lease is that instance's to mark.
    markSent: prepareRaw(
      sqlite,
      db
        .update(outbox)
        .set({
          status: 'sent',
          sentAt: sql`${sql.placeholder('atMs')}`,
          sentPlatform: sql`${sql.placeholder('platform')}`,
          sentRef: sql`${sql.placeholder('ref')}`,
        })
        .where(
          and(
            eq(outbox.programmeId, sql.placeholder('programmeId')),
            eq(outbox.id, sql.placeholder('id')),
            sql`${outbox.status} = 'sending'`,
            eq(outbox.claimedBy, sql.placeholder('instance')),
          ),
        )
        .toSQL(),
    ),
  };
}

function statements(handle: DatabaseHandle): ReturnType<typeof prepareStatements> {
  let found = prepared.get(handle);
  if (!found) {
    found = prepareStatements(handle);
    prepared.set(handle, found);
  }
  return found;
}

// One IMMEDIATE transaction takes SQLite's write lock before reading, so another process cannot select the same
// rows between our select and our update: it waits (`withStorage`), then finds them claimed.
export function claimDue(
  handle: DatabaseHandle,
  programmeId: number,
  instance: string,
  now: Date,
  limit: number,
  leaseMs: number,
): ClaimedEntry[] {
  if (limit <= 0) return [];
  const statement = statements(handle);
  const atMs = now.getTime();
  const byClaimOrder = (a: { id: number; nextAttemptAt: Date }, b: { id: number; nextAttemptAt: Date }) =>
    a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id;
  return handle.db.transaction(
    () => {
      // Due pending entries and expired claims, as two searches merged here: one query with `status IN (…)` would
      // read and sort every pending entry at each claim (thousands, at an evaluation), where each search reads its
      // own index in order and stops at `limit`.
      const pending = statement.duePending.all({ programmeId, beforeMs: atMs, limit });
      const expired = statement.expiredClaims.all({ programmeId, beforeMs: atMs - leaseMs, limit });
      const chosen = [...pending, ...expired].sort(byClaimOrder).slice(0, limit);
      if (chosen.length === 0) return [];
      const uncertain = new Set(expired.map((row) => row.id));
      const ids = JSON.stringify(chosen.map((row) => row.id));
      return statement.claim
        .all({ atMs, ids, instance })
        .sort(byClaimOrder)
        .map((row) => ({ ...toEntry(row), uncertain: uncertain.has(row.id) }));
    },
    { behavior: 'immediate' },
  );
}

/** Whether `claimDue` would find anything: its two searches, one row each, claiming nothing. */
export function hasDue(handle: DatabaseHandle, programmeId: number, now: Date, leaseMs: number): boolean {
  const statement = statements(handle);
  const atMs = now.getTime();
  return (
    statement.duePending.all({ programmeId, beforeMs: atMs, limit: 1 }).length > 0 ||
    statement.expiredClaims.all({ programmeId, beforeMs: atMs - leaseMs, limit: 1 }).length > 0
  );
}

/** One transaction for all: a commit per message cost more than the update itself. */
export function markSent(
  handle: DatabaseHandle,
  programmeId: number,
  instance: string,
  marks: readonly SentMark[],
): number {
  if (marks.length === 0) return 0;
  const statement = statements(handle).markSent;
  return handle.db.transaction(() => {
    let marked = 0;
    for (const { id, sent, at } of marks) {
      marked += statement.run({
        programmeId,
        id,
        instance,
        atMs: at.getTime(),
        platform: sent.platform,
        ref: sent.ref,
      }).changes;
    }
    return marked;
  });
}

export function markRetry(
  db: Db,
  programmeId: number,
  instance: string,
  id: number,
  nextAttemptAt: Date,
  error: string,
): boolean {
  const { changes } = db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt, claimedAt: null, claimedBy: null, lastError: error })
    .where(claimedBy(programmeId, instance, id))
    .run();
  return changes === 1;
}

export function markFailed(
  db: Db,
  programmeId: number,
  instance: string,
  id: number,
  error: string,
  at: Date,
): boolean {
  const { changes } = db
    .update(outbox)
    .set({ status: 'failed', failedAt: at, lastError: error })
    .where(claimedBy(programmeId, instance, id))
    .run();
  return changes === 1;
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

/** The entry, while this instance's claim: once taken over by another instance, that one's outcome stands. */
function claimedBy(programmeId: number, instance: string, id: number): SQL | undefined {
  return and(
    eq(outbox.programmeId, programmeId),
    eq(outbox.id, id),
    eq(outbox.status, 'sending'),
    eq(outbox.claimedBy, instance),
  );
}
