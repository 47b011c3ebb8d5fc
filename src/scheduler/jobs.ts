// The schedule as a table: one row per weekly job, with its cron, its time zone and the use case it runs.
import type { AppContext } from '../app/context.ts';
import { evaluateWeek } from '../app/evaluation.ts';
import { type FanOutOptions, sendPrompts } from '../app/prompts.ts';
import { sendReminders } from '../app/reminders.ts';
import { purgeExpiredWords } from '../app/retention.ts';
import type { RetentionStore } from '../core/ports.ts';
import type { JobName } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';

export interface Job {
  name: JobName;
  cron: string;
  timezone: string;
  enabled: boolean;
  /** `options.dueBy` narrows a prompt or reminder run to the people due by then (a run that is not complete). */
  run(ctx: AppContext, week: WeekId, options?: FanOutOptions): Promise<unknown>;
}

export function jobTable(ctx: AppContext): Job[] {
  const { schedule, timezone } = ctx.programme;
  const enabled = ctx.chat !== undefined;
  return [
    { name: 'prompt', cron: schedule.prompt, timezone, enabled, run: sendPrompts },
    { name: 'reminder', cron: schedule.reminder, timezone, enabled, run: sendReminders },
    { name: 'evaluate', cron: schedule.evaluate, timezone, enabled, run: evaluateWeek },
  ];
}

/** Housekeeping that runs every day whatever the week, and once at start; each run is idempotent. */
export interface DailyJob {
  name: 'purge';
  cron: string;
  timezone: string;
  enabled: boolean;
  run(ctx: AppContext): Promise<unknown>;
}

/** At night, when nobody answers: clears comments and coaching notes past `retention_months` (storage needed). */
export function dailyJobTable(ctx: AppContext, retention?: RetentionStore): DailyJob[] {
  return [
    {
      name: 'purge',
      cron: '30 3 * * *',
      timezone: ctx.programme.timezone,
      enabled: retention !== undefined,
      run: async (c) => {
        if (retention) await purgeExpiredWords(c, retention);
      },
    },
  ];
}
