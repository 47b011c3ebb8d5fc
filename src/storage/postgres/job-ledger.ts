// The ledger of scheduled runs on PostgreSQL (see `../job-ledger.ts`): the insert `ON CONFLICT DO NOTHING` decides
// between instances firing the same slot at the same moment, and an unfinished run whose lease is over is taken over
// by an update that only one of them can make (the row is locked by the first, and no longer matches for the next).
import { and, asc, eq, isNull, lte, type SQL } from 'drizzle-orm';
import type { JobRun } from '../../core/ports.ts';
import type { JobName } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import type { PgDb } from './handle.ts';
import { jobRuns } from './schema.ts';

type Slot = { job: JobName; week: WeekId };

const slotOf = (programmeId: number, { job, week }: Slot): SQL | undefined =>
  and(eq(jobRuns.programmeId, programmeId), eq(jobRuns.job, job), eq(jobRuns.week, week));

export async function claim(
  db: PgDb,
  programmeId: number,
  instance: string,
  run: Slot & { at: Date; leaseUntil?: Date | undefined },
): Promise<boolean> {
  const held = run.leaseUntil
    ? { instance, leaseUntil: run.leaseUntil, finishedAt: null }
    : { instance, leaseUntil: null, finishedAt: run.at };
  const inserted = await db
    .insert(jobRuns)
    .values({ programmeId, job: run.job, week: run.week, ranAt: run.at, ...held })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (inserted.length === 1) return true;
  const taken = await db
    .update(jobRuns)
    .set({ ranAt: run.at, ...held })
    .where(and(slotOf(programmeId, run), isNull(jobRuns.finishedAt), lte(jobRuns.leaseUntil, run.at)))
    .returning({ job: jobRuns.job });
  return taken.length === 1;
}

export async function hold(db: PgDb, programmeId: number, instance: string, run: Slot & { until: Date }) {
  const rows = await db
    .update(jobRuns)
    .set({ leaseUntil: run.until })
    .where(and(slotOf(programmeId, run), eq(jobRuns.instance, instance), isNull(jobRuns.finishedAt)))
    .returning({ job: jobRuns.job });
  return rows.length === 1;
}

export async function finish(db: PgDb, programmeId: number, instance: string, run: Slot & { at: Date }) {
  const rows = await db
    .update(jobRuns)
    .set({ finishedAt: run.at, leaseUntil: null })
    .where(and(slotOf(programmeId, run), eq(jobRuns.instance, instance), isNull(jobRuns.finishedAt)))
    .returning({ job: jobRuns.job });
  return rows.length === 1;
}

export async function list(db: PgDb, programmeId: number, job?: JobName): Promise<JobRun[]> {
  const conditions: SQL[] = [eq(jobRuns.programmeId, programmeId)];
  if (job !== undefined) conditions.push(eq(jobRuns.job, job));
  const rows = await db
    .select()
    .from(jobRuns)
    .where(and(...conditions))
    .orderBy(asc(jobRuns.ranAt), asc(jobRuns.job), asc(jobRuns.week));
  return rows.map((row) => ({
    job: row.job,
    week: row.week,
    at: row.ranAt,
    ...(row.finishedAt ? { finishedAt: row.finishedAt } : {}),
  }));
}
