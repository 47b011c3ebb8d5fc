// Monday: one reminder to those who were asked and have not said how many days they were released.
import type { WeekId } from '../core/week.ts';
import { assertWeekDue } from '../core/week-due.ts';
import { breakOf, isInCheckinWindow } from '../core/window.ts';
import type { AppContext } from './context.ts';
import { programmeNamed } from './memberships.ts';
import { dispatchOutbox } from './outbox.ts';
import { dueRoles, type FanOutOptions, type FanOutResult } from './prompts.ts';

export async function sendReminders(
  ctx: AppContext,
  week: WeekId,
  options: FanOutOptions = {},
): Promise<FanOutResult> {
  if (!isInCheckinWindow(ctx.programme, week)) return { status: 'outside_window', week };
  if (breakOf(ctx.programme, week)) return { status: 'break', week };
  // Too early, the run would take the week's keys and the real one would send nothing.
  assertWeekDue('reminder', week, ctx.programme.timezone, ctx.clock.now());
  const now = ctx.clock.now();
  const asked = new Set(
    (await ctx.store.listOutbox({ week, kind: 'prompt', status: 'sent' })).map((e) => e.recipient),
  );
  const answered = new Set(
    (await ctx.store.listAnswers({ from: week, to: week }))
      .filter((a) => a.release !== undefined)
      .map((a) => a.intrapreneur),
  );
  const items = dueRoles(ctx, 'reminder', week, options)
    .filter((role) => asked.has(role.person) && !answered.has(role.person))
    .map((role) => ({
      key: `reminder:${role.person}:${week}`,
      kind: 'reminder' as const,
      week,
      recipient: role.person,
      message: {
        kind: 'reminder' as const,
        week,
        intrapreneur: role.person,
        ...programmeNamed(ctx, role.person),
      },
      dueAt: now,
    }));
  const enqueued = await ctx.store.enqueue(items);
  ctx.logger.info({ job: 'reminder', week, total: items.length, enqueued }, 'reminders: fan-out');
  const result = await dispatchOutbox(ctx, { label: `reminder ${week}`, total: items.length });
  return { status: 'done', week, enqueued, total: items.length, keys: items.map((i) => i.key), ...result };
}
