// Benchmark: Slack. (1) How fast a slash command is acknowledged: 50 concurrent signed `/phase` requests on the bot's
// HTTP server, beside a bare Bolt app that answers a constant, in the same run and against the same local Slack.
// (2) A fan-out of 5,000 check-in prompts against a local Slack that enforces a workspace cap (429 beyond it):
// total time beside the cap's floor (N / cap), and every prompt delivered exactly once.
// The local Slack runs in a process of its own (bench/slack-local.ts): for the bot, Slack is another machine; so do
// the two subjects of (1), measured at the same moments.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../src/app/context.ts';
import { sendPrompts } from '../src/app/prompts.ts';
import type { Env } from '../src/config/env.ts';
import type { Logger } from '../src/core/ports.ts';
import type { Programme } from '../src/core/programme.ts';
import { weekOfInstant } from '../src/core/week.ts';
import { BOT_SCOPES, createSlackPlatform } from '../src/platforms/slack/index.ts';
import { loadProgramme, openRuntime, type PlatformsOf, systemClock } from '../src/runtime.ts';
import type { FakeSlackOptions } from '../test/fakes/slack-server.ts';
import { signedPost } from '../test/fakes/slack-workspace.ts';
import { benchCohort } from './cohort.ts';
import type { BenchResult } from './run.ts';
import type { LocalConfig } from './slack-local.ts';

export const name = 'slack';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOT_TOKEN = 'xoxb-bench';
const SECRET = 'bench-signing-secret';
const CONCURRENCY = 50;
const ROUNDS = 40;
const WARM_UP_ROUNDS = 5;
const ACK_TARGET = 1.2;
const FAN_OUT = 5_000;
const CAP_PER_SECOND = 100;
const FAN_OUT_TARGET = 1.1;
const OWNER = 'U0CLAIRE';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export interface Summary {
  perChannel: Record<string, number>;
  rateLimited: number;
  responses: number;
  violations: string[];
}

interface LocalSlack {
  url: string;
  summary(): Promise<Summary>;
  responseUrl(user: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts one role of bench/slack-local.ts in a process of its own. */
async function spawnRole(role: 'slack' | 'bot' | 'bare', config: LocalConfig) {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-slack-')), `${role}.json`);
  writeFileSync(file, JSON.stringify(config));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/slack-local.ts', role, file],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the ${role} process exited with ${code}`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, close };
}

export async function startLocalSlack(
  options: Pick<FakeSlackOptions, 'postsPerSecond'>,
  users: { id: string; name: string; email: string }[],
): Promise<LocalSlack> {
  const { url, close } = await spawnRole('slack', {
    slack: { botToken: BOT_TOKEN, scopes: BOT_SCOPES, ...options, users },
  });
  const local = (path: string, body?: unknown) =>
    fetch(`${url}/_local/${path}`, body ? { method: 'POST', body: JSON.stringify(body) } : {}).then((r) =>
      r.json(),
    );
  return {
    url,
    summary: () => local('summary') as Promise<Summary>,
    responseUrl: async (user) => ((await local('response-url', { user })) as { url: string }).url,
    close,
  };
}

function env(apiUrl: string): Env {
  return {
    programmeFile: '',
    databaseUrl: '',
    host: '127.0.0.1',
    port: 0,
    publicUrl: '',
    logLevel: 'error',
    slack: { botToken: BOT_TOKEN, signingSecret: SECRET, apiUrl },
  };
}

/** The bot's context on a database file of its own, opened as `coaching-bot start` opens it. */
async function openContext(
  programme: Programme,
  apiUrl: string,
  logger: Logger = silentLogger,
  platforms?: PlatformsOf,
) {
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'bench-slack-db-')), 'bot.db')}`;
  const runtime = await openRuntime(
    { ...env(apiUrl), databaseUrl },
    { logger, programme, ...(platforms ? { platforms } : {}) },
  );
  return { ctx: runtime.ctx, close: () => runtime.close() };
}

// ---------------------------------------------------------------------------------------------------------------
// (1) Acknowledgement latency

/** The slash-command form Slack posts for `/phase` typed by the owner. */
function phaseForm(responseUrl: string): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: 'T0LOCAL',
    team_domain: 'local',
    channel_id: `D${OWNER.slice(1)}`,
    channel_name: 'directmessage',
    user_id: OWNER,
    user_name: 'claire.dubois',
    command: '/phase',
    text: '',
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.bench`,
  }).toString();
}

async function round(url: string, form: string): Promise<number[]> {
  return Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const started = performance.now();
      const reply = await signedPost(url, form, SECRET);
      if (reply.status !== 200) throw new Error(`ack refused: HTTP ${reply.status}`);
      return performance.now() - started;
    }),
  );
}

async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await test()); ) {
    if (Date.now() - started > 60_000) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function ackLatency(log: (line: string) => void) {
  const programmeFile = fileURLToPath(new URL('../examples/programme.yml', import.meta.url));
  const programme = loadProgramme(programmeFile);
  const users = programme.people.map((p, i) => ({ id: p.slack ?? `U0P${i}`, name: p.name, email: p.email }));
  const slack = await startLocalSlack({}, users);
  const apiUrl = `${slack.url}/api/`;
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'bench-slack-db-')), 'bot.db')}`;
  const bot = await spawnRole('bot', { bot: { env: { ...env(apiUrl), databaseUrl }, programmeFile } });
  const bare = await spawnRole('bare', { bare: { apiUrl, botToken: BOT_TOKEN, signingSecret: SECRET } });
  // Slack gives each command its own response URL; one serves them all here.
  const form = phaseForm(await slack.responseUrl(OWNER));
  const samples = { bot: [] as number[], bare: [] as number[] };
  for (let i = 0; i < WARM_UP_ROUNDS + ROUNDS; i++) {
    // Both at once, each in its own process: whatever else the machine does meets both alike.
    const [toBot, toBare] = await Promise.all([round(bot.url, form), round(bare.url, form)]);
    if (i >= WARM_UP_ROUNDS) {
      samples.bot.push(...toBot);
      samples.bare.push(...toBare);
    }
    // The bot's answers go out after the acknowledgements: let them land before the next round.
    await until(async () => (await slack.summary()).responses >= (i + 1) * CONCURRENCY, 'the /phase answers');
  }
  const { responses: answered, violations } = await slack.summary();
  log(`acknowledgements measured: ${samples.bot.length} + ${samples.bare.length}; answers: ${answered}`);
  await Promise.all([bot.close(), bare.close()]);
  await slack.close();
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
  };
  return {
    bot: stats(samples.bot),
    bare: stats(samples.bare),
    answered,
    expected: (WARM_UP_ROUNDS + ROUNDS) * CONCURRENCY,
    violations,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// (2) Fan-out

/** 5,000 intrapreneurs, each with their Slack id in the file (an e-mail lookup per person is rate-limited too). */
function fanOutProgramme(now: Date): Programme {
  return benchCohort({
    key: 'bench-slack',
    name: 'Bench programme',
    count: FAN_OUT,
    now,
    slackId: (id, i) => (i === undefined ? `U0${id.toUpperCase()}` : `U1${String(i).padStart(5, '0')}`),
  });
}

export async function fanOut(log: (line: string) => void) {
  const programme = fanOutProgramme(systemClock.now());
  const users = programme.people.map((p) => ({ id: p.slack as string, name: p.name, email: p.email }));
  const slack = await startLocalSlack({ postsPerSecond: CAP_PER_SECOND }, users);
  let enqueuedAt = 0;
  const progress: Logger = {
    ...silentLogger,
    info: (obj, msg) => {
      if (msg === 'prompts: fan-out') enqueuedAt = performance.now();
      const sent = (obj as { sent?: number }).sent;
      if (msg?.endsWith('delivered') && sent !== undefined && sent % 1000 === 0) log(`fan-out: ${sent} sent`);
    },
  };
  const bot = await openContext(programme, `${slack.url}/api/`, progress, (deps, config) => [
    createSlackPlatform(deps, config, {
      // Paced at the local Slack's cap (the built-in pace, 5/s, would take 17 minutes).
      pace: { perSecond: CAP_PER_SECOND, perConversationMs: 1000 },
    }),
  ]);
  const week = weekOfInstant(systemClock.now(), programme.timezone);
  const started = performance.now();
  const result = await sendPrompts(bot.ctx, week);
  const finished = performance.now();
  const summary = await slack.summary();
  const counts = Object.values(summary.perChannel);
  const intrapreneurs = programme.people.filter((p) => p.id.startsWith('intra-'));
  const lost = intrapreneurs.filter((p) => !summary.perChannel[`D${(p.slack as string).slice(1)}`]).length;
  const duplicated = counts.filter((n) => n > 1).length;
  const pending = (await bot.ctx.store.listOutbox({ week })).filter((e) => e.status !== 'sent').length;
  bot.close();
  await slack.close();
  if (result.status !== 'done') throw new Error(`fan-out did not run: ${result.status}`);
  return {
    seconds: (finished - started) / 1000,
    enqueueSeconds: (enqueuedAt - started) / 1000,
    floor: FAN_OUT / CAP_PER_SECOND,
    lost: lost + pending,
    duplicated,
    rateLimited: summary.rateLimited,
    sent: result.sent,
    violations: summary.violations,
  };
}

// ---------------------------------------------------------------------------------------------------------------

export async function run(log: (line: string) => void): Promise<BenchResult> {
  log(
    `acknowledgement latency: ${ROUNDS} rounds of ${CONCURRENCY} concurrent signed /phase, bot and bare Bolt`,
  );
  const ack = await ackLatency(log);
  log(`fan-out: ${FAN_OUT} prompts, local Slack capped at ${CAP_PER_SECOND} messages/s`);
  const fan = await fanOut(log);
  const f = (n: number) => n.toFixed(1);
  const ratio = ack.bot.p99 / ack.bare.p99;
  const fanRatio = fan.seconds / fan.floor;
  return {
    tables: [
      {
        title: `Slash-command acknowledgement, ${CONCURRENCY} concurrent signed /phase × ${ROUNDS} rounds (ms)`,
        columns: ['subject', 'p50', 'p99', 'max'],
        rows: [
          [
            'coaching-bot (Bolt receiver on the bot’s server)',
            f(ack.bot.p50),
            f(ack.bot.p99),
            f(ack.bot.max),
          ],
          ['bare Bolt app answering a constant', f(ack.bare.p50), f(ack.bare.p99), f(ack.bare.max)],
          ['ratio bot / bare', (ack.bot.p50 / ack.bare.p50).toFixed(2), ratio.toFixed(2), ''],
        ],
      },
      {
        title: `Fan-out of ${FAN_OUT} prompts, local Slack capped at ${CAP_PER_SECOND} messages/s`,
        columns: ['measure', 'value'],
        rows: [
          ['total time (s)', f(fan.seconds)],
          ['  of which enqueueing (s)', f(fan.enqueueSeconds)],
          ['floor N / cap (s)', f(fan.floor)],
          ['ratio', fanRatio.toFixed(2)],
          ['429s received', String(fan.rateLimited)],
          ['sent', String(fan.sent)],
          ['lost', String(fan.lost)],
          ['duplicated', String(fan.duplicated)],
        ],
      },
    ],
    checks: [
      { label: `ack p99 ≤ ${ACK_TARGET}× the bare Bolt app (${ratio.toFixed(2)}×)`, ok: ratio <= ACK_TARGET },
      { label: `every /phase answered (${ack.answered}/${ack.expected})`, ok: ack.answered === ack.expected },
      {
        label: `fan-out ≤ ${FAN_OUT_TARGET}× the floor (${fanRatio.toFixed(2)}×)`,
        ok: fanRatio <= FAN_OUT_TARGET,
      },
      { label: '0 prompts lost, 0 duplicated', ok: fan.lost === 0 && fan.duplicated === 0 },
      {
        label: 'every Slack call matches Slack’s API description',
        ok: ack.violations.length + fan.violations.length === 0,
      },
    ],
    notes: [
      'The local Slack, the bot and the bare Bolt app of (1) run in processes of their own, hit at the same moments.',
      `The pacer is set to the local Slack's cap (${CAP_PER_SECOND}/s) through the adapter's option; its built-in pace is 5/s.`,
    ],
  };
}
