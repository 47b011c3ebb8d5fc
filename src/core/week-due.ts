// When a week's job may run: its prompt once the week has begun, its reminder and its evaluation once it is over.
// Run earlier, the job would take the week's keys and the real run, when the week comes, would send nothing; an
// evaluation would count as missing every answer not given yet. Every entry point (scheduler, CLI, sandbox) meets
// this rule in the use cases.
import { AppError } from './errors.ts';
import type { JobName } from './programme.ts';
import { addWeeks, compareWeeks, type WeekId, weekOfInstant } from './week.ts';

/** The latest week `job` may run for at `now`: the current week for a prompt, the previous one otherwise. */
export function latestWeekFor(job: JobName, timezone: string, now: Date): WeekId {
  const current = weekOfInstant(now, timezone);
  return job === 'prompt' ? current : addWeeks(current, -1);
}

/** Throws `week_not_started` (a prompt) or `week_not_over` (a reminder, an evaluation) for a week too early. */
export function assertWeekDue(job: JobName, week: WeekId, timezone: string, now: Date): void {
  const latest = latestWeekFor(job, timezone, now);
  if (compareWeeks(week, latest) <= 0) return;
  throw new AppError(job === 'prompt' ? 'week_not_started' : 'week_not_over', { week, latest, job });
}
