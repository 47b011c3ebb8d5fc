// The ledger of scheduled runs on SQLite: a run is taken by inserting its row (the first insert wins, whoever else
// fires the same slot at the same moment), held by its instance under a lease it renews while it runs, and recorded
// done for good once over. A run left unfinished by an instance that died is taken over once its lease is over.
import { and, asc, eq, isNull, lte, type SQL } from 'drizzle-orm';
import type { JobRun } from '../core/ports.ts';
import type { JobName } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';
import type { Db } from './programme-sync.ts';
import { jobRuns } from './schema.ts';

type Slot = { job: JobName; week: WeekId };

const slotOf = (programmeId: number, { job, week }: Slot): SQL | undefined =>
  and(eq(jobRuns.programmeId, programmeId), eq(jobRuns.job, job), eq(jobRuns.week, week));

export function claim(
  db: Db,
  programmeId: number,
  instance: string,
  run: Slot & { at: Date; leaseUntil?: Date | undefined },
): boolean {
  const held = run.leaseUntil
    ? { instance, leaseUntil: run.leaseUntil, finishedAt: null }
    : { instance, leaseUntil: null, finishedAt: run.at };
  return db.transaction(
    (tx) => {
      const inserted = tx
        .insert(jobRuns)
        .values({ programmeId, job: run.job, week: run.week, ranAt: run.at, ...held })
        .onConflictDoNothing()
        .run().changes;
      if (inserted === 1) return true;
      // Taken before: ours again only if its holder left it unfinished past its lease.
      const { changes } = tx
        .update(jobRuns)
        .set({ ranAt: run.at, ...held })
        .where(and(slotOf(programmeId, run), isNull(jobRuns.finishedAt), lte(jobRuns.leaseUntil, run.at)))
        .run();
      return changes === 1;
    },
    { behavior: 'immediate' },
  );
}

export function hold(db: Db, programmeId: number, instance: string, run: Slot & { until: Date }): boolean {
  return (
    db
      .update(jobRuns)
      .set({ leaseUntil: run.until })
      .where(and(slotOf(programmeId, run), eq(jobRuns.instance, instance), isNull(jobRuns.finishedAt)))
      .run().changes === 1
  );
}

export function finish(db: Db, programmeId: number, instance: string, run: Slot & { at: Date }): boolean {
  return (
    db
      .update(jobRuns)
      .set({ finishedAt: run.at, leaseUntil: null })
      .where(and(slotOf(programmeId, run), eq(jobRuns.instance, instance), isNull(jobRuns.finishedAt)))
      .run().changes === 1
  );
}

export function list(db: Db, programmeId: number, job?: JobName): JobRun[] {
  const conditions: SQL[] = [eq(jobRuns.programmeId, programmeId)];
  if (job !== undefined) conditions.push(eq(jobRuns.job, job));
  return db
    .select()
    .from(jobRuns)
    .where(and(...conditions))
    .orderBy(asc(jobRuns.ranAt), asc(jobRuns.job), asc(jobRuns.week))
    .all()
    .map((row) => ({
      job: row.job,
      week: row.week,
      at: row.ranAt,
      ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
    }));
}
