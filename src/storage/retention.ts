// Retention: comments and coaching notes are what people wrote in their own words; they are kept for
// `retention_months` after the programme's end, then cleared. The figures (days released, coaching points held,
// alerts) stay: they are the programme's record.
import { and, eq, ne, sql } from 'drizzle-orm';
import { type LocalDate, localDateOf } from '../core/calendar.ts';
import { DEFAULT_RETENTION_MONTHS, type Programme } from '../core/programme.ts';
import type { DatabaseHandle } from './database.ts';
import { findProgrammeId } from './programme-sync.ts';
import { checkins, coachingSessions, outbox, sandboxMessages } from './schema.ts';

/** The last day comments and notes are kept: the end of the last phase plus `retentionMonths`. */
export function retentionLimit(
  programme: Pick<Programme, 'phases' | 'retentionMonths'>,
): LocalDate | undefined {
  const end = programme.phases
    .map((p) => p.end)
    .sort()
    .at(-1);
  if (end === undefined) return undefined;
  return addMonths(end, programme.retentionMonths ?? DEFAULT_RETENTION_MONTHS);
}

/** `2027-03-31` + 11 months is `2028-02-29`: the day is kept unless the month is shorter. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  // Day 0 of the next month is the last day of month `m`.
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, lastDay))}`;
}

export interface PurgeResult {
  /** False while the retention period runs: nothing was touched. */
  due: boolean;
  keptUntil: LocalDate | undefined;
  comments: number;
  notes: number;
  /** Stored messages (outbox, sandbox) that carried a copy of a comment. */
  messages: number;
}

/** Clears comments and notes once the retention period is over; a no-op before, and when already done. */
export function purgeExpired(handle: DatabaseHandle, programme: Programme, now: Date): PurgeResult {
  const keptUntil = retentionLimit(programme);
  const nothing = { keptUntil, comments: 0, notes: 0, messages: 0 };
  if (keptUntil === undefined || localDateOf(now, programme.timezone) <= keptUntil)
    return { due: false, ...nothing };
  const pid = findProgrammeId(handle.db, programme.key);
  if (pid === undefined) return { due: true, ...nothing };
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
      return { due: true, keptUntil, comments, notes, messages };
    },
    { behavior: 'immediate' },
  );
}
