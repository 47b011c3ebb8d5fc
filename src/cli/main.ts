// The `coaching-bot` command (BRIEF §7). Exit codes: 0 done, 1 the user must fix something, 2 internal failure.
import { parseArgs } from 'node:util';
import { EnvError, readEnv } from '../config/env.ts';
import { formatProblem } from '../config/programme-file.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/ports.ts';
import type { Locale } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { PlatformError } from '../platforms/platform.ts';
import { ProgrammeFileError } from '../runtime.ts';
import { terminalAsk } from './data-verbs.ts';
import { type Output, UsageError, verbs } from './verbs.ts';

export const EXIT = { ok: 0, user: 1, internal: 2 } as const;

const ask = terminalAsk();
const stdio: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  ...(ask ? { ask } : {}),
};

/** `clock`: tests run the verbs at a time of their choosing. */
export async function main(
  argv: string[],
  output: Output = stdio,
  env = process.env,
  deps: { clock?: Clock } = {},
): Promise<number> {
  let locale: Locale = 'fr';
  const [verb, ...rest] = argv;
  const t = () => messages(locale).cli;
  try {
    if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
      output.out(t().help);
      return verb ? EXIT.ok : EXIT.user;
    }
    const run = verbs[verb];
    if (!run) {
      output.err(t().unknownVerb(verb));
      return EXIT.user;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        week: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        person: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        output: { type: 'string', short: 'o' },
        wait: { type: 'string' },
        'no-wait': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      output.out(t().verbHelp[verb] ?? t().help);
      return EXIT.ok;
    }
    return await run({
      options: values,
      positionals,
      env: readEnv(env),
      output,
      setLocale: (l) => (locale = l),
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  } catch (error) {
    return report(error, output, t());
  }
}

function report(error: unknown, output: Output, t: ReturnType<typeof messages>['cli']): number {
  if (error instanceof ProgrammeFileError) {
    for (const problem of error.problems) output.err(formatProblem(problem));
    output.err(messages(error.locale).cli.problems(error.file, error.problems.length));
    return EXIT.user;
  }
  if (error instanceof PlatformError) {
    // The platform said what to set or fix; the stack would only hide it.
    output.err(`${error.platform}: ${error.message}`);
    return EXIT.user;
  }
  if (error instanceof EnvError) {
    const line = (p: EnvError['problems'][number]) =>
      `  ${p.variable}: ${p.code === 'invalid' ? t.env.invalid(p.detail ?? '') : t.env[p.code]}`;
    output.err([t.envProblems, ...error.problems.map(line)].join('\n'));
    return EXIT.user;
  }
  if (error instanceof UsageError) {
    output.err(error.message);
    return EXIT.user;
  }
  if (error instanceof AppError) {
    const path = String(error.params.path ?? '');
    if (error.code === 'database_corrupt') output.err(t.databaseCorrupt(path));
    else if (error.code === 'database_newer') output.err(t.databaseNewer(path));
    else if (error.code === 'no_platform') output.err(t.noPlatform);
    else output.err(error.message);
    return EXIT.user;
  }
  if (String((error as { code?: string })?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
    output.err(t.badOption((error as Error).message));
    return EXIT.user;
  }
  output.err(t.internal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return EXIT.internal;
}
