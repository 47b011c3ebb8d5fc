// One function per verb. Input is checked before anything is opened, so a bad file or a bad week writes nothing.
import { existsSync } from 'node:fs';
import type { AppContext } from '../app/context.ts';
import { evaluateWeek } from '../app/evaluation.ts';
import { type FanOutResult, sendPrompts } from '../app/prompts.ts';
import { sendReminders } from '../app/reminders.ts';
import { complianceReport, defaultRange } from '../app/report.ts';
import { formatReport, type ReportFormat } from '../app/report-format.ts';
import { programmeStatus } from '../app/status.ts';
import { statusText } from '../app/status-text.ts';
import type { Env } from '../config/env.ts';
import { loadProgrammeFile } from '../config/programme-file.ts';
import { intrapreneurRoles, type Locale } from '../core/programme.ts';
import { addWeeks, compareWeeks, parseWeek, type WeekId, weekOfInstant } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatforms } from '../platforms/index.ts';
import { chatFor } from '../platforms/routing-chat.ts';
import { loadProgramme, openRuntime, ProgrammeFileError, type Runtime, systemClock } from '../runtime.ts';
import { closeDatabase, migrate, openDatabase } from '../storage/database.ts';
import { dataVerbs } from './data-verbs.ts';
import { serve } from './serve.ts';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Asks a question and returns the answer; absent when nobody is at a terminal to answer. */
  ask?(question: string): Promise<string>;
}

export class UsageError extends Error {}

export interface VerbInput {
  options: {
    week?: string;
    from?: string;
    to?: string;
    format?: string;
    person?: string;
    yes?: boolean;
    output?: string;
  };
  positionals: string[];
  env: Env;
  output: Output;
  setLocale(locale: Locale): void;
}

export type Verb = (input: VerbInput) => Promise<number>;

function week(value: string | undefined, locale: Locale): WeekId | undefined {
  if (value === undefined) return undefined;
  const parsed = parseWeek(value);
  if (!parsed) throw new UsageError(messages(locale).cli.badWeek(value));
  return parsed;
}

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
    runtime = await openRuntime(input.env, { logger, programme });
    if (options.chat) {
      const chat = chatFor(await createPlatforms(runtime.ctx, input.env), runtime.ctx.logger);
      // Until a platform is configured nothing can be sent: say how to configure one.
      if (!chat) {
        input.output.err(messages(programme.locale).cli.noPlatform);
        return 1;
      }
      runtime.ctx.chat = chat;
    }
    return await work(runtime.ctx);
  } finally {
    runtime?.close();
  }
}

type CliText = ReturnType<typeof messages>['cli'];

/** A verb that runs a weekly job for `--week` (or its default week) and prints one line saying what it did. */
function weeklyVerb(
  defaultWeek: (current: WeekId) => WeekId,
  run: (ctx: AppContext, week: WeekId, t: CliText) => Promise<string>,
): Verb {
  return async (input) => {
    const programme = loadProgramme(input.env.programmeFile);
    input.setLocale(programme.locale);
    const chosen = week(input.options.week, programme.locale);
    // A week's prompt cannot go out before the week, nor its reminder or evaluation before it is over: its keys
    // would be taken and the real run, when the week comes, would send nothing.
    const latest = defaultWeek(weekOfInstant(systemClock.now(), programme.timezone));
    if (chosen && compareWeeks(chosen, latest) > 0) {
      throw new UsageError(messages(programme.locale).cli.weekNotYet(chosen, latest));
    }
    return withRuntime(
      input,
      async (ctx) => {
        const target = chosen ?? defaultWeek(weekOfInstant(systemClock.now(), programme.timezone));
        input.output.out(await run(ctx, target, messages(programme.locale).cli));
        return 0;
      },
      { chat: true },
    );
  };
}

function fanOutLine(label: string, job: (ctx: AppContext, week: WeekId) => Promise<FanOutResult>) {
  return async (ctx: AppContext, target: WeekId, t: CliText): Promise<string> => {
    const result = await job(ctx, target);
    if (result.status === 'break') return t.fanOut.break(target);
    if (result.status === 'outside_window') return t.fanOut.outsideWindow(target);
    const sent = result.sent + result.recovered;
    return t.fanOut.done(label, target, sent, result.total, result.retried, result.failed);
  };
}

async function evaluationLine(ctx: AppContext, target: WeekId, t: CliText): Promise<string> {
  const result = await evaluateWeek(ctx, target);
  if (result.status === 'exempt') return t.fanOut.exempt(target);
  if (result.status === 'not_asked') return t.fanOut.notAsked(target);
  return t.fanOut.evaluated(target, result.alerts, result.messages);
}

const previousWeek = (current: WeekId) => addWeeks(current, -1);

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
    const database = openDatabase(input.env.databaseUrl);
    try {
      migrate(database);
      input.output.out(messages('fr').cli.migrated(database.path));
    } finally {
      closeDatabase(database);
    }
    return 0;
  },

  prompt: weeklyVerb((current) => current, fanOutLine('prompt', sendPrompts)),
  remind: weeklyVerb(previousWeek, fanOutLine('remind', sendReminders)),
  evaluate: weeklyVerb(previousWeek, evaluationLine),

  async report(input) {
    const programme = loadProgramme(input.env.programmeFile);
    const locale = programme.locale;
    input.setLocale(locale);
    const from = week(input.options.from, locale);
    const to = week(input.options.to, locale);
    const format = (input.options.format ?? 'table') as ReportFormat;
    if (!['table', 'csv', 'json'].includes(format))
      throw new UsageError(messages(locale).cli.badFormat(format));
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
      input.output.out(formatReport(report, format, locale));
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

  ...dataVerbs,
};
