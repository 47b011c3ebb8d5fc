// The storage port over SQLite. better-sqlite3 is synchronous; the port is asynchronous so that the use cases do not
// care which store they get, and so that a call that finds the database locked by another process waits for it
// between turns of the event loop (`withStorage`) instead of blocking the process. Every call goes through `#use`,
// which also turns what SQLite refuses (a full disk, a read-only file) into a storage error: a write that failed is
// never reported as done.
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { newInstanceId } from '../config/instance.ts';
import type { Alert } from '../core/alerts.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { CoachingSession } from '../core/coaching.ts';
import type { Correction, StoredCorrection } from '../core/correction.ts';
import type {
  ClaimedEntry,
  CorrectionFilter,
  JobRun,
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
import * as jobLedger from './job-ledger.ts';
import * as leases from './leases.ts';
import * as outboxRepository from './outbox-repository.ts';
import { type Db, findProgrammeId, programmeRowId, syncProgramme } from './programme-sync.ts';
import { toAnswer, toCorrection, toSession } from './rows.ts';
import { alerts, checkins, coachingSessions, corrections, evaluations, people } from './schema.ts';
import { withStorage } from './storage-errors.ts';
import { readWeekFacts } from './week-facts-query.ts';

type CoachingFilter = Parameters<Store['listCoachingSessions']>[0];
type AlertFilter = Parameters<Store['listAlerts']>[0];

export class DrizzleStore implements Store {
  readonly #handle: DatabaseHandle;
  readonly #db: Db;
  readonly #programmeKey: string;
  readonly #instance: string;
  #programmeId: number | undefined;

  /** `instance`: the bot's instance this store works for, owner of its outbox claims and of the runs it takes. */
  constructor(handle: DatabaseHandle, programmeKey: string, instance = newInstanceId()) {
    this.#handle = handle;
    this.#db = handle.db;
    this.#programmeKey = programmeKey;
    this.#instance = instance;
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

  #use<T>(work: () => T): Promise<T> {
    return withStorage(this.#handle, work);
  }

  async syncProgramme(programme: Programme, at: Date): Promise<SyncResult> {
    if (programme.key !== this.#programmeKey) {
      throw new Error(`this store holds programme ${this.#programmeKey}, not ${programme.key}`);
    }
    return this.#use(() => syncProgramme(this.#db, this.#pid, programme, at));
  }

  activePeople(): Promise<string[]> {
    return this.#use(() =>
      this.#db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.programmeId, this.#pid), eq(people.active, true)))
        .orderBy(asc(people.id))
        .all()
        .map((row) => row.id),
    );
  }

  getAnswer(intrapreneur: string, week: WeekId): Promise<CheckinAnswer | undefined> {
    return this.#use(() => {
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
    });
  }

  saveAnswer(answer: CheckinAnswer, correction?: Correction): Promise<void> {
    const fields = {
      releaseKind: answer.release?.kind ?? null,
      releasedDays: answer.release?.kind === 'days' ? answer.release.days : null,
      coachingHeld: answer.coachingHeld ?? null,
      comment: answer.comment ?? null,
      answeredBy: answer.answeredBy,
      answeredAt: answer.answeredAt,
      updatedAt: answer.updatedAt,
    };
    // The answer and the trace of an owner's correction are written together, or neither is.
    return this.#use(() =>
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
      }),
    );
  }

  listAnswers(range: WeekRange): Promise<CheckinAnswer[]> {
    return this.#use(() =>
      this.#db
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
        .map(toAnswer),
    );
  }

  weekFacts(range: WeekRange): Promise<WeekFacts> {
    return this.#use(() => readWeekFacts(this.#handle, this.#pid, range));
  }

  listCorrections(filter: CorrectionFilter): Promise<StoredCorrection[]> {
    return this.#use(() => {
      const conditions: SQL[] = [eq(corrections.programmeId, this.#pid)];
      if (filter.from !== undefined) conditions.push(gte(corrections.week, filter.from));
      if (filter.to !== undefined) conditions.push(lte(corrections.week, filter.to));
      if (filter.intrapreneur !== undefined)
        conditions.push(eq(corrections.intrapreneur, filter.intrapreneur));
      if (filter.unreported) conditions.push(isNull(corrections.reportedIn));
      return this.#db
        .select()
        .from(corrections)
        .where(and(...conditions))
        .orderBy(asc(corrections.correctedAt), asc(corrections.id))
        .all()
        .map(toCorrection);
    });
  }

  markCorrectionsReported(ids: readonly number[], week: WeekId): Promise<void> {
    return this.#use(() => {
      if (ids.length === 0) return;
      this.#db
        .update(corrections)
        .set({ reportedIn: week })
        .where(and(eq(corrections.programmeId, this.#pid), inArray(corrections.id, [...ids])))
        .run();
    });
  }

  addCoachingSession(session: CoachingSession): Promise<CoachingSession & { id: number }> {
    return this.#use(() => {
      // `.all()`, not `.get()`: better-sqlite3's `get` hands back the first row of `RETURNING` and resets the
      // statement, and the commit that then fails (a full disk, in WAL mode) is never reported.
      const [row] = this.#db
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
        .all();
      if (!row) throw new Error('the coaching session was not stored');
      return toSession(row);
    });
  }

  listCoachingSessions(filter: CoachingFilter): Promise<(CoachingSession & { id: number })[]> {
    return this.#use(() => {
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
    });
  }

  async recordAlert(alert: Alert, at: Date): Promise<boolean> {
    return (await this.recordAlerts([alert], at)).length === 1;
  }

  async recordAlerts(list: Alert[], at: Date): Promise<Alert[]> {
    if (list.length === 0) return [];
    return this.#use(() =>
      this.#db.transaction((tx) => {
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
      }),
    );
  }

  listAlerts(filter: AlertFilter): Promise<StoredAlert[]> {
    return this.#use(() => {
      const conditions: SQL[] = [eq(alerts.programmeId, this.#pid)];
      if (filter.range)
        conditions.push(gte(alerts.week, filter.range.from), lte(alerts.week, filter.range.to));
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
    });
  }

  markEvaluated(week: WeekId, at: Date): Promise<boolean> {
    return this.#use(
      () =>
        this.#db
          .insert(evaluations)
          .values({ programmeId: this.#pid, week, evaluatedAt: at })
          .onConflictDoNothing()
          .run().changes === 1,
    );
  }

  isEvaluated(week: WeekId): Promise<boolean> {
    return this.#use(
      () =>
        this.#db
          .select({ week: evaluations.week })
          .from(evaluations)
          .where(and(eq(evaluations.programmeId, this.#pid), eq(evaluations.week, week)))
          .get() !== undefined,
    );
  }

  enqueue(items: OutboxItem[]): Promise<number> {
    return this.#use(() => outboxRepository.enqueue(this.#handle, this.#pid, items));
  }

  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEntry[]> {
    return this.#use(() =>
      outboxRepository.claimDue(this.#handle, this.#pid, this.#instance, now, limit, leaseMs),
    );
  }

  hasDue(now: Date, leaseMs: number): Promise<boolean> {
    return this.#use(() => outboxRepository.hasDue(this.#handle, this.#pid, now, leaseMs));
  }

  markSent(marks: readonly SentMark[]): Promise<number> {
    return this.#use(() => outboxRepository.markSent(this.#handle, this.#pid, this.#instance, marks));
  }

  markRetry(id: number, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.#use(() =>
      outboxRepository.markRetry(this.#db, this.#pid, this.#instance, id, nextAttemptAt, error),
    );
  }

  markFailed(id: number, error: string, at: Date): Promise<boolean> {
    return this.#use(() => outboxRepository.markFailed(this.#db, this.#pid, this.#instance, id, error, at));
  }

  listOutbox(filter: outboxRepository.OutboxFilter): Promise<OutboxEntry[]> {
    return this.#use(() => outboxRepository.listOutbox(this.#db, this.#pid, filter));
  }

  claimJobRun(job: JobName, week: WeekId, at: Date, leaseUntil?: Date): Promise<boolean> {
    return this.#use(() =>
      jobLedger.claim(this.#db, this.#pid, this.#instance, { job, week, at, leaseUntil }),
    );
  }

  holdJobRun(job: JobName, week: WeekId, until: Date): Promise<boolean> {
    return this.#use(() => jobLedger.hold(this.#db, this.#pid, this.#instance, { job, week, until }));
  }

  finishJobRun(job: JobName, week: WeekId, at: Date): Promise<boolean> {
    return this.#use(() => jobLedger.finish(this.#db, this.#pid, this.#instance, { job, week, at }));
  }

  listJobRuns(job?: JobName): Promise<JobRun[]> {
    return this.#use(() => jobLedger.list(this.#db, this.#pid, job));
  }

  takeLease(name: string, now: Date, until: Date): Promise<boolean> {
    return this.#use(() => leases.take(this.#db, this.#instance, { name, now, until }));
  }

  releaseLease(name: string): Promise<boolean> {
    return this.#use(() => leases.release(this.#db, this.#instance, name));
  }
}
