// The storage port over PostgreSQL. Each call is one unit of work on the pool, run by `withStorage`: what the server
// refuses (a full disk, a read-only standby, a lost connection) becomes a storage error, a write that failed is never
// reported as done, and a deadlock or a serialization failure is tried again.
import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Alert } from '../../core/alerts.ts';
import type { CheckinAnswer } from '../../core/checkin.ts';
import type { CoachingSession } from '../../core/coaching.ts';
import type { Correction, StoredCorrection } from '../../core/correction.ts';
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
} from '../../core/ports.ts';
import type { JobName, Programme } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import type { WeekFacts } from '../../core/week-facts.ts';
import { encodeJson } from '../json.ts';
import { toAnswer, toCorrection, toSession } from '../rows.ts';
import { withStorage } from '../storage-errors.ts';
import type { PgHandle } from './handle.ts';
import * as jobLedger from './job-ledger.ts';
import * as leases from './leases.ts';
import * as outboxRepository from './outbox.ts';
import { syncProgramme } from './programme-sync.ts';
import { alerts, checkins, coachingSessions, corrections, evaluations, people } from './schema.ts';
import { readWeekFacts } from './week-facts.ts';

type CoachingFilter = Parameters<Store['listCoachingSessions']>[0];
type AlertFilter = Parameters<Store['listAlerts']>[0];

export class PgStore implements Store {
  readonly #handle: PgHandle;
  readonly #programmeKey: string;
  readonly #instance: string;
  readonly #programmeId: () => Promise<number>;

  constructor(handle: PgHandle, programmeKey: string, instance: string, programmeId: () => Promise<number>) {
    this.#handle = handle;
    this.#programmeKey = programmeKey;
    this.#instance = instance;
    this.#programmeId = programmeId;
  }

  /** Runs `work` with the programme's id, as one unit of work. */
  #use<T>(work: (pid: number) => Promise<T>): Promise<T> {
    return withStorage(this.#handle, async () => work(await this.#programmeId()));
  }

  get #db() {
    return this.#handle.db;
  }

  async syncProgramme(programme: Programme, at: Date): Promise<SyncResult> {
    if (programme.key !== this.#programmeKey) {
      throw new Error(`this store holds programme ${this.#programmeKey}, not ${programme.key}`);
    }
    return this.#use((pid) => syncProgramme(this.#db, pid, programme, at));
  }

  activePeople(): Promise<string[]> {
    return this.#use(async (pid) => {
      const rows = await this.#db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.programmeId, pid), eq(people.active, true)))
        .orderBy(sql`${people.id} collate "C"`);
      return rows.map((row) => row.id);
    });
  }

  getAnswer(intrapreneur: string, week: WeekId): Promise<CheckinAnswer | undefined> {
    return this.#use(async (pid) => {
      const [row] = await this.#db
        .select()
        .from(checkins)
        .where(
          and(
            eq(checkins.programmeId, pid),
            eq(checkins.intrapreneur, intrapreneur),
            eq(checkins.week, week),
          ),
        );
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
    return this.#use((pid) =>
      this.#db.transaction(async (tx) => {
        await tx
          .insert(checkins)
          .values({ programmeId: pid, intrapreneur: answer.intrapreneur, week: answer.week, ...fields })
          .onConflictDoUpdate({
            target: [checkins.programmeId, checkins.intrapreneur, checkins.week],
            set: fields,
          });
        if (correction) {
          await tx.insert(corrections).values({
            programmeId: pid,
            intrapreneur: correction.intrapreneur,
            week: correction.week,
            field: correction.field,
            before: correction.before ?? null,
            after: correction.after,
            correctedBy: correction.by,
            correctedAt: correction.at,
          });
        }
      }),
    );
  }

  listAnswers(range: WeekRange): Promise<CheckinAnswer[]> {
    return this.#use(async (pid) => {
      const rows = await this.#db
        .select()
        .from(checkins)
        .where(
          and(eq(checkins.programmeId, pid), gte(checkins.week, range.from), lte(checkins.week, range.to)),
        )
        .orderBy(asc(checkins.week), sql`${checkins.intrapreneur} collate "C"`);
      return rows.map(toAnswer);
    });
  }

  weekFacts(range: WeekRange): Promise<WeekFacts> {
    return this.#use((pid) => readWeekFacts(this.#handle, pid, range));
  }

  listCorrections(filter: CorrectionFilter): Promise<StoredCorrection[]> {
    return this.#use(async (pid) => {
      const conditions: SQL[] = [eq(corrections.programmeId, pid)];
      if (filter.from !== undefined) conditions.push(gte(corrections.week, filter.from));
      if (filter.to !== undefined) conditions.push(lte(corrections.week, filter.to));
      if (filter.intrapreneur !== undefined)
        conditions.push(eq(corrections.intrapreneur, filter.intrapreneur));
      if (filter.unreported) conditions.push(isNull(corrections.reportedIn));
      const rows = await this.#db
        .select()
        .from(corrections)
        .where(and(...conditions))
        .orderBy(asc(corrections.correctedAt), asc(corrections.id));
      return rows.map(toCorrection);
    });
  }

  markCorrectionsReported(ids: readonly number[], week: WeekId): Promise<void> {
    return this.#use(async (pid) => {
      if (ids.length === 0) return;
      await this.#db
        .update(corrections)
        .set({ reportedIn: week })
        .where(and(eq(corrections.programmeId, pid), inArray(corrections.id, [...ids])));
    });
  }

  addCoachingSession(session: CoachingSession): Promise<CoachingSession & { id: number }> {
    return this.#use(async (pid) => {
      const [row] = await this.#db
        .insert(coachingSessions)
        .values({
          programmeId: pid,
          intrapreneur: session.intrapreneur,
          loggedBy: session.loggedBy,
          date: session.date,
          durationMinutes: session.durationMinutes ?? null,
          notes: session.notes,
          loggedAt: session.loggedAt,
        })
        .returning();
      if (!row) throw new Error('the coaching session was not stored');
      return toSession(row);
    });
  }

  listCoachingSessions(filter: CoachingFilter): Promise<(CoachingSession & { id: number })[]> {
    return this.#use(async (pid) => {
      const conditions: SQL[] = [eq(coachingSessions.programmeId, pid)];
      if (filter.intrapreneur !== undefined)
        conditions.push(eq(coachingSessions.intrapreneur, filter.intrapreneur));
      if (filter.from !== undefined) conditions.push(gte(coachingSessions.date, filter.from));
      if (filter.to !== undefined) conditions.push(lte(coachingSessions.date, filter.to));
      const query = this.#db
        .select()
        .from(coachingSessions)
        .where(and(...conditions));
      // With a limit the caller wants the latest sessions ("recent history"); without one, the whole span in order.
      const rows =
        filter.limit === undefined
          ? await query.orderBy(asc(coachingSessions.date), asc(coachingSessions.id))
          : await query
              .orderBy(desc(coachingSessions.date), desc(coachingSessions.id))
              .limit(Math.max(0, filter.limit));
      return rows.map(toSession);
    });
  }

  async recordAlert(alert: Alert, at: Date): Promise<boolean> {
    return (await this.recordAlerts([alert], at)).length === 1;
  }

  /**
   * One statement for all: the alerts that were new come back, and the others are left as they were. The rows go as
   * one array per column (`unnest`), not as a parameter per value: a Tuesday raises thousands, which as a VALUES list
   * would take longer to build and to parse than to write.
   */
  async recordAlerts(list: Alert[], at: Date): Promise<Alert[]> {
    if (list.length === 0) return [];
    return this.#use(async (pid) => {
      const inserted = await this.#handle.pool.query<{ kind: string; intrapreneur: string; week: string }>({
        name: 'alerts-record',
        text: `insert into alerts (programme_id, kind, intrapreneur, week, recipients, reason, raised_at)
               select $1, t.kind, t.intrapreneur, t.week, t.recipients, t.reason, $7
               from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                 with ordinality as t(kind, intrapreneur, week, recipients, reason, n)
               order by t.n
               on conflict do nothing
               returning kind, intrapreneur, week`,
        values: [
          pid,
          list.map((alert) => alert.kind),
          list.map((alert) => alert.intrapreneur),
          list.map((alert) => alert.week),
          list.map((alert) => encodeJson(alert.recipients)),
          list.map((alert) => encodeJson(alert.reason)),
          at.toISOString(),
        ],
      });
      // An alert given twice in the batch was new once: the first one given is.
      const added = new Set(
        inserted.rows.map((row) => `${row.kind}\u0000${row.intrapreneur}\u0000${row.week}`),
      );
      return list.filter((alert) =>
        added.delete(`${alert.kind}\u0000${alert.intrapreneur}\u0000${alert.week}`),
      );
    });
  }

  listAlerts(filter: AlertFilter): Promise<StoredAlert[]> {
    return this.#use(async (pid) => {
      const conditions: SQL[] = [eq(alerts.programmeId, pid)];
      if (filter.range)
        conditions.push(gte(alerts.week, filter.range.from), lte(alerts.week, filter.range.to));
      if (filter.kind !== undefined) conditions.push(eq(alerts.kind, filter.kind));
      if (filter.intrapreneur !== undefined) conditions.push(eq(alerts.intrapreneur, filter.intrapreneur));
      const rows = await this.#db
        .select()
        .from(alerts)
        .where(and(...conditions))
        .orderBy(asc(alerts.week), asc(alerts.id));
      return rows.map((row) => ({
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
    return this.#use(async (pid) => {
      const rows = await this.#db
        .insert(evaluations)
        .values({ programmeId: pid, week, evaluatedAt: at })
        .onConflictDoNothing()
        .returning({ week: evaluations.week });
      return rows.length === 1;
    });
  }

  isEvaluated(week: WeekId): Promise<boolean> {
    return this.#use(async (pid) => {
      const rows = await this.#db
        .select({ week: evaluations.week })
        .from(evaluations)
        .where(and(eq(evaluations.programmeId, pid), eq(evaluations.week, week)));
      return rows.length > 0;
    });
  }

  enqueue(items: OutboxItem[]): Promise<number> {
    return this.#use((pid) => outboxRepository.enqueue(this.#handle, pid, items));
  }

  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEntry[]> {
    return this.#use((pid) =>
      outboxRepository.claimDue(this.#handle, pid, this.#instance, now, limit, leaseMs),
    );
  }

  hasDue(now: Date, leaseMs: number): Promise<boolean> {
    return this.#use((pid) => outboxRepository.hasDue(this.#handle, pid, now, leaseMs));
  }

  markSent(marks: readonly SentMark[]): Promise<number> {
    return this.#use((pid) => outboxRepository.markSent(this.#handle, pid, this.#instance, marks));
  }

  markRetry(id: number, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.#use((pid) =>
      outboxRepository.markRetry(this.#handle, pid, this.#instance, id, nextAttemptAt, error),
    );
  }

  markFailed(id: number, error: string, at: Date): Promise<boolean> {
    return this.#use((pid) => outboxRepository.markFailed(this.#handle, pid, this.#instance, id, error, at));
  }

  listOutbox(filter: outboxRepository.OutboxFilter): Promise<OutboxEntry[]> {
    return this.#use((pid) => outboxRepository.listOutbox(this.#handle, pid, filter));
  }

  claimJobRun(job: JobName, week: WeekId, at: Date, leaseUntil?: Date): Promise<boolean> {
    return this.#use((pid) => jobLedger.claim(this.#db, pid, this.#instance, { job, week, at, leaseUntil }));
  }

  holdJobRun(job: JobName, week: WeekId, until: Date): Promise<boolean> {
    return this.#use((pid) => jobLedger.hold(this.#db, pid, this.#instance, { job, week, until }));
  }

  finishJobRun(job: JobName, week: WeekId, at: Date): Promise<boolean> {
    return this.#use((pid) => jobLedger.finish(this.#db, pid, this.#instance, { job, week, at }));
  }

  listJobRuns(job?: JobName): Promise<JobRun[]> {
    return this.#use((pid) => jobLedger.list(this.#db, pid, job));
  }

  // Leases are the deployment's: no programme's id is needed, nor looked up.
  takeLease(name: string, now: Date, until: Date): Promise<boolean> {
    return withStorage(this.#handle, () => leases.take(this.#db, this.#instance, { name, now, until }));
  }

  releaseLease(name: string): Promise<boolean> {
    return withStorage(this.#handle, () => leases.release(this.#db, this.#instance, name));
  }
}
