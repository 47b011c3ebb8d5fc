// Friday: the check-in prompt to every active intrapreneur, once per (intrapreneur, week).
import { followedRoles, type IntrapreneurRole } from '../core/programme.ts';
import { isDueFor } from '../core/schedule.ts';
import { type WeekId, weekStart } from '../core/week.ts';
import { assertWeekDue } from '../core/week-due.ts';
import { breakOf, isInCheckinWindow } from '../core/window.ts';
import type { AppContext } from './context.ts';
import { programmeNamed } from './memberships.ts';
import { type DispatchResult, dispatchOutbox } from './outbox.ts';

export interface FanOutDone extends DispatchResult {
  status: 'done';
  week: WeekId;
  enqueued: number;
  total: number;
  /** The keys of the run's messages (new or already there), to follow their delivery. */
  keys: string[];
}

export type FanOutResult =
  | FanOutDone
  | { status: 'outside_window'; week: WeekId }
  | { status: 'break'; week: WeekId };

export function promptKey(intrapreneur: string, week: WeekId): string {
  return `prompt:${intrapreneur}:${week}`;
}

export interface FanOutOptions {
  /**
   * Only the people whose own run is due by then (a run that a holiday of theirs moved earlier than the others'):
   * the scheduler's early runs. Without it, everyone followed that week.
   */
  dueBy?: Date;
}

/** The roles a prompt or reminder run reaches: everyone, or those whose own day has come. */
export function dueRoles(
  ctx: AppContext,
  job: 'prompt' | 'reminder',
  week: WeekId,
  options: FanOutOptions,
): IntrapreneurRole[] {
  const roles = followedRoles(ctx.programme, weekStart(week));
  const { dueBy } = options;
  if (dueBy === undefined) return roles;
  return roles.filter((role) => isDueFor(ctx.programme, job, week, role.person, dueBy));
}

export async function sendPrompts(
  ctx: AppContext,
  week: WeekId,
  options: FanOutOptions = {},
): Promise<FanOutResult> {
  if (!isInCheckinWindow(ctx.programme, week)) return { status: 'outside_window', week };
  if (breakOf(ctx.programme, week)) return { status: 'break', week };
  // Too early, the run would take the week's keys and the real one would send nothing.
  assertWeekDue('prompt', week, ctx.programme.timezone, ctx.clock.now());
  const now = ctx.clock.now();
  const roles = dueRoles(ctx, 'prompt', week, options);
  // One read for the week's answers: a prompt sent again shows what is already recorded.
  const answers = new Map(
    (await ctx.store.listAnswers({ from: week, to: week })).map((a) => [a.intrapreneur, a]),
  );
  const items = roles.map((role) => {
    const answer = answers.get(role.person);
    return {
      key: promptKey(role.person, week),
      kind: 'prompt' as const,
      week,
      recipient: role.person,
      message: {
        kind: 'prompt' as const,
        week,
        intrapreneur: role.person,
        ...(answer ? { answer } : {}),
        ...programmeNamed(ctx, role.person),
      },
      dueAt: now,
    };
  });
  const enqueued = await ctx.store.enqueue(items);
  const total = items.length;
  ctx.logger.info({ job: 'prompt', week, total, enqueued }, 'prompts: fan-out');
  const result = await dispatchOutbox(ctx, { label: `prompt ${week}`, total });
  return { status: 'done', week, enqueued, total, keys: items.map((i) => i.key), ...result };
}
