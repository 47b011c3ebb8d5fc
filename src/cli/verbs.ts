// One function per verb. Input is checked before anything is opened, so a bad file or a bad week writes nothing.
import { existsSync, writeFileSync } from 'node:fs';
import type { AppContext } from '../app/context.ts';
import { awaitDelivery, type DeliveryState, deliveryOf, type RunMessages } from '../app/delivery.ts';
import { evaluateWeek } from '../app/evaluation.ts';
import { type FanOutResult, sendPrompts } from '../app/prompts.ts';
import { sendReminders } from '../app/reminders.ts';
import { complianceReport, defaultRange } from '../app/report.ts';
import { programmeStatus } from '../app/status.ts';
import { loadProgrammeFile } from '../config/programme-file.ts';
import { AppError } from '../core/errors.ts';
import { intrapreneurRoles, type JobName, type Locale, type Programme } from '../core/programme.ts';
import { compareWeeks, parseWeek, type WeekId } from '../core/week.ts';
import { assertWeekDue, latestWeekFor } from '../core/week-due.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatforms } from '../platforms/index.ts';
import { errorText } from '../render/error-text.ts';
import { formatReport, type ReportFormat } from '../render/report-format.ts';
import { reportXlsx } from '../render/report-xlsx.ts';
import { statusText } from '../render/status-text.ts';
import { loadProgramme, openRuntime, ProgrammeFileError, type Runtime, systemClock } from '../runtime.ts';
import { connectDatabase } from '../storage/storage.ts';
import { dataVerbs } from './data-verbs.ts';
import { DEFAULT_WAIT_MS, parseDuration, undeliveredLines } from './delivery-report.ts';
import { packVerb } from './pack.ts';
import { serve } from './serve.ts';
import { UsageError, type Verb, type VerbInput } from './types.ts';

const REPORT_FORMATS: readonly string[] = ['table', 'csv', 'json', 'xlsx'];

function week(value: string | undefined, locale: Locale): WeekId | undefined {
  if (value === undefined) return undefined;
  const parsed = parseWeek(value);
  if (!parsed) throw new UsageError(messages(locale).cli.badWeek(value));
  return parsed;
}

/** Opens the runtime for a verb: with the configured platforms when it sends (`chat`), and none otherwise. */
async function withRuntime(
  input: VerbInput,
  work: (ctx: AppContext) => Promise<number>,
  options: { chat?: boolean } = {},
): Promise<number> {
  const programme = loadProgramme(input.env.programmeFile);
  input.setLocale(programme.locale);
  const logger = createLogger(input.env.logLevel);
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(input.env, {
      logger,
      programme,
      ...(options.chat ? { platforms: createPlatforms } : {}),
      ...(input.clock ? { clock: input.clock } : {}),
    });
    // Until a platform is configured nothing can be sent: say how to configure one.
    if (options.chat && !runtime.ctx.chat) {
      input.output.err(messages(programme.locale).cli.noPlatform);
      return 1;
    }
    return await work(runtime.ctx);
  } finally {
    await runtime?.close();
  }
}

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
    const programme = loadProgramme(input.env.programmeFile);
    input.setLocale(programme.locale);
    const t = messages(programme.locale).cli;
    const chosen = week(input.options.week, programme.locale);
    const waitMs = waitOption(input.options, t);
    const clock = input.clock ?? systemClock;
    const target = chosen ?? latestWeekFor(job, programme.timezone, clock.now());
    // The use case holds this rule; checked here too so that a week too early leaves even the database untouched.
    try {
      assertWeekDue(job, target, programme.timezone, clock.now());
    } catch (error) {
      throw asUsage(error, programme);
    }
    return withRuntime(
      input,
      async (ctx) => {
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
      },
      { chat: true },
    );
  };
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

export const verbs: Record<string, Verb> = {
  async check(input) {
    const file = input.positionals[0] ?? input.env.programmeFile;
    const load = loadProgrammeFile(file);
    if (!load.ok) throw new ProgrammeFileError(file, load.problems, load.locale);
    const p = load.programme;
    input.setLocale(p.locale);
    input.output.out(
      messages(p.locale).cli.valid(
        file,
        p.name,
        p.projects.length,
        intrapreneurRoles(p).length,
        p.phases.length,
      ),
    );
    return 0;
  },

  async migrate(input) {
    const database = await connectDatabase(input.env.databaseUrl);
    try {
      await database.migrate();
      input.output.out(messages('fr').cli.migrated(database.where));
    } finally {
      await database.close();
    }
    return 0;
  },

  prompt: weeklyVerb('prompt', fanOutRun('prompt', sendPrompts)),
  remind: weeklyVerb('reminder', fanOutRun('remind', sendReminders)),
  evaluate: weeklyVerb('evaluate', evaluationRun),

  async report(input) {
    const programme = loadProgramme(input.env.programmeFile);
    const locale = programme.locale;
    input.setLocale(locale);
    const from = week(input.options.from, locale);
    const to = week(input.options.to, locale);
    const format = input.options.format ?? 'table';
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(messages(locale).cli.badFormat(format));
    const file = input.options.output;
    // A workbook is bytes, not text for a terminal.
    if (format === 'xlsx' && !file) throw new UsageError(messages(locale).cli.xlsxNeedsOutput);
    if (from && to && compareWeeks(from, to) > 0)
      throw new UsageError(messages(locale).cli.badRange(from, to));
    return withRuntime(input, async (ctx) => {
      const defaults = defaultRange(ctx);
      const range = { from: from ?? defaults.from, to: to ?? defaults.to };
      // Before the first check-in week there is nothing to report yet: say so rather than fail.
      if (compareWeeks(range.from, range.to) > 0) {
        input.output.err(messages(locale).cli.nothingToReport(range.from));
        return 0;
      }
      const report = await complianceReport(ctx, range);
      const content =
        format === 'xlsx'
          ? await reportXlsx(report, locale)
          : formatReport(report, format as ReportFormat, locale);
      if (!file) {
        input.output.out(content as string);
        return 0;
      }
      // Names and compliance of the whole cohort: readable by its owner only.
      writeFileSync(file, typeof content === 'string' ? `${content}\n` : content, { mode: 0o600 });
      input.output.out(messages(locale).cli.reportWritten(file, report.rows.length));
      return 0;
    });
  },

  async status(input) {
    return withRuntime(input, async (ctx) => {
      input.output.out(statusText(ctx.programme, await programmeStatus(ctx), ctx.programme.locale));
      return 0;
    });
  },

  async start(input) {
    if (!existsSync(input.env.programmeFile))
      throw new UsageError(messages('fr').cli.programmeNotFound(input.env.programmeFile));
    return serve(input);
  },

  pack: packVerb,

  ...dataVerbs,
};
