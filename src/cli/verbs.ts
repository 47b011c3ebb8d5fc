// One function per verb. Input is checked before anything is opened, so a bad file or a bad week writes nothing.
import { existsSync, writeFileSync } from 'node:fs';
import type { AppContext } from '../app/context.ts';
import { awaitDelivery, type DeliveryState, deliveryOf, type RunMessages } from '../app/delivery.ts';
import { evaluateWeek } from '../app/evaluation.ts';
import type { Programmes } from '../app/programmes.ts';
import { type FanOutResult, sendPrompts } from '../app/prompts.ts';
import { sendReminders } from '../app/reminders.ts';
import { type Report as ComplianceReport, complianceReport, defaultRange } from '../app/report.ts';
import { programmeStatus } from '../app/status.ts';
import { loadProgrammeSet, type ProgrammeSource } from '../config/programme-set.ts';
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
import { openRuntime, ProgrammeFileError, type Runtime, systemClock } from '../runtime.ts';
import { connectDatabase } from '../storage/storage.ts';
import { dataVerbs } from './data-verbs.ts';
import { DEFAULT_WAIT_MS, parseDuration, undeliveredLines } from './delivery-report.ts';
import { packVerb } from './pack.ts';
import { programmeHeading, selectedProgrammes } from './programme-option.ts';
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
  programmes: readonly Programme[],
  work: (programmes: Programmes) => Promise<number>,
  options: { chat?: boolean } = {},
): Promise<number> {
  const logger = createLogger(input.env.logLevel);
  const first = programmes[0] as Programme;
  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(input.env, {
      logger,
      programmes,
      ...(options.chat ? { platforms: createPlatforms } : {}),
      ...(input.clock ? { clock: input.clock } : {}),
    });
    // Until a platform is configured nothing can be sent: say how to configure one.
    if (options.chat && !runtime.ctx.chat) {
      input.output.err(messages(first.locale).cli.noPlatform);
      return 1;
    }
    return await work(runtime.programmes);
  } finally {
    await runtime?.close();
  }
}

/** Runs `work` for each programme in turn, each under its heading when there are several; the worst exit code. */
async function eachProgramme(
  input: VerbInput,
  programmes: Programmes,
  work: (ctx: AppContext) => Promise<number>,
): Promise<number> {
  let code = 0;
  for (const ctx of programmes.all) {
    if (programmes.several) input.output.out(programmeHeading(ctx.programme));
    code = Math.max(code, await work(ctx));
  }
  return code;
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
    const programmes = selectedProgrammes(input);
    const first = programmes[0] as Programme;
    const t = messages(first.locale).cli;
    const chosen = week(input.options.week, first.locale);
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

export const verbs: Record<string, Verb> = {
  async check(input) {
    const path = input.positionals[0] ?? input.env.programmeFile;
    const load = loadProgrammeSet(path);
    if (!load.ok) throw new ProgrammeFileError(load.files);
    input.setLocale((load.programmes[0] as ProgrammeSource).programme.locale);
    for (const { file, programme: p } of load.programmes) {
      const t = messages(p.locale);
      input.output.out(
        t.cli.valid(file, p.name, p.projects.length, intrapreneurRoles(p).length, p.phases.length),
      );
      if (p.keyFromName) input.output.err(`${file}: ${t.config.keyFromName(p.key)}`);
    }
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
    const programmes = selectedProgrammes(input);
    const locale = (programmes[0] as Programme).locale;
    const from = week(input.options.from, locale);
    const to = week(input.options.to, locale);
    const format = input.options.format ?? 'table';
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(messages(locale).cli.badFormat(format));
    const file = input.options.output;
    // A workbook is bytes, not text for a terminal.
    if (format === 'xlsx' && !file) throw new UsageError(messages(locale).cli.xlsxNeedsOutput);
    if (from && to && compareWeeks(from, to) > 0)
      throw new UsageError(messages(locale).cli.badRange(from, to));
    // A table, a CSV or a workbook holds one programme; JSON holds them all, each row saying whose it is.
    if (programmes.length > 1 && format !== 'json' && file) {
      throw new UsageError(
        messages(locale).cli.programmeNeeded(
          'report --output',
          programmes.map((p) => p.key),
        ),
      );
    }
    return withRuntime(input, programmes, async (registry) => {
      const reports: { programme: string; report: ComplianceReport }[] = [];
      for (const ctx of registry.all) {
        const defaults = defaultRange(ctx);
        const range = { from: from ?? defaults.from, to: to ?? defaults.to };
        // Before the first check-in week there is nothing to report yet: say so rather than fail.
        if (compareWeeks(range.from, range.to) > 0) {
          if (registry.several && format !== 'json') input.output.out(programmeHeading(ctx.programme));
          input.output.err(messages(ctx.programme.locale).cli.nothingToReport(range.from));
          continue;
        }
        const report = await complianceReport(ctx, range);
        if (registry.several && format === 'json') {
          reports.push({ programme: ctx.programme.key, report });
          continue;
        }
        if (registry.several) input.output.out(programmeHeading(ctx.programme));
        const content =
          format === 'xlsx'
            ? await reportXlsx(report, locale)
            : formatReport(report, format as ReportFormat, locale);
        if (!file) {
          input.output.out(content as string);
          continue;
        }
        // Names and compliance of the whole cohort: readable by its owner only.
        writeFileSync(file, typeof content === 'string' ? `${content}\n` : content, { mode: 0o600 });
        input.output.out(messages(locale).cli.reportWritten(file, report.rows.length));
      }
      if (registry.several && format === 'json') {
        const text = JSON.stringify(
          reports.map(({ programme, report }) => ({
            programme,
            ...report,
            rows: report.rows.map((row) => ({ programme, ...row })),
          })),
          null,
          2,
        );
        const rows = reports.reduce((n, r) => n + r.report.rows.length, 0);
        if (!file) input.output.out(text);
        else {
          writeFileSync(file, `${text}\n`, { mode: 0o600 });
          input.output.out(messages(locale).cli.reportWritten(file, rows));
        }
      }
      return 0;
    });
  },

  async status(input) {
    const programmes = selectedProgrammes(input);
    return withRuntime(input, programmes, (registry) =>
      eachProgramme(input, registry, async (ctx) => {
        input.output.out(statusText(ctx.programme, await programmeStatus(ctx), ctx.programme.locale));
        return 0;
      }),
    );
  },

  async start(input) {
    if (!existsSync(input.env.programmeFile))
      throw new UsageError(messages('fr').cli.programmeNotFound(input.env.programmeFile));
    return serve(input);
  },

  pack: packVerb,

  ...dataVerbs,
};
