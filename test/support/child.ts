// A child process driven by what it prints: wait for a line, send a signal, wait for the exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/**
 * The `coaching-bot` command run from the TypeScript sources (what `npm run dev` runs), so that a test tests the code
 * as it is now; bin/coaching-bot.js runs the compiled dist/, which test/e2e/production.test.ts builds and tests.
 * Absolute paths, so that it runs from any working directory, as an operator's command does.
 */
export const COACHING_BOT = ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/run.ts')];

export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout, now or later; rejects if the process exits first. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `fileSizeLimit` (in 512-byte blocks, the shell's `ulimit -f`): no file the child writes may grow past it, as on a
 * full disk. Node ignores the SIGXFSZ that comes with it; the write fails, and SQLite reports it. `cwd`: where it runs
 * (the repository by default). `command`: what runs `args` (node by default; a shell, say).
 */
export function startChild(
  args: string[],
  env: Record<string, string>,
  options: { fileSizeLimit?: number; cwd?: string; command?: string } = {},
): Child {
  const [command, argv] =
    options.fileSizeLimit === undefined
      ? [options.command ?? process.execPath, args]
      : [
          '/bin/sh',
          ['-c', `ulimit -f ${options.fileSizeLimit} && exec "$0" "$@"`, process.execPath, ...args],
        ];
  const child = spawn(command, argv, {
    cwd: options.cwd ?? ROOT,
    // Only what the test gives, plus PATH: the developer's own SLACK_* or DATABASE_URL must not leak in.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      const match = out.match(w.pattern);
      if (match) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const match = out.match(pattern);
        if (match) return resolve(match);
        waiting.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`exited (${code ?? signal}) before printing ${pattern}:\n${out}\n${err}`)),
        );
      }),
    exited,
  };
}
