// The outbox on PostgreSQL: messages due to someone, each keyed so it exists once, claimed by one instance at a time.
// A claim is one statement: the due entries and the expired claims are locked `FOR UPDATE SKIP LOCKED`, so that
// instances claiming at the same moment each take other entries instead of waiting for one another, then stamped with
// the claiming instance. Only that instance may then mark an entry sent, or put it back.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { ClaimedEntry, OutboxEntry, OutboxItem, SentMark, Store } from '../../core/ports.ts';
import { decodeJson, encodeJson } from '../json.ts';
import { toEntry } from '../rows.ts';
import type { PgHandle } from './handle.ts';
import { outbox } from './schema.ts';

export type OutboxFilter = Parameters<Store['listOutbox']>[0];

/** Rows per insert: arrays of this size keep each statement's parameters small. */
const ENQUEUE_CHUNK = 5_000;

/** Adds the items whose key is new in their week, all or none, in the order given (their ids follow it). */
export async function enqueue(handle: PgHandle, programmeId: number, items: OutboxItem[]): Promise<number> {
  if (items.length === 0) return 0;
  const client = await handle.pool.connect();
  try {
    await client.query('begin');
    try {
      let added = 0;
      for (let start = 0; start < items.length; start += ENQUEUE_CHUNK) {
        const chunk = items.slice(start, start + ENQUEUE_CHUNK);
        const result = await client.query({
          name: 'outbox-enqueue',
          text: `insert into outbox (programme_id, key, kind, week, recipient, message, due_at, status, attempts,
                   next_attempt_at)
                 select $1, t.key, t.kind, t.week, t.recipient, t.message, t.due_at, 'pending', 0, t.due_at
                 from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
                   with ordinality as t(key, kind, week, recipient, message, due_at, n)
                 order by t.n
                 on conflict (programme_id, week, key) do nothing`,
          values: [
            programmeId,
            chunk.map((i) => i.key),
            chunk.map((i) => i.kind),
            chunk.map((i) => i.week),
            chunk.map((i) => i.recipient),
            chunk.map((i) => encodeJson(i.message)),
            chunk.map((i) => i.dueAt.toISOString()),
          ],
        });
        added += result.rowCount ?? 0;
      }
      await client.query('commit');
      return added;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

interface Row {
  id: number;
  key: string;
  kind: OutboxEntry['kind'];
  week: string;
  recipient: string;
  message: string;
  due_at: Date;
  status: OutboxEntry['status'];
  attempts: number;
  next_attempt_at: Date;
  claimed_at: Date | null;
  sent_at: Date | null;
  sent_platform: string | null;
  sent_ref: string | null;
  last_error: string | null;
  uncertain: boolean;
}

/**
 * Claims up to `limit` entries for `instance`: due pending ones, and claims older than the lease (their instance
 * died: `uncertain`). Rows another instance is claiming at this moment are skipped, not waited for.
 */
export async function claimDue(
  handle: PgHandle,
  programmeId: number,
  instance: string,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedEntry[]> {
  if (limit <= 0) return [];
  const { rows } = await handle.pool.query<Row>({
    name: 'outbox-claim',
    text: `with pending as (
             select id, next_attempt_at, false as uncertain from outbox
             where programme_id = $1 and status = 'pending' and next_attempt_at <= $2
             order by next_attempt_at, id limit $4
             for update skip locked
           ), expired as (
             select id, next_attempt_at, true as uncertain from outbox
             where programme_id = $1 and status = 'sending' and claimed_at <= $3
             order by next_attempt_at, id limit $4
             for update skip locked
           ), chosen as (
             select * from pending union all select * from expired
             order by next_attempt_at, id limit $4
           )
           update outbox o
           set status = 'sending', claimed_at = $2, claimed_by = $5, attempts = o.attempts + 1
           from chosen where o.id = chosen.id
           returning o.id, o.key, o.kind, o.week, o.recipient, o.message, o.due_at, o.status, o.attempts,
             o.next_attempt_at, o.claimed_at, o.sent_at, o.sent_platform, o.sent_ref, o.last_error, chosen.uncertain`,
    values: [programmeId, now, new Date(now.getTime() - leaseMs), limit, instance],
  });
  return rows
    .sort((a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || a.id - b.id)
    .map((row) => ({ ...entryOf(row), uncertain: row.uncertain }));
}

/** Whether `claimDue` would find anything, claiming nothing. */
export async function hasDue(
  handle: PgHandle,
  programmeId: number,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const { rows } = await handle.pool.query<{ due: boolean }>({
    name: 'outbox-has-due',
    text: `select exists (select 1 from outbox where programme_id = $1 and status = 'pending' and next_attempt_at <= $2)
             or exists (select 1 from outbox where programme_id = $1 and status = 'sending' and claimed_at <= $3)
             as due`,
    values: [programmeId, now, new Date(now.getTime() - leaseMs)],
  });
  return rows[0]?.due === true;
}

/** One statement for all the marks; only entries still claimed by `instance` are marked. */
export async function markSent(
  handle: PgHandle,
  programmeId: number,
  instance: string,
  marks: readonly SentMark[],
): Promise<number> {
  if (marks.length === 0) return 0;
  const result = await handle.pool.query({
    name: 'outbox-mark-sent',
    text: `update outbox o
           set status = 'sent', sent_at = m.at, sent_platform = m.platform, sent_ref = m.ref
           from unnest($2::int[], $3::timestamptz[], $4::text[], $5::text[]) as m(id, at, platform, ref)
           where o.id = m.id and o.programme_id = $1 and o.status = 'sending' and o.claimed_by = $6`,
    values: [
      programmeId,
      marks.map((m) => m.id),
      marks.map((m) => m.at.toISOString()),
      marks.map((m) => m.sent.platform),
      marks.map((m) => m.sent.ref),
      instance,
    ],
  });
  return result.rowCount ?? 0;
}

export async function markRetry(
  handle: PgHandle,
  programmeId: number,
  instance: string,
  id: number,
  nextAttemptAt: Date,
  error: string,
): Promise<boolean> {
  const rows = await handle.db
    .update(outbox)
    .set({ status: 'pending', nextAttemptAt, claimedAt: null, claimedBy: null, lastError: error })
    .where(claimedBy(programmeId, instance, id))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export async function markFailed(
  handle: PgHandle,
  programmeId: number,
  instance: string,
  id: number,
  error: string,
  at: Date,
): Promise<boolean> {
  const rows = await handle.db
    .update(outbox)
    .set({ status: 'failed', failedAt: at, lastError: error })
    .where(claimedBy(programmeId, instance, id))
    .returning({ id: outbox.id });
  return rows.length === 1;
}

export async function listOutbox(
  handle: PgHandle,
  programmeId: number,
  filter: OutboxFilter,
): Promise<OutboxEntry[]> {
  const conditions: SQL[] = [eq(outbox.programmeId, programmeId)];
  if (filter.week !== undefined) conditions.push(eq(outbox.week, filter.week));
  if (filter.kind !== undefined) conditions.push(eq(outbox.kind, filter.kind));
  if (filter.status !== undefined) conditions.push(eq(outbox.status, filter.status));
  if (filter.recipient !== undefined) conditions.push(eq(outbox.recipient, filter.recipient));
  const rows = await handle.db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(asc(outbox.id));
  return rows.map(toEntry);
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

function entryOf(row: Row): OutboxEntry {
  const entry: OutboxEntry = {
    id: row.id,
    key: row.key,
    kind: row.kind,
    week: row.week,
    recipient: row.recipient,
    message: decodeJson(row.message),
    dueAt: row.due_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
  };
  if (row.claimed_at) entry.claimedAt = row.claimed_at;
  if (row.sent_at) entry.sentAt = row.sent_at;
  if (row.sent_platform !== null && row.sent_ref !== null)
    entry.sent = { platform: row.sent_platform, ref: row.sent_ref };
  if (row.last_error !== null) entry.lastError = row.last_error;
  return entry;
}
