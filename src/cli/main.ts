// The `coaching-bot` command (BRIEF §7). Exit codes: 0 done, 1 the user must fix something, 2 internal failure.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { databaseTarget } from '../config/database-url.ts';
import { EnvError, readEnv } from '../config/env.ts';
import { formatProblem } from '../config/programme-file.ts';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../core/ports.ts';
import type { Locale } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { PlatformError } from '../platforms/platform.ts';
import { ProgrammeFileError } from '../runtime.ts';
import { errorCode, storageError } from '../storage/storage-errors.ts';
import { terminalAsk } from './data-verbs.ts';
import { type Output, UsageError } from './types.ts';
import { verbs } from './verbs.ts';

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
  let database: string | undefined;
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
        project: { type: 'string' },
        'with-notes': { type: 'boolean' },
        programme: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      output.out(t().verbHelp[verb] ?? t().help);
      return EXIT.ok;
    }
    const parsed = readEnv(env);
    const target = databaseTarget(parsed.databaseUrl);
    if (target.kind === 'sqlite') database = target.path;
    return await run({
      options: values,
      positionals,
      env: parsed,
      output,
      setLocale: (l) => (locale = l),
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  } catch (error) {
    // A database that refuses a write, wherever the verb met it, is said in one sentence, like a bad setting. SQLite's
    // errors only: a file error here may be about another file (an export's --output).
    const fromSqlite = errorCode(error)?.startsWith('SQLITE_') ?? false;
    const refused = database !== undefined && fromSqlite ? storageError(error, database) : undefined;
    return report(refused ?? error, output, t());
  }
}

function report(error: unknown, output: Output, t: ReturnType<typeof messages>['cli']): number {
  if (error instanceof ProgrammeFileError) {
    for (const file of error.files) {
      for (const problem of file.problems) output.err(formatProblem(problem));
      output.err(messages(file.locale).cli.problems(file.file, file.problems.length));
    }
    return EXIT.user;
  }
  if (error instanceof PlatformError) {
    // The platform said what to set or fix; the stack would only hide it.
    output.err(`${error.platform}: ${error.message}`);
    return EXIT.user;
  }
  if (error instanceof EnvError) {
    const line = (p: EnvError['problems'][number]) => {
      const text = t.env[p.code];
      return `  ${p.variable}: ${typeof text === 'function' ? text(p.detail ?? '') : text}`;
    };
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
    else output.err(storageText(error, t) ?? error.message);
    return EXIT.user;
  }
  if (String((error as { code?: string })?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
    output.err(t.badOption((error as Error).message));
    return EXIT.user;
  }
  output.err(t.internal(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return EXIT.internal;
}

/** What the operator must do about a database that refused to be written. */
function storageText(error: AppError, t: ReturnType<typeof messages>['cli']): string | undefined {
  const p = error.params as {
    path?: string;
    file?: string;
    cause?: string;
    scheme?: string;
    server?: boolean;
    detail?: string;
  };
  const path = p.path ?? '';
  if (p.server) return serverText(error, path, p.detail ?? p.cause ?? '', t);
  switch (error.code) {
    case 'database_url_unsupported':
      return `DATABASE_URL: ${t.env.database_url_unsupported(p.scheme ?? '')}`;
    case 'database_url_invalid':
      return `DATABASE_URL: ${t.env.database_url_invalid(p.scheme ?? '')}`;
    case 'storage_full':
      return t.storage.full(path);
    case 'storage_busy':
      return t.storage.busy(path);
    case 'storage_read_only':
      return t.storage.readOnly(path, p.file ?? path, p.cause ?? '', currentUser());
    case 'storage_unavailable':
      if (p.cause === 'ENOTDIR' || p.cause === 'EEXIST') return t.storage.notAFolder(path, p.file ?? path);
      if (p.cause === 'EISDIR') return t.storage.notAFile(path);
      if (p.cause?.startsWith('SQLITE_IOERR')) return t.storage.writeFailed(path, p.cause);
      return t.storage.unavailable(path, p.cause ?? '');
    default:
      return undefined;
  }
}

/** What the operator must do about a PostgreSQL server that refused (`where` holds no password). */
function serverText(
  error: AppError,
  where: string,
  detail: string,
  t: ReturnType<typeof messages>['cli'],
): string | undefined {
  switch (error.code) {
    case 'storage_full':
      return t.storage.serverFull(where, detail);
    case 'storage_busy':
      return t.storage.serverBusy(where, detail);
    case 'storage_read_only':
      return t.storage.serverReadOnly(where, detail);
    case 'storage_unavailable':
      return t.storage.serverUnavailable(where, detail);
    default:
      return undefined;
  }
}

/** The account the bot runs as, which is the one that must be allowed to write. */
function currentUser(): string {
  const uid = process.getuid?.();
  try {
    return `${userInfo().username}${uid === undefined ? '' : ` (uid ${uid})`}`;
  } catch {
    // A container may run the bot under a uid that has no name.
    return `uid ${uid ?? '?'}`;
  }
}
