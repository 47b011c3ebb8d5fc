// Runs the job table with node-cron. Each job fires daily at its cron's time; the core's schedule says whether today
// is a run day once holidays have moved it. A run missed while the bot was down is caught up at start (and a failed
// one every half minute), and each run happens once in all: the ledger of runs (`runSlot`), in the database that
// every instance shares, lets one instance take it, and none after it is done.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../app/context.ts';
import { dispatchOutbox } from '../app/outbox.ts';
import { parseJobCron } from '../core/cron.ts';
import type { JobRun, RetentionStore } from '../core/ports.ts';
import { intrapreneurCalendars, type JobSlot, latestSlot } from '../core/schedule.ts';
import { type DailyJob, dailyJobTable, type Job, jobTable } from './jobs.ts';

/** A missed run older than this is not caught up: its moment has passed. */
const CATCH_UP_DAYS = 6;
const OUTBOX_EVERY_MS = 30_000;
/** A run that failed is tried again by the periodic catch-up, but not before this delay. */
const RETRY_FAILED_MS = 5 * 60_000;
/** When each failed run may be tried again, by `job:week`, for this process. */
const failedRuns = new WeakMap<AppContext, Map<string, number>>();
/**
 * Early runs done by this process (a prompt or reminder that some people's holidays moved earlier), by
 * `job:week@instant`. They are not recorded in storage, which holds the week's complete run: a restart runs one again,
 * and that sends nothing twice, the messages being keyed per person and week.
 */
const earlyRuns = new WeakMap<AppContext, Set<string>>();

/**
 * A reminder or an evaluation concerns a week whose prompt went out before its own time. When the bot was down over
 * several runs of a week, the late prompt goes out alone: reminding or closing the week in the same minute would
 * leave nobody the time to answer.
 */
function promptedInTime(runs: JobRun[], slot: JobSlot): boolean {
  if (slot.job === 'prompt') return true;
  const prompt = runs.find((r) => r.job === 'prompt' && r.week === slot.week);
  return prompt !== undefined && prompt.at.getTime() <= slot.at.getTime();
}

export interface Scheduler {
  readonly running: boolean;
  stop(): Promise<void>;
}

/**
 * How long a run is held by the instance that took it without word from it: renewed every third of it while the run
 * goes on, so that only an instance that died (or lost the database for that long) lets it lapse, and another takes
 * the run over.
 */
export const JOB_LEASE_MS = 5 * 60_000;

/**
 * Runs a scheduled slot once in all, whatever the number of instances firing it: the run is taken in the ledger before
 * it starts (the first instance to write it wins), held under a lease renewed while it runs, and recorded done once
 * over. A run cut short (a stop, a failure, a crash) is not recorded done: it is handed back (at once after a stop,
 * after `RETRY_FAILED_MS` after a failure, after the lease after a crash) and run again, by this instance or another;
 * the use cases are idempotent (each message once by its key, each alert once), so running again finishes what the
 * first run left and repeats nothing.
 */
async function runSlot(
  ctx: AppContext,
  job: Job,
  slot: JobSlot,
  reason: 'schedule' | 'catch-up',
): Promise<void> {
  const runs = await ctx.store.listJobRuns();
  if (runs.some((r) => r.job === job.name && r.week === slot.week && r.finishedAt)) return;
  if (!promptedInTime(runs, slot)) {
    ctx.logger.debug({ job: job.name, week: slot.week }, 'scheduler: prompt went out late, run skipped');
    return;
  }
  const failures = failedRuns.get(ctx) ?? new Map<string, number>();
  failedRuns.set(ctx, failures);
  const early = earlyRuns.get(ctx) ?? new Set<string>();
  earlyRuns.set(ctx, early);
  const id = slot.complete ? `${job.name}:${slot.week}` : `${job.name}:${slot.week}@${slot.at.toISOString()}`;
  if (early.has(id)) return;
  const now = () => ctx.clock.now().getTime();
  if ((failures.get(id) ?? 0) > now()) return;
  if (!slot.complete) {
    // An early run reaches only those whose day it is; it is not taken in the ledger, which holds the week's run.
    ctx.logger.info({ job: job.name, week: slot.week, reason, complete: false }, 'scheduler: running job');
    try {
      await job.run(ctx, slot.week, { dueBy: slot.at });
      if (!ctx.signal?.aborted) early.add(id);
    } catch (error) {
      failures.set(id, now() + RETRY_FAILED_MS);
      ctx.logger.error(
        { job: job.name, week: slot.week, err: error },
        'scheduler: job failed, will try again',
      );
    }
    return;
  }
  const until = (ms: number) => new Date(now() + ms);
  if (!(await ctx.store.claimJobRun(job.name, slot.week, ctx.clock.now(), until(JOB_LEASE_MS)))) {
    ctx.logger.debug({ job: job.name, week: slot.week }, 'scheduler: run taken by another instance');
    return;
  }
  ctx.logger.info({ job: job.name, week: slot.week, reason, complete: true }, 'scheduler: running job');
  const renewal = setInterval(() => {
    ctx.store.holdJobRun(job.name, slot.week, until(JOB_LEASE_MS)).catch((error: unknown) => {
      ctx.logger.warn({ job: job.name, week: slot.week, err: error }, 'scheduler: could not renew the run');
    });
  }, JOB_LEASE_MS / 3);
  renewal.unref();
  try {
    await job.run(ctx, slot.week, {});
    // A run cut short by a shutdown handed its unsent messages back to the outbox; handed back in turn, it is run
    // again at once by another instance, or at the next start.
    if (ctx.signal?.aborted) {
      clearInterval(renewal);
      await ctx.store.holdJobRun(job.name, slot.week, ctx.clock.now());
      ctx.logger.info({ job: job.name, week: slot.week }, 'scheduler: job interrupted, handed back');
      return;
    }
    clearInterval(renewal);
    await ctx.store.finishJobRun(job.name, slot.week, ctx.clock.now());
  } catch (error) {
    clearInterval(renewal);
    failures.set(id, now() + RETRY_FAILED_MS);
    // Not before then, by any instance: the failure is likely to be met again at once.
    await ctx.store.holdJobRun(job.name, slot.week, until(RETRY_FAILED_MS)).catch(() => {});
    ctx.logger.error({ job: job.name, week: slot.week, err: error }, 'scheduler: job failed, will try again');
  }
}

/** The runs due now or missed recently, in the order of the week (prompt, reminder, evaluation). */
export async function catchUp(ctx: AppContext, jobs: Job[] = jobTable(ctx)): Promise<void> {
  const now = ctx.clock.now();
  for (const job of jobs.filter((j) => j.enabled)) {
    if (ctx.signal?.aborted) return;
    const slot = latestSlot(ctx.programme, job.name, now);
    if (slot && now.getTime() - slot.at.getTime() <= CATCH_UP_DAYS * 86_400_000) {
      await runSlot(ctx, job, slot, 'catch-up');
    }
  }
}

async function runDaily(ctx: AppContext, job: DailyJob): Promise<void> {
  try {
    await job.run(ctx);
  } catch (error) {
    ctx.logger.error({ job: job.name, err: error }, 'scheduler: job failed');
  }
}

/** `retention` enables the daily housekeeping job (the retention purge). */
export async function startScheduler(
  ctx: AppContext,
  options: { retention?: RetentionStore } = {},
): Promise<Scheduler> {
  const jobs = jobTable(ctx);
  const housekeeping = dailyJobTable(ctx, options.retention);
  for (const job of [...jobs, ...housekeeping]) {
    ctx.logger.info(
      { job: job.name, cron: job.cron, timezone: job.timezone, enabled: job.enabled },
      'scheduler: job table',
    );
  }
  const tasks: ScheduledTask[] = [];
  let running = true;
  let busy: Promise<void> = Promise.resolve();
  // One job at a time, in order: a catch-up and a cron tick never run side by side. Once stopping, queued work is
  // dropped: what it would have sent stays in the outbox for the next start.
  const serial = (work: () => Promise<void>) => {
    const guarded = () => (running && !ctx.signal?.aborted ? work() : Promise.resolve());
    busy = busy.then(guarded, guarded);
    return busy;
  };

  for (const job of jobs.filter((j) => j.enabled)) {
    const parsed = parseJobCron(job.cron);
    if (!parsed) continue;
    const daily = `${parsed.minute} ${parsed.hour} * * *`;
    // A prompt or a reminder also ticks at its hour in each intrapreneur's own time zone (`people[].timezone`).
    const zones =
      job.name === 'evaluate'
        ? [job.timezone]
        : [...new Set([job.timezone, ...intrapreneurCalendars(ctx.programme).map((c) => c.timezone)])];
    for (const timezone of zones) {
      const task = cron.schedule(
        daily,
        () =>
          serial(async () => {
            const slot = latestSlot(ctx.programme, job.name, ctx.clock.now());
            if (slot && ctx.clock.now().getTime() - slot.at.getTime() < 3_600_000) {
              await runSlot(ctx, job, slot, 'schedule');
            }
          }),
        { timezone, name: `coaching-bot:${ctx.programme.key}:${job.name}:${timezone}` },
      );
      tasks.push(task);
    }
  }
  for (const job of housekeeping.filter((j) => j.enabled)) {
    tasks.push(
      cron.schedule(job.cron, () => serial(() => runDaily(ctx, job)), {
        timezone: job.timezone,
        name: `coaching-bot:${job.name}`,
      }),
    );
  }
  // The safety net: a run that failed, or a tick missed by a busy process, is caught up within half a minute.
  const retries = setInterval(() => {
    void serial(async () => {
      await catchUp(ctx, jobs);
      await dispatchOutbox(ctx, { label: 'retries' });
    });
  }, OUTBOX_EVERY_MS);
  retries.unref();

  await serial(() => catchUp(ctx, jobs));
  for (const job of housekeeping.filter((j) => j.enabled)) await serial(() => runDaily(ctx, job));
  // Messages left by a previous process (stopped mid-fan-out, or a CLI verb) go now rather than at the first retry.
  await serial(async () => {
    await dispatchOutbox(ctx, { label: 'start' });
  });
  return {
    get running() {
      return running;
    },
    async stop() {
      running = false;
      clearInterval(retries);
      for (const task of tasks) await task.stop();
      await busy;
    },
  };
}

/**
 * Every programme's job table, each at its own local times (a programme in `Indian/Reunion` prompts at 14:00 in
 * Réunion): one scheduler per programme, started in order, stopped together.
 */
export async function startSchedulers(
  programmes: readonly { ctx: AppContext; retention?: RetentionStore }[],
): Promise<Scheduler> {
  const started: Scheduler[] = [];
  try {
    for (const { ctx, retention } of programmes) {
      started.push(await startScheduler(ctx, retention ? { retention } : {}));
    }
  } catch (error) {
    for (const scheduler of started) await scheduler.stop();
    throw error;
  }
  return {
    get running() {
      return started.every((s) => s.running);
    },
    async stop() {
      for (const scheduler of started) await scheduler.stop();
    },
  };
}
