// The weekly jobs run by hand (`prompt`, `remind`, `evaluate`): for `--week` or the latest week each programme may run
// it for, one line saying what was done, then the wait for the run's messages (`--wait`) and those not delivered.
import type { AppContext } from '../app/context.ts';
import { awaitDelivery, type DeliveryState, deliveryOf, type RunMessages } from '../app/delivery.ts';
import { evaluateWeek } from '../app/evaluation.ts';
import { type FanOutResult, sendPrompts } from '../app/prompts.ts';
import { sendReminders } from '../app/reminders.ts';
import { AppError } from '../core/errors.ts';
import type { JobName, Programme } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';
import { assertWeekDue, latestWeekFor } from '../core/week-due.ts';
import { messages } from '../i18n/index.ts';
import { errorText } from '../render/error-text.ts';
import { systemClock } from '../runtime.ts';
import { DEFAULT_WAIT_MS, parseDuration, undeliveredLines } from './delivery-report.ts';
import { selectedProgrammes } from './programme-option.ts';
import { eachProgramme, weekOption, withRuntime } from './runtime-verb.ts';
import { UsageError, type Verb, type VerbInput } from './types.ts';

type CliText = ReturnType<typeof messages>['cli'];

/** What a weekly job did, in one line, and the messages of the run to follow, if it sent any. */
interface WeeklyRun {
  line: (delivered: DeliveryState) => string;
  messages?: RunMessages;
}

/** `--wait` in milliseconds (5 minutes unless told), 0 for `--no-wait`. */
function waitOption(options: VerbInput['options'], t: CliText): number {
  if (options['no-wait'] && options.wait !== undefined) throw new UsageError(t.waitConflict);
  if (options['no-wait']) return 0;
  if (options.wait === undefined) return DEFAULT_WAIT_MS;
  const ms = parseDuration(options.wait);
  if (ms === undefined) throw new UsageError(t.badWait(options.wait));
  return ms;
}

/** A week rule of the use cases, told the way the CLI tells a usage mistake. */
function asUsage(error: unknown, programme: Programme): unknown {
  return error instanceof AppError && ['week_not_started', 'week_not_over'].includes(error.code)
    ? new UsageError(errorText(programme, error, programme.locale))
    : error;
}

/**
 * A verb that runs a weekly job for `--week` (or the latest week it may run for), prints one line saying what it did,
 * then waits for the run's messages (see `--wait`) and says which were not delivered.
 */
function weeklyVerb(
  job: JobName,
  run: (ctx: AppContext, week: WeekId, t: CliText) => Promise<WeeklyRun>,
): Verb {
  return async (input) => {
    const programmes = selectedProgrammes(input);
    const first = programmes[0] as Programme;
    const t = messages(first.locale).cli;
    const chosen = weekOption(input.options.week, first.locale);
    const waitMs = waitOption(input.options, t);
    const clock = input.clock ?? systemClock;
    // Each programme's latest week is its own, in its own time zone.
    const targets = new Map<string, WeekId>();
    for (const programme of programmes) {
      const target = chosen ?? latestWeekFor(job, programme.timezone, clock.now());
      // The use case holds this rule; checked here too so that a week too early leaves even the database untouched.
      try {
        assertWeekDue(job, target, programme.timezone, clock.now());
      } catch (error) {
        throw asUsage(error, programme);
      }
      targets.set(programme.key, target);
    }
    return withRuntime(
      input,
      programmes,
      (registry) =>
        eachProgramme(input, registry, (ctx) =>
          weeklyRun(input, ctx, targets.get(ctx.programme.key) as WeekId, waitMs, job, run),
        ),
      { chat: true },
    );
  };
}

async function weeklyRun(
  input: VerbInput,
  ctx: AppContext,
  target: WeekId,
  waitMs: number,
  job: JobName,
  run: (ctx: AppContext, week: WeekId, t: CliText) => Promise<WeeklyRun>,
): Promise<number> {
  const { programme } = ctx;
  const t = messages(programme.locale).cli;
  const clock = ctx.clock;
  const done = await run(ctx, target, t).catch((error: unknown) => {
    throw asUsage(error, programme);
  });
  if (!done.messages) {
    input.output.out(done.line({ total: 0, sent: 0, failed: [], pending: [] }));
    return 0;
  }
  const label = `${job} ${target}`;
  const state =
    waitMs > 0
      ? await awaitDelivery(
          ctx,
          { ...done.messages, label },
          { until: new Date(clock.now().getTime() + waitMs) },
        )
      : await deliveryOf(ctx, done.messages);
  input.output.out(done.line(state));
  const missing = state.failed.length + state.pending.length;
  if (waitMs === 0) {
    if (state.pending.length > 0) input.output.out(t.delivery.handOver(state.pending.length));
    return 0;
  }
  if (missing === 0) return 0;
  input.output.err(
    [
      t.delivery.notDelivered(missing, state.total),
      ...undeliveredLines(programme, state, programme.locale),
      ...(state.pending.length > 0 ? [t.delivery.retryLater] : []),
    ].join('\n'),
  );
  return 1;
}

function fanOutRun(label: string, job: (ctx: AppContext, week: WeekId) => Promise<FanOutResult>) {
  return async (ctx: AppContext, target: WeekId, t: CliText): Promise<WeeklyRun> => {
    const result = await job(ctx, target);
    if (result.status === 'break') return { line: () => t.fanOut.break(target) };
    if (result.status === 'outside_window') return { line: () => t.fanOut.outsideWindow(target) };
    return {
      line: (d) => t.fanOut.done(label, target, d.sent, d.total, d.pending.length, d.failed.length),
      messages: { week: target, keys: result.keys },
    };
  };
}

async function evaluationRun(ctx: AppContext, target: WeekId, t: CliText): Promise<WeeklyRun> {
  const result = await evaluateWeek(ctx, target);
  if (result.status === 'exempt') return { line: () => t.fanOut.exempt(target) };
  if (result.status === 'not_asked') return { line: () => t.fanOut.notAsked(target) };
  return {
    line: (d) =>
      t.fanOut.evaluated(target, result.alerts, d.sent, d.total, d.pending.length, d.failed.length),
    messages: { week: target, keys: result.keys },
  };
}

export const weeklyVerbs: Record<'prompt' | 'remind' | 'evaluate', Verb> = {
  prompt: weeklyVerb('prompt', fanOutRun('prompt', sendPrompts)),
  remind: weeklyVerb('reminder', fanOutRun('remind', sendReminders)),
  evaluate: weeklyVerb('evaluate', evaluationRun),
};
