// The storage port over SQLite. better-sqlite3 is synchronous; the port is asynchronous so that the use cases do not
// care which store they get, hence the `async` methods around synchronous calls.
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Alert } from '../core/alerts.ts';
import type { LocalDate } from '../core/calendar.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { CoachingSession } from '../core/coaching.ts';
import type { Correction, StoredCorrection } from '../core/correction.ts';
import type {
  ClaimedEntry,
  CorrectionFilter,
  OutboxEntry,
  OutboxItem,
  SentMark,
  Store,
  StoredAlert,
  SyncResult,
  WeekRange,
} from '../core/ports.ts';
import type { JobName, Programme } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';
import type { WeekFacts } from '../core/week-facts.ts';
import type { DatabaseHandle } from './database.ts';
import * as outboxRepository from './outbox-repository.ts';
import { type Db, findProgrammeId, programmeRowId, syncProgramme } from './programme-sync.ts';
import { alerts, checkins, coachingSessions, corrections, evaluations, jobRuns, people } from './schema.ts';
import { readWeekFacts, toRelease } from './week-facts-query.ts';

type CoachingFilter = Parameters<Store['listCoachingSessions']>[0];
type AlertFilter = Parameters<Store['listAlerts']>[0];

export class DrizzleStore implements Store {
  readonly #handle: DatabaseHandle;
  readonly #db: Db;
  readonly #programmeKey: string;
  #programmeId: number | undefined;

  constructor(handle: DatabaseHandle, programmeKey: string) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#programmeKey = programmeKey;
  }

  /** Resolved on first use; a read-only connection that has never seen the programme reads nothing. */
  get #pid(): number {
    if (this.#programmeId === undefined) {
      this.#programmeId = this.#handle.sqlite.readonly
        ? (findProgrammeId(this.#db, this.#programmeKey) ?? -1)
        : programmeRowId(this.#db, this.#programmeKey, new Date());
    }
    return this.#programmeId;
  }

  async syncProgramme(programme: Programme, at: Date): Promise<SyncResult> {
    if (programme.key !== this.#programmeKey) {
      throw new Error(`this store holds programme ${this.#programmeKey}, not ${programme.key}`);
    }
    return syncProgramme(this.#db, this.#pid, programme, at);
  }

  async activePeople(): Promise<string[]> {
    const rows = this.#db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.programmeId, this.#pid), eq(people.active, true)))
      .orderBy(asc(people.id))
      .all();
    return rows.map((row) => row.id);
  }

  async getAnswer(intrapreneur: string, week: WeekId): Promise<CheckinAnswer | undefined> {
    const row = this.#db
      .select()
      .from(checkins)
      .where(
        and(
          eq(checkins.programmeId, this.#pid),
          eq(checkins.intrapreneur, intrapreneur),
          eq(checkins.week, week),
        ),
      )
      .get();
    return row && toAnswer(row);
  }

  async saveAnswer(answer: CheckinAnswer, correction?: Correction): Promise<void> {
    const fields = {
      releaseKind: answer.release?.kind ?? null,
      releasedDays: answer.release?.kind === 'days' ? answer.release.days : null,
      coachingHeld: answer.coachingHeld ?? null,
      comment: answer.comment ?? null,
      answeredBy: answer.answeredBy,
      answeredAt: answer.answeredAt,
      updatedAt: answer.updatedAt,
    };
    this.#db.transaction((tx) => {
      tx.insert(checkins)
        .values({ programmeId: this.#pid, intrapreneur: answer.intrapreneur, week: answer.week, ...fields })
        .onConflictDoUpdate({
          target: [checkins.programmeId, checkins.intrapreneur, checkins.week],
          set: fields,
        })
        .run();
      if (correction) {
        tx.insert(corrections)
          .values({
            programmeId: this.#pid,
            intrapreneur: correction.intrapreneur,
            week: correction.week,
            field: correction.field,
            before: correction.before ?? null,
            after: correction.after,
            correctedBy: correction.by,
            correctedAt: correction.at,
          })
          .run();
      }
    });
  }

  async listAnswers(range: WeekRange): Promise<CheckinAnswer[]> {
    return this.#db
      .select()
      .from(checkins)
      .where(
        and(
          eq(checkins.programmeId, this.#pid),
          gte(checkins.week, range.from),
          lte(checkins.week, range.to),
        ),
      )
      .orderBy(asc(checkins.week), asc(checkins.intrapreneur))
      .all()
      .map(toAnswer);
  }

  async weekFacts(range: WeekRange): Promise<WeekFacts> {
    return readWeekFacts(this.#handle, this.#pid, range);
  }

  async listCorrections(filter: CorrectionFilter): Promise<StoredCorrection[]> {
    const conditions: SQL[] = [eq(corrections.programmeId, this.#pid)];
    if (filter.from !== undefined) conditions.push(gte(corrections.week, filter.from));
    if (filter.to !== undefined) conditions.push(lte(corrections.week, filter.to));
    if (filter.intrapreneur !== undefined) conditions.push(eq(corrections.intrapreneur, filter.intrapreneur));
    if (filter.unreported) conditions.push(isNull(corrections.reportedIn));
    return this.#db
      .select()
      .from(corrections)
      .where(and(...conditions))
      .orderBy(asc(corrections.correctedAt), asc(corrections.id))
      .all()
      .map(toCorrection);
  }

  async markCorrectionsReported(ids: readonly number[], week: WeekId): Promise<void> {
    if (ids.length === 0) return;
    this.#db
      .update(corrections)
      .set({ reportedIn: week })
      .where(and(eq(corrections.programmeId, this.#pid), inArray(corrections.id, [...ids])))
      .run();
  }

  async addCoachingSession(session: CoachingSession): Promise<CoachingSession & { id: number }> {
    const row = this.#db
      .insert(coachingSessions)
      .values({
        programmeId: this.#pid,
        intrapreneur: session.intrapreneur,
        loggedBy: session.loggedBy,
        date: session.date,
        durationMinutes: session.durationMinutes ?? null,
        notes: session.notes,
        loggedAt: session.loggedAt,
      })
      .returning()
      .get();
    return toSession(row);
  }

  async listCoachingSessions(filter: CoachingFilter): Promise<(CoachingSession & { id: number })[]> {
    const conditions: SQL[] = [eq(coachingSessions.programmeId, this.#pid)];
    if (filter.intrapreneur !== undefined) {
      conditions.push(eq(coachingSessions.intrapreneur, filter.intrapreneur));
    }
    if (filter.from !== undefined) conditions.push(gte(coachingSessions.date, filter.from));
    if (filter.to !== undefined) conditions.push(lte(coachingSessions.date, filter.to));
    const query = this.#db
      .select()
      .from(coachingSessions)
      .where(and(...conditions));
    // With a limit the caller wants the latest sessions ("recent history"); without one, the whole span in order.
    const rows =
      filter.limit === undefined
        ? query.orderBy(asc(coachingSessions.date), asc(coachingSessions.id)).all()
        : query
            .orderBy(desc(coachingSessions.date), desc(coachingSessions.id))
            .limit(Math.max(0, filter.limit))
            .all();
    return rows.map(toSession);
  }

  async recordAlert(alert: Alert, at: Date): Promise<boolean> {
    return (await this.recordAlerts([alert], at)).length === 1;
  }

  async recordAlerts(list: Alert[], at: Date): Promise<Alert[]> {
    if (list.length === 0) return [];
    return this.#db.transaction((tx) => {
      const insert = tx
        .insert(alerts)
        .values({
          programmeId: this.#pid,
          kind: sql.placeholder('kind'),
          intrapreneur: sql.placeholder('intrapreneur'),
          week: sql.placeholder('week'),
          recipients: sql.placeholder('recipients'),
          reason: sql.placeholder('reason'),
          raisedAt: at,
        })
        .onConflictDoNothing()
        .prepare();
      return list.filter((alert) => insert.run({ ...alert }).changes === 1);
    });
  }

  async listAlerts(filter: AlertFilter): Promise<StoredAlert[]> {
    const conditions: SQL[] = [eq(alerts.programmeId, this.#pid)];
    if (filter.range) conditions.push(gte(alerts.week, filter.range.from), lte(alerts.week, filter.range.to));
    if (filter.kind !== undefined) conditions.push(eq(alerts.kind, filter.kind));
    if (filter.intrapreneur !== undefined) conditions.push(eq(alerts.intrapreneur, filter.intrapreneur));
    return this.#db
      .select()
      .from(alerts)
      .where(and(...conditions))
      .orderBy(asc(alerts.week), asc(alerts.id))
      .all()
      .map((row) => ({
        kind: row.kind,
        intrapreneur: row.intrapreneur,
        week: row.week,
        recipients: row.recipients,
        reason: row.reason,
        raisedAt: row.raisedAt,
      }));
  }

  async markEvaluated(week: WeekId, at: Date): Promise<boolean> {
    const { changes } = this.#db
      .insert(evaluations)
      .values({ programmeId: this.#pid, week, evaluatedAt: at })
      .onConflictDoNothing()
      .run();
    return changes === 1;
  }

  async isEvaluated(week: WeekId): Promise<boolean> {
    const row = this.#db
      .select({ week: evaluations.week })
      .from(evaluations)
      .where(and(eq(evaluations.programmeId, this.#pid), eq(evaluations.week, week)))
      .get();
    return row !== undefined;
  }

  async enqueue(items: OutboxItem[]): Promise<number> {
    return outboxRepository.enqueue(this.#handle, this.#pid, items);
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEntry[]> {
    return outboxRepository.claimDue(this.#handle, this.#pid, now, limit, leaseMs);
  }

  async markSent(marks: readonly SentMark[]): Promise<number> {
    return outboxRepository.markSent(this.#handle, this.#pid, marks);
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string): Promise<void> {
    outboxRepository.markRetry(this.#db, this.#pid, id, nextAttemptAt, error);
  }

  async markFailed(id: number, error: string, at: Date): Promise<void> {
    outboxRepository.markFailed(this.#db, this.#pid, id, error, at);
  }

  async listOutbox(filter: outboxRepository.OutboxFilter): Promise<OutboxEntry[]> {
    return outboxRepository.listOutbox(this.#db, this.#pid, filter);
  }

  async claimJobRun(job: JobName, week: WeekId, at: Date): Promise<boolean> {
    const { changes } = this.#db
      .insert(jobRuns)
      .values({ programmeId: this.#pid, job, week, ranAt: at })
      .onConflictDoNothing()
      .run();
    return changes === 1;
  }

  async listJobRuns(job?: JobName): Promise<{ job: JobName; week: WeekId; at: Date }[]> {
    const conditions: SQL[] = [eq(jobRuns.programmeId, this.#pid)];
    if (job !== undefined) conditions.push(eq(jobRuns.job, job));
    return this.#db
      .select()
      .from(jobRuns)
      .where(and(...conditions))
      .orderBy(asc(jobRuns.ranAt), asc(jobRuns.job), asc(jobRuns.week))
      .all()
      .map((row) => ({ job: row.job, week: row.week, at: row.ranAt }));
  }
}

function toAnswer(row: typeof checkins.$inferSelect): CheckinAnswer {
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

function toCorrection(row: typeof corrections.$inferSelect): StoredCorrection {
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

function toSession(row: typeof coachingSessions.$inferSelect): CoachingSession & { id: number } {
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
