// `coaching-bot start` as it runs on a fresh clone (the platforms of the environment: the sandbox when nothing else is
// set), in a child process whose clock starts at CLOCK_START and then runs at the real pace, so that the browser tests
// play a known week whatever the date. Run with `node --import tsx test/support/sandbox-child.ts`.
import { serve } from '../../src/cli/serve.ts';
import { readEnv } from '../../src/config/env.ts';

const start = Date.parse(process.env.CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('CLOCK_START is required (an ISO instant)');
const origin = Date.now();

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
  { clock: { now: () => new Date(start + (Date.now() - origin)) } },
);
