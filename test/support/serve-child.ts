// The real `coaching-bot start` code path (serve), in a child process, with the file-backed platform and a clock that
// starts at CLOCK_START and then runs at the real pace. Run with `node --import tsx test/support/serve-child.ts`.
import { serve } from '../../src/cli/serve.ts';
import { readEnv } from '../../src/config/env.ts';
import { filePlatform } from './file-platform.ts';

const sentFile = process.env.SENT_FILE;
if (!sentFile) throw new Error('SENT_FILE is required');
const start = Date.parse(process.env.CLOCK_START ?? '');
const origin = Date.now();
const clock = { now: () => new Date((Number.isNaN(start) ? origin : start) + (Date.now() - origin)) };
const holdAt = process.env.HOLD_AT ? Number(process.env.HOLD_AT) : undefined;

process.exitCode = await serve(
  {
    options: {},
    positionals: [],
    env: readEnv(),
    output: {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
    setLocale: () => {},
  },
  {
    clock,
    platforms: () => [filePlatform({ file: sentFile, ...(holdAt ? { holdAt } : {}) })],
  },
);
