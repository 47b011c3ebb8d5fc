// Stored rows as the core's values, for both databases: their schemas give the same row types (`schema.ts`,
// `postgres/schema.ts`), so one mapping serves both.
import type { LocalDate } from '../core/calendar.ts';
import type { CheckinAnswer, Release, ReleasedDays } from '../core/checkin.ts';
import type { CoachingSession } from '../core/coaching.ts';
import type { StoredCorrection } from '../core/correction.ts';
import type { OutboxEntry } from '../core/ports.ts';
import type { checkins, coachingSessions, corrections, outbox } from './schema.ts';

/** A stored release (kind and days columns) as the core's value. */
export function toRelease(kind: 'days' | 'leave' | null, days: number | null): Release | undefined {
  if (kind === 'leave') return { kind: 'leave' };
  if (kind === 'days') return { kind: 'days', days: (days ?? 0) as ReleasedDays };
  return undefined;
}

export function toAnswer(row: typeof checkins.$inferSelect): CheckinAnswer {
  const answer: CheckinAnswer = {
    intrapreneur: row.intrapreneur,
    week: row.week,
    answeredBy: row.answeredBy,
    answeredAt: row.answeredAt,
    updatedAt: row.updatedAt,
  };
  const release = toRelease(row.releaseKind, row.releasedDays);
  if (release) answer.release = release;
  if (row.coachingHeld !== null) answer.coachingHeld = row.coachingHeld;
  if (row.comment !== null) answer.comment = row.comment;
  return answer;
}

export function toCorrection(row: typeof corrections.$inferSelect): StoredCorrection {
  return {
    id: row.id,
    intrapreneur: row.intrapreneur,
    week: row.week,
    field: row.field,
    ...(row.before !== null ? { before: row.before } : {}),
    after: row.after,
    by: row.correctedBy,
    at: row.correctedAt,
    ...(row.reportedIn !== null ? { reportedIn: row.reportedIn } : {}),
  };
}

export function toSession(row: typeof coachingSessions.$inferSelect): CoachingSession & { id: number } {
  const session: CoachingSession & { id: number } = {
    id: row.id,
    intrapreneur: row.intrapreneur,
    loggedBy: row.loggedBy,
    date: row.date as LocalDate,
    notes: row.notes,
    loggedAt: row.loggedAt,
  };
  if (row.durationMinutes !== null) session.durationMinutes = row.durationMinutes;
  return session;
}

export function toEntry(row: typeof outbox.$inferSelect): OutboxEntry {
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
