// The real `coaching-bot start` code path (serve) on Slack, in a child process, against the local Slack of the test
// (SLACK_API_URL): the bot's own platforms, database and scheduler, with two things a test needs. A clock that starts
// at CLOCK_START and runs at the real pace, and jumps CLOCK_JUMP_MS ahead at each SIGUSR2 (time passing past a
// lease without waiting for it); and Slack's pace raised to SLACK_PACE messages a second, for fan-outs of a thousand.
// Run with `node --import tsx test/support/slack-serve-child.ts`.
import { serve } from '../../src/cli/serve.ts';
import { readEnv } from '../../src/config/env.ts';
import { createSlackPlatform } from '../../src/platforms/slack/index.ts';

const start = Date.parse(process.env.CLOCK_START ?? '');
const origin = Date.now();
let jumped = 0;
const clock = {
  now: () => new Date((Number.isNaN(start) ? origin : start) + (Date.now() - origin) + jumped),
};
process.on('SIGUSR2', () => {
  jumped += Number(process.env.CLOCK_JUMP_MS ?? 0);
  process.stdout.write(`clock: ${clock.now().toISOString()}\n`);
});
const pace = Number(process.env.SLACK_PACE ?? 1000);

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
    platforms: (deps, env) => [
      createSlackPlatform(deps, env, { pace: { perSecond: pace, perConversationMs: 0 } }),
    ],
  },
);
