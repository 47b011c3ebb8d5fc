// What the verbs that read or send share: a week given on the command line, and the runtime opened for the verb
// (with the platforms only when it sends), run for each programme in turn.
import type { AppContext } from '../app/context.ts';
import type { Programmes } from '../app/programmes.ts';
import type { Locale, Programme } from '../core/programme.ts';
import { parseWeek, type WeekId } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatforms } from '../platforms/index.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { programmeHeading } from './programme-option.ts';
import { UsageError, type VerbInput } from './types.ts';

/** `--week` and the like, checked: a usage mistake names the value. */
export function weekOption(value: string | undefined, locale: Locale): WeekId | undefined {
  if (value === undefined) return undefined;
  const parsed = parseWeek(value);
  if (!parsed) throw new UsageError(messages(locale).cli.badWeek(value));
  return parsed;
}

/** Opens the runtime for a verb: with the configured platforms when it sends (`chat`), and none otherwise. */
export async function withRuntime(
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
export async function eachProgramme(
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
