// Benchmark: starting the bot as production starts it. dist/ is built from the current sources into the layout the
// Docker image holds (test/support/production-layout.ts); the bot runs there with the Docker image's command
// (`npm start`'s: `node --max-semi-space-size=4 bin/coaching-bot.js start`), on a local Slack, beside a bare Bolt app
// (bench/startup/bare-bolt.js: plain JavaScript, the same Node options, the same local Slack, an HTTP receiver with a
// /healthz route). Measured: the time from spawn to the first 200 on /healthz (median of several runs, the subjects
// interleaved so that the machine's load meets them alike), and the resident memory (VmRSS) after 30 s idle, the
// subjects started together. The bot run from the sources through tsx (`npm run dev`) is measured beside them, for
// what the build saves; so is a CLI verb, compiled and through tsx.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOT_SCOPES } from '../src/platforms/slack/index.ts';
import { loadProgramme } from '../src/runtime.ts';
import { FakeSlack } from '../test/fakes/slack-server.ts';
import { buildProductionLayout, readDockerfile } from '../test/support/production-layout.ts';
import { startOptions } from './evaluation.ts';
import type { BenchResult } from './run.ts';

export const name = 'startup';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BARE = fileURLToPath(new URL('./startup/bare-bolt.js', import.meta.url));
const START_RUNS = 7;
const IDLE_RUNS = 3;
const IDLE_SECONDS = 30;
/** Later, once V8's memory reducer has given back what the start left behind (it waits for the process to be idle). */
const SETTLED_SECONDS = 120;
const CLI_RUNS = 5;
const START_TARGET = 1.5;
const RSS_TARGET = 1.3;
const BOT_TOKEN = 'xoxb-bench-startup';
const SECRET = 'bench-startup-signing-secret';

type Subject = 'bot' | 'bare' | 'tsx';

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** VmRSS of a process, in MB. */
function rss(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb) / 1024;
}

interface Running {
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 on /healthz. */
  ready: Promise<number>;
  stop(): Promise<void>;
}

function start(subject: Subject, app: string, slackApi: string, port: number): Running {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApi,
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'bench-startup-')), 'bot.db')}`,
  };
  const [, ...dockerArgs] = readDockerfile().cmd;
  const command: Record<Subject, { args: string[]; cwd: string }> = {
    bot: { args: dockerArgs, cwd: app },
    bare: { args: [...startOptions(), BARE], cwd: ROOT },
    tsx: { args: [...startOptions(), '--import', 'tsx', 'src/cli/run.ts', 'start'], cwd: ROOT },
  };
  const began = performance.now();
  const child = spawn(process.execPath, command[subject].args, {
    cwd: command[subject].cwd,
    env,
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = (async () => {
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done) {
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`${subject} exited before answering /healthz`);
  })();
  return {
    process: child,
    ready,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One verb, start to exit, in milliseconds. */
function verb(subject: 'bot' | 'tsx', app: string): number {
  const args =
    subject === 'bot'
      ? [...startOptions(), 'bin/coaching-bot.js', 'check', 'examples/programme.yml']
      : [...startOptions(), '--import', 'tsx', 'src/cli/run.ts', 'check', 'examples/programme.yml'];
  const began = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: subject === 'bot' ? app : ROOT, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${subject} check exited with ${result.status}`);
  return performance.now() - began;
}

export async function run(log: (line: string) => void): Promise<BenchResult> {
  log('building dist/ into the production layout');
  const app = buildProductionLayout();
  const programme = loadProgramme(join(ROOT, 'examples/programme.yml'));
  const slack = await FakeSlack.start({ botToken: BOT_TOKEN, scopes: BOT_SCOPES });
  programme.people.forEach((p, i) => {
    slack.addUser({ id: p.slack ?? `U0P${i}`, name: p.name, email: p.email });
  });
  const slackApi = `${slack.url}/api/`;
  const subjects: Subject[] = ['bot', 'bare', 'tsx'];
  try {
    log(`time to /healthz: ${START_RUNS} runs of each, interleaved`);
    const starts: Record<Subject, number[]> = { bot: [], bare: [], tsx: [] };
    for (let i = 0; i < START_RUNS + 1; i++) {
      // Each round in another order; the first round warms the disk cache and is not counted.
      const order = i % 2 ? [...subjects].reverse() : subjects;
      for (const subject of order) {
        const running = start(subject, app, slackApi, await freePort());
        const ms = await running.ready;
        await running.stop();
        if (i > 0) starts[subject].push(ms);
      }
    }

    log(
      `RSS after ${IDLE_SECONDS} s and ${SETTLED_SECONDS} s idle: ${IDLE_RUNS} runs, the three started together`,
    );
    const idle: Record<Subject, number[]> = { bot: [], bare: [], tsx: [] };
    const settled: Record<Subject, number[]> = { bot: [], bare: [], tsx: [] };
    for (let i = 0; i < IDLE_RUNS; i++) {
      const running = await Promise.all(
        subjects.map(async (subject) => ({
          subject,
          running: start(subject, app, slackApi, await freePort()),
        })),
      );
      await Promise.all(running.map((r) => r.running.ready));
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      for (const r of running) idle[r.subject].push(rss(r.running.process.pid ?? 0));
      await new Promise((resolve) => setTimeout(resolve, (SETTLED_SECONDS - IDLE_SECONDS) * 1000));
      for (const r of running) settled[r.subject].push(rss(r.running.process.pid ?? 0));
      await Promise.all(running.map((r) => r.running.stop()));
    }

    log(`a CLI verb (check): ${CLI_RUNS} runs, compiled and through tsx, interleaved`);
    const verbs = { bot: [] as number[], tsx: [] as number[] };
    for (let i = 0; i < CLI_RUNS; i++) {
      verbs.bot.push(verb('bot', app));
      verbs.tsx.push(verb('tsx', app));
    }

    const ms = (x: number) => x.toFixed(0);
    const mb = (x: number) => x.toFixed(0);
    const startRatio = median(starts.bot) / median(starts.bare);
    const rssRatio = median(idle.bot) / median(idle.bare);
    const versus = (xs: Record<Subject, number[]>, s: Subject) =>
      `${(median(xs[s]) / median(xs.bare)).toFixed(2)}×`;
    const label: Record<Subject, string> = {
      bot: 'coaching-bot, compiled (`npm start`)',
      bare: 'bare Bolt app',
      tsx: 'coaching-bot from the sources through tsx (`npm run dev`)',
    };
    return {
      tables: [
        {
          title: `Start on a local Slack (median of ${START_RUNS} runs to /healthz; RSS idle, median of ${IDLE_RUNS})`,
          columns: [
            'subject',
            'start (ms)',
            'vs bare',
            `RSS at ${IDLE_SECONDS} s (MB)`,
            'vs bare',
            `RSS at ${SETTLED_SECONDS} s (MB)`,
            'vs bare',
          ],
          rows: subjects.map((s) => [
            label[s],
            ms(median(starts[s])),
            versus(starts, s),
            mb(median(idle[s])),
            versus(idle, s),
            mb(median(settled[s])),
            versus(settled, s),
          ]),
        },
        {
          title: `A CLI verb (\`coaching-bot check examples/programme.yml\`, median of ${CLI_RUNS} runs)`,
          columns: ['subject', 'time (ms)'],
          rows: [
            ['compiled (`npx coaching-bot`)', ms(median(verbs.bot))],
            ['through tsx (`npm run dev --`)', ms(median(verbs.tsx))],
          ],
        },
      ],
      checks: [
        {
          label: `time to /healthz ≤ ${START_TARGET}× the bare Bolt app (${startRatio.toFixed(2)}×)`,
          ok: startRatio <= START_TARGET,
        },
        {
          label: `RSS after ${IDLE_SECONDS} s idle ≤ ${RSS_TARGET}× the bare Bolt app (${rssRatio.toFixed(2)}×)`,
          ok: rssRatio <= RSS_TARGET,
        },
      ],
      notes: [
        `Node options of npm start for every subject (${startOptions().join(' ')}); the bot with its example programme, a new database (migrations applied), its scheduler, Slack over HTTP.`,
        `Start runs: ${subjects.map((s) => `${s} ${starts[s].map(ms).join('/')}`).join('; ')} ms.`,
        `RSS runs at ${IDLE_SECONDS} s: ${subjects.map((s) => `${s} ${idle[s].map(mb).join('/')}`).join('; ')} MB; at ${SETTLED_SECONDS} s: ${subjects.map((s) => `${s} ${settled[s].map(mb).join('/')}`).join('; ')} MB.`,
      ],
    };
  } finally {
    await slack.close();
  }
}
