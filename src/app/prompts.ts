// Friday: the check-in prompt to every active intrapreneur, once per (intrapreneur, week).
import { followedRoles } from '../core/programme.ts';
import { type WeekId, weekStart } from '../core/week.ts';
import { assertWeekDue } from '../core/week-due.ts';
import { breakOf, isInCheckinWindow } from '../core/window.ts';
import type { AppContext } from './context.ts';
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

export async function sendPrompts(ctx: AppContext, week: WeekId): Promise<FanOutResult> {
  if (!isInCheckinWindow(ctx.programme, week)) return { status: 'outside_window', week };
  if (breakOf(ctx.programme, week)) return { status: 'break', week };
  // Too early, the run would take the week's keys and the real one would send nothing.
  assertWeekDue('prompt', week, ctx.programme.timezone, ctx.clock.now());
  const now = ctx.clock.now();
  const roles = followedRoles(ctx.programme, weekStart(week));
  const items = await Promise.all(
    roles.map(async (role) => {
      const answer = await ctx.store.getAnswer(role.person, week);
      return {
        key: promptKey(role.person, week),
        kind: 'prompt' as const,
        week,
        recipient: role.person,
        message: { kind: 'prompt' as const, week, intrapreneur: role.person, ...(answer ? { answer } : {}) },
        dueAt: now,
      };
    }),
  );
  const enqueued = await ctx.store.enqueue(items);
  ctx.logger.info({ job: 'prompt', week, total: items.length, enqueued }, 'prompts: fan-out');
  const result = await dispatchOutbox(ctx, { label: `prompt ${week}`, total: items.length });
  return { status: 'done', week, enqueued, total: items.length, keys: items.map((i) => i.key), ...result };
}
