// Benchmark: the Tuesday evaluation of a synthetic programme (10,000 intrapreneurs × 52 weeks of answers) read from
// a SQLite file, beside a raw SQL aggregate over the same file as the floor.
//
// The parent builds the file once (real migrations, programme synced through the real DrizzleStore, the bulk rows
// inserted with prepared statements: that is setup, not measured), then measures each subject in a fresh child
// process, so that the peak RSS reported is that of the measured work alone. Each bot run gets its own copy of the
// file, since an evaluation writes (alerts, outbox, evaluations) and a second run on the same file would find
// everything done already.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { AppContext } from '../src/app/context.ts';
import { evaluateWeek } from '../src/app/evaluation.ts';
import { addDays } from '../src/core/calendar.ts';
import { LOOKBACK_WEEKS } from '../src/core/compliance.ts';
import type { ChatMessage, WeekDigest } from '../src/core/messages.ts';
import type { ChatPort, Delivery, Recipient, SentMessage, Store } from '../src/core/ports.ts';
import type { Person, Programme, Project } from '../src/core/programme.ts';
import { addWeeks, type WeekId, weekStart, weeksBetween } from '../src/core/week.ts';
import { createLogger } from '../src/logger.ts';
import { closeDatabase, migrate, openDatabase } from '../src/storage/database.ts';
import { DrizzleStore } from '../src/storage/drizzle-store.ts';
import { encodeJson } from '../src/storage/json.ts';
import type { BenchResult } from './run.ts';

// ---------------------------------------------------------------------------------------------------------------
// The synthetic programme

const INTRAPRENEURS = 10_000;
const PER_PROJECT = 4;
const PER_MANAGER = 10;
const PROJECTS_PER_COACH = 25;
const OWNERS = 3;
const FIRST_WEEK: WeekId = '2026-W01';
const EVALUATED: WeekId = '2026-W52';
const RUNS = 3;
const TARGET_RATIO = 2;
const TARGET_RSS_MB = 150;
/** Tuesday 09:00 in Paris after the evaluated week: when the scheduler runs the evaluation. */
const EVALUATION_TIME = new Date('2026-12-29T08:00:00Z');

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const intrapreneurId = (i: number) => `intra-${pad(i, 5)}`;
const managerId = (i: number) => `manager-${pad(i, 4)}`;
const coachId = (i: number) => `coach-${pad(i, 3)}`;
const ownerId = (i: number) => `owner-${i}`;

function person(id: string): Person {
  return { id, name: `Name of ${id}`, email: `${id}@example.org` };
}

/** Deterministic, so that the parent (which builds the file) and the children (which evaluate it) agree. */
export function buildProgramme(): Programme {
  const projectCount = INTRAPRENEURS / PER_PROJECT;
  const coachCount = projectCount / PROJECTS_PER_COACH;
  const managerCount = INTRAPRENEURS / PER_MANAGER;
  const owners = Array.from({ length: OWNERS }, (_, i) => ownerId(i + 1));
  const people: Person[] = [
    ...owners.map(person),
    ...Array.from({ length: coachCount }, (_, i) => person(coachId(i + 1))),
    ...Array.from({ length: managerCount }, (_, i) => person(managerId(i + 1))),
    ...Array.from({ length: INTRAPRENEURS }, (_, i) => person(intrapreneurId(i + 1))),
  ];
  const projects: Project[] = Array.from({ length: projectCount }, (_, p) => ({
    id: `project-${pad(p + 1, 4)}`,
    name: `Project ${p + 1}`,
    coach: coachId(Math.floor(p / PROJECTS_PER_COACH) + 1),
    status: 'pre_incubation',
    intrapreneurs: Array.from({ length: PER_PROJECT }, (_, k) => {
      const i = p * PER_PROJECT + k;
      // Managers spread across projects, as in a real organisation.
      return { person: intrapreneurId(i + 1), manager: managerId((i % managerCount) + 1) };
    }),
  }));
  return {
    key: 'bench-evaluation',
    name: 'Bench programme',
    organisation: 'Bench',
    timezone: 'Europe/Paris',
    locale: 'fr',
    daysPerWeek: 1,
    holidays: 'metropole',
    schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
    // 2026-W01 (Monday 2025-12-29) to 2026-W52 (Friday 2026-12-25); W53 is left out.
    checkins: { from: '2026-01-01', to: '2026-12-27' },
    breaks: [],
    owners,
    people,
    phases: [{ id: 'pre_incubation', name: 'Pré-incubation', start: '2026-01-01', end: '2026-12-27' }],
    projects,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Setup: the SQLite file

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Release = { kind: 'days'; days: number } | { kind: 'leave' } | undefined;

interface Answer {
  release: Release;
  coachingHeld: boolean | undefined;
  comment: string | undefined;
}

/** One week of one intrapreneur: undefined when they did not answer at all. */
function answerOf(random: () => number, struggling: boolean): Answer | undefined {
  const r = random();
  if (r < 0.03) return undefined;
  const coaching = (): boolean | undefined => {
    const c = random();
    return c < 0.7 ? true : c < 0.95 ? false : undefined;
  };
  const comment = random() < 0.05 ? 'Bonne semaine, atelier utilisateurs jeudi.' : undefined;
  // Clicked Oui / Non for the coaching point but not the released days: the release is unknown.
  if (r < 0.04) return { release: undefined, coachingHeld: random() < 0.7, comment };
  if (r < 0.07) return { release: { kind: 'leave' }, coachingHeld: undefined, comment };
  const d = random();
  const missedRate = struggling ? 0.35 : 0.07;
  const days =
    d < missedRate * 0.4
      ? 0
      : d < missedRate
        ? 0.5
        : d < missedRate + 0.03
          ? 1.5
          : d < missedRate + 0.05
            ? 2
            : 1;
  return { release: { kind: 'days', days }, coachingHeld: coaching(), comment };
}

export interface SetupSummary {
  checkins: number;
  coachingSessions: number;
  outbox: number;
  alerts: number;
  fileMb: number;
  seconds: number;
}

function ms(date: string, time: string): number {
  return Date.parse(`${date}T${time}Z`);
}

export async function buildDatabase(path: string, programme: Programme): Promise<SetupSummary> {
  const started = performance.now();
  const handle = openDatabase(`file:${path}`);
  migrate(handle);
  const store = new DrizzleStore(handle, programme.key);
  await store.syncProgramme(programme, new Date('2025-12-15T09:00:00Z'));
  const { sqlite } = handle;
  // Setup only, for speed: the measured runs open the file with the bot's own settings (WAL, synchronous FULL).
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1000000');
  const pid = (sqlite.prepare('SELECT id FROM programmes WHERE key = ?').get(programme.key) as { id: number })
    .id;

  const insertCheckin = sqlite.prepare(
    `INSERT INTO checkins (programme_id, intrapreneur, week, release_kind, released_days, coaching_held, comment,
       answered_by, answered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSession = sqlite.prepare(
    `INSERT INTO coaching_sessions (programme_id, intrapreneur, logged_by, date, duration_minutes, notes, logged_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (programme_id, key, kind, week, recipient, message, due_at, status, attempts,
       next_attempt_at, claimed_at, sent_at, sent_platform, sent_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?, 'slack', ?)`,
  );
  const insertAlert = sqlite.prepare(
    `INSERT INTO alerts (programme_id, kind, intrapreneur, week, recipients, reason, raised_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvaluation = sqlite.prepare(
    'INSERT INTO evaluations (programme_id, week, evaluated_at) VALUES (?, ?, ?)',
  );
  const insertJobRun = sqlite.prepare(
    'INSERT INTO job_runs (programme_id, job, week, ran_at) VALUES (?, ?, ?, ?)',
  );

  const random = mulberry32(20260101);
  const roles = programme.projects.flatMap((p) =>
    p.intrapreneurs.map((i) => ({ person: i.person, manager: i.manager, coach: p.coach })),
  );
  const struggling = roles.map(() => random() < 0.05);
  const required = programme.daysPerWeek;
  const counts = { checkins: 0, coachingSessions: 0, outbox: 0, alerts: 0 };
  let ref = 0;

  const sent = (
    key: string,
    kind: string,
    week: WeekId,
    recipient: string,
    message: ChatMessage,
    at: number,
  ) => {
    insertOutbox.run(
      pid,
      key,
      kind,
      week,
      recipient,
      encodeJson(message),
      at,
      at,
      at,
      at + 1_000,
      `${++ref}`,
    );
    counts.outbox++;
  };

  sqlite.transaction(() => {
    for (const week of weeksBetween(FIRST_WEEK, EVALUATED)) {
      const monday = weekStart(week);
      const friday = addDays(monday, 4);
      const nextMonday = addDays(monday, 7);
      const nextTuesday = addDays(monday, 8);
      const promptAt = ms(friday, '13:00:00');
      const reminderAt = ms(nextMonday, '08:30:00');
      const alertAt = ms(nextTuesday, '08:00:00');
      const evaluated = week < EVALUATED;
      const digest: WeekDigest = {
        week,
        intrapreneurs: roles.length,
        honoured: 0,
        missed: 0,
        unknown: 0,
        exempt: 0,
        coachingHeld: 0,
        alerts: [],
        undelivered: [],
      };
      for (const [i, role] of roles.entries()) {
        const who = role.person;
        sent(
          `prompt:${who}:${week}`,
          'prompt',
          week,
          who,
          { kind: 'prompt', week, intrapreneur: who },
          promptAt,
        );
        const answer = answerOf(random, struggling[i] === true);
        if (answer) {
          const answeredAt = promptAt + Math.floor(random() * 3 * 86_400_000);
          const release = answer.release;
          insertCheckin.run(
            pid,
            who,
            week,
            release?.kind ?? null,
            release?.kind === 'days' ? release.days : null,
            answer.coachingHeld === undefined ? null : answer.coachingHeld ? 1 : 0,
            answer.comment ?? null,
            who,
            answeredAt,
            answeredAt,
          );
          counts.checkins++;
          // Some coaches also log the session they held (`/coaching log`).
          if (answer.coachingHeld === true && random() < 0.2) {
            const date = addDays(monday, 1 + Math.floor(random() * 3));
            insertSession.run(pid, who, role.coach, date, 45, 'Point hebdomadaire', ms(date, '17:00:00'));
            counts.coachingSessions++;
          }
          if (answer.coachingHeld) digest.coachingHeld++;
        }
        const release = answer?.release;
        if (release === undefined) {
          // Asked, no released days given: reminded on Monday, and unknown at the evaluation.
          sent(
            `reminder:${who}:${week}`,
            'reminder',
            week,
            who,
            { kind: 'reminder', week, intrapreneur: who },
            reminderAt,
          );
          digest.unknown++;
          if (evaluated) {
            const alert = {
              kind: 'no_answer' as const,
              intrapreneur: who,
              week,
              recipients: programme.owners,
              reason: { required },
            };
            for (const to of alert.recipients)
              sent(
                `alert:no_answer:${who}:${week}:${to}`,
                'alert',
                week,
                to,
                { kind: 'alert', alert },
                alertAt,
              );
            insertAlert.run(
              pid,
              alert.kind,
              who,
              week,
              encodeJson(alert.recipients),
              encodeJson(alert.reason),
              alertAt,
            );
            counts.alerts++;
            digest.alerts.push({ kind: alert.kind, intrapreneur: who });
          }
        } else if (release.kind === 'leave') {
          digest.exempt++;
        } else if (release.days >= required) {
          digest.honoured++;
        } else {
          digest.missed++;
          if (evaluated) {
            const alert = {
              kind: 'release_missed' as const,
              intrapreneur: who,
              week,
              recipients: [...programme.owners, role.manager],
              reason: { releasedDays: release.days, required },
            };
            for (const to of alert.recipients)
              sent(
                `alert:release_missed:${who}:${week}:${to}`,
                'alert',
                week,
                to,
                { kind: 'alert', alert },
                alertAt,
              );
            insertAlert.run(
              pid,
              alert.kind,
              who,
              week,
              encodeJson(alert.recipients),
              encodeJson(alert.reason),
              alertAt,
            );
            counts.alerts++;
            digest.alerts.push({ kind: alert.kind, intrapreneur: who });
          }
        }
      }
      insertJobRun.run(pid, 'prompt', week, promptAt);
      insertJobRun.run(pid, 'reminder', week, reminderAt);
      if (evaluated) {
        for (const owner of programme.owners)
          sent(`digest:${owner}:${week}`, 'digest', week, owner, { kind: 'digest', digest }, alertAt);
        insertEvaluation.run(pid, week, alertAt);
        insertJobRun.run(pid, 'evaluate', week, alertAt);
      }
    }
  })();

  // The bulk rows must read back through the real store exactly as the bot would have written them.
  const probe = intrapreneurId(1);
  const stored = await store.listOutbox({
    week: EVALUATED,
    kind: 'prompt',
    status: 'sent',
    recipient: probe,
  });
  if (stored.length !== 1 || stored[0]?.message.kind !== 'prompt')
    throw new Error('setup: prompt rows unreadable');
  const answers = await store.listAnswers({ from: EVALUATED, to: EVALUATED });
  if (answers.length === 0 || !answers.every((a) => a.answeredAt instanceof Date)) {
    throw new Error('setup: check-in rows unreadable');
  }
  sqlite.pragma('journal_mode = WAL');
  closeDatabase(handle);
  if (existsSync(`${path}-wal`)) throw new Error('setup: the WAL was not checkpointed on close');
  return {
    ...counts,
    fileMb: statSync(path).size / 2 ** 20,
    seconds: (performance.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Children: one measured subject per process

type Mode = 'floor' | 'bot';

interface WeekCounts {
  honoured: number;
  missed: number;
  unknown: number;
}

interface ChildReport {
  mode: Mode;
  timeMs: number;
  /** Peak RSS of the whole child process, MB (`process.resourceUsage().maxRSS`). */
  peakRssMb: number;
  /** Peak RSS just before the measured work began (modules loaded, database open), MB. */
  baseRssMb: number;
  /** The evaluated week's figures, to check that both subjects computed the same thing. */
  week: WeekCounts;
  /** Bot only: synchronous time spent in each Store method and in the chat port, ms, with call counts. */
  phases?: Record<string, { ms: number; calls: number }>;
  /** Bot only: alerts raised and messages enqueued and sent. */
  outcome?: { alerts: number; messages: number; sent: number };
}

const RESULT_TAG = 'BENCH_RESULT ';
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The floor: per-intrapreneur released / missed / unknown counts over the lookback, straight from SQLite. */
function runFloor(path: string): ChildReport {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const from = addWeeks(EVALUATED, -LOOKBACK_WEEKS);
  const params = { key: 'bench-evaluation', from, to: EVALUATED, week: EVALUATED, required: 1 };
  const baseRssMb = maxRssMb();
  const started = performance.now();

  const answered = db
    .prepare(
      `SELECT c.intrapreneur,
              SUM(c.release_kind = 'days' AND c.released_days >= :required) AS released,
              SUM(c.release_kind = 'days' AND c.released_days < :required) AS missed,
              SUM(c.release_kind = 'leave') AS leave,
              MAX(CASE WHEN c.week = :week THEN
                    CASE WHEN c.release_kind = 'leave' THEN 'leave'
                         WHEN c.release_kind = 'days' AND c.released_days >= :required THEN 'released'
                         WHEN c.release_kind = 'days' THEN 'missed' END END) AS this_week
         FROM checkins c JOIN programmes p ON p.id = c.programme_id
        WHERE p.key = :key AND c.week BETWEEN :from AND :to
        GROUP BY c.intrapreneur`,
    )
    .all(params) as {
    intrapreneur: string;
    released: number;
    missed: number;
    leave: number;
    this_week: string | null;
  }[];
  // Unknown: asked (prompt sent) and no released days given.
  const unknown = db
    .prepare(
      `SELECT o.recipient AS intrapreneur, COUNT(*) AS unknown, MAX(o.week = :week) AS this_week
         FROM outbox o JOIN programmes p ON p.id = o.programme_id
         LEFT JOIN checkins c ON c.programme_id = o.programme_id AND c.intrapreneur = o.recipient AND c.week = o.week
        WHERE p.key = :key AND o.kind = 'prompt' AND o.status = 'sent' AND o.week BETWEEN :from AND :to
          AND c.release_kind IS NULL
        GROUP BY o.recipient`,
    )
    .all(params) as { intrapreneur: string; unknown: number; this_week: number }[];
  const byIntrapreneur = new Map<
    string,
    { released: number; missed: number; unknown: number; week?: string }
  >();
  for (const row of answered) {
    byIntrapreneur.set(row.intrapreneur, {
      released: row.released,
      missed: row.missed,
      unknown: 0,
      ...(row.this_week ? { week: row.this_week } : {}),
    });
  }
  for (const row of unknown) {
    const entry = byIntrapreneur.get(row.intrapreneur) ?? { released: 0, missed: 0, unknown: 0 };
    entry.unknown = row.unknown;
    if (row.this_week) entry.week = 'unknown';
    byIntrapreneur.set(row.intrapreneur, entry);
  }

  const timeMs = performance.now() - started;
  const week: WeekCounts = { honoured: 0, missed: 0, unknown: 0 };
  for (const entry of byIntrapreneur.values()) {
    if (entry.week === 'released') week.honoured++;
    else if (entry.week === 'missed') week.missed++;
    else if (entry.week === 'unknown') week.unknown++;
  }
  db.close();
  return { mode: 'floor', timeMs, peakRssMb: maxRssMb(), baseRssMb, week };
}

/** A chat platform that sends nothing: it hands back a reference and remembers the digest. */
class RecordingChat implements ChatPort {
  readonly platform = 'bench';
  sent = 0;
  digest: WeekDigest | undefined;

  async send(delivery: Delivery): Promise<SentMessage> {
    this.sent++;
    if (delivery.message.kind === 'digest') this.digest = delivery.message.digest;
    return { platform: this.platform, ref: `bench-${this.sent}` };
  }

  async findSent(_to: Recipient, _key: string): Promise<SentMessage | null> {
    return null;
  }
}

type Phases = Record<string, { ms: number; calls: number }>;

/**
 * Times each Store method. DrizzleStore does its work synchronously inside `async` methods, so the time is taken
 * around the call itself, before awaiting: concurrent calls (loadFacts' Promise.all) are not counted twice.
 */
function timedStore(store: Store, phases: Phases): Store {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        const phase = phases[String(prop)] ?? { ms: 0, calls: 0 };
        phase.ms += performance.now() - started;
        phase.calls++;
        phases[String(prop)] = phase;
        return result;
      };
    },
  });
}

/** The bot: the evaluation use case as the scheduler runs it, on an open runtime. */
async function runBot(path: string): Promise<ChildReport> {
  const programme = buildProgramme();
  const database = openDatabase(`file:${path}`);
  migrate(database);
  const phases: Phases = {};
  const chat = new RecordingChat();
  const ctx: AppContext = {
    programme,
    store: timedStore(new DrizzleStore(database, programme.key), phases),
    chat,
    clock: { now: () => EVALUATION_TIME },
    // The production logger (pino, JSON at info), written to /dev/null.
    logger: createLogger('info', { pretty: false, destination: openSync('/dev/null', 'w') }),
  };
  const baseRssMb = maxRssMb();
  const started = performance.now();
  const result = await evaluateWeek(ctx, EVALUATED);
  const timeMs = performance.now() - started;
  closeDatabase(database);
  if (result.status !== 'done' || !chat.digest) throw new Error(`bot: evaluation ${result.status}`);
  const { honoured, missed, unknown } = chat.digest;
  return {
    mode: 'bot',
    timeMs,
    peakRssMb: maxRssMb(),
    baseRssMb,
    week: { honoured, missed, unknown },
    phases,
    outcome: { alerts: result.alerts, messages: result.messages, sent: result.sent },
  };
}

async function child(mode: string, path: string): Promise<void> {
  const report = mode === 'floor' ? runFloor(path) : await runBot(path);
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: setup, runs, table

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

function spawnChild(mode: Mode, path: string): Promise<ChildReport> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every child there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...profile, '--import', 'tsx', THIS_FILE, 'child', mode, path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
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

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function run(log: (line: string) => void): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-bench-'));
  try {
    const pristine = join(dir, 'pristine.db');
    const programme = buildProgramme();
    log(`building ${pristine} (${fmt(INTRAPRENEURS)} intrapreneurs × 52 weeks)…`);
    const setup = await buildDatabase(pristine, programme);
    log(
      `built in ${fmt(setup.seconds, 1)} s: ${fmt(setup.checkins)} check-ins, ${fmt(setup.coachingSessions)} ` +
        `coaching sessions, ${fmt(setup.outbox)} outbox rows, ${fmt(setup.alerts)} alerts, ${fmt(setup.fileMb)} MB`,
    );

    const floors: ChildReport[] = [];
    const bots: ChildReport[] = [];
    for (let i = 1; i <= RUNS; i++) {
      // The floor only reads; the bot writes, so it gets a fresh copy of the file each time.
      floors.push(await spawnChild('floor', pristine));
      log(`run ${i}/${RUNS}: floor ${fmt(floors.at(-1)?.timeMs ?? 0)} ms`);
      const copy = join(dir, `bot-${i}.db`);
      copyFileSync(pristine, copy);
      try {
        bots.push(await spawnChild('bot', copy));
      } finally {
        removeDatabase(copy);
      }
      log(`run ${i}/${RUNS}: bot ${fmt(bots.at(-1)?.timeMs ?? 0)} ms`);
    }

    const floorMs = median(floors.map((r) => r.timeMs));
    const botMs = median(bots.map((r) => r.timeMs));
    const floorRss = Math.max(...floors.map((r) => r.peakRssMb));
    const botRss = Math.max(...bots.map((r) => r.peakRssMb));
    const ratio = botMs / floorMs;
    const typical = [...bots].sort((a, b) => a.timeMs - b.timeMs)[Math.floor(bots.length / 2)] ?? bots[0];
    const floorWeek = floors[0]?.week;
    const agree = bots.every(
      (b) =>
        floorWeek !== undefined &&
        b.week.honoured === floorWeek.honoured &&
        b.week.missed === floorWeek.missed &&
        b.week.unknown === floorWeek.unknown,
    );

    const phaseRows: string[][] = [];
    if (typical?.phases) {
      let inStore = 0;
      for (const [name, phase] of Object.entries(typical.phases).sort((a, b) => b[1].ms - a[1].ms)) {
        inStore += phase.ms;
        phaseRows.push([`store.${name}`, fmt(phase.calls), fmt(phase.ms)]);
      }
      phaseRows.push(['everything else (rules, chat port, logging)', '', fmt(typical.timeMs - inStore)]);
      phaseRows.push(['total', '', fmt(typical.timeMs)]);
    }

    const lookback = `${addWeeks(EVALUATED, -LOOKBACK_WEEKS)}..${EVALUATED}`;
    return {
      tables: [
        {
          title: `Evaluation of ${EVALUATED} (lookback ${lookback}), median of ${RUNS} fresh processes each`,
          columns: ['subject', 'time (ms)', 'peak RSS (MB)', 'RSS before work (MB)', 'vs floor'],
          rows: [
            [
              'floor: raw SQL aggregate (better-sqlite3)',
              fmt(floorMs),
              fmt(floorRss),
              fmt(Math.max(...floors.map((r) => r.baseRssMb))),
              '1.0×',
            ],
            [
              'bot: evaluateWeek (DrizzleStore, no-op chat)',
              fmt(botMs),
              fmt(botRss),
              fmt(Math.max(...bots.map((r) => r.baseRssMb))),
              `${fmt(ratio, 1)}×`,
            ],
          ],
        },
        {
          title: 'Where the bot spends its time (median run; synchronous time in each Store method)',
          columns: ['phase', 'calls', 'ms'],
          rows: phaseRows,
        },
      ],
      checks: [
        { label: `bot time ≤ ${TARGET_RATIO}× floor (${fmt(ratio, 1)}×)`, ok: ratio <= TARGET_RATIO },
        { label: `bot peak RSS ≤ ${TARGET_RSS_MB} MB (${fmt(botRss)} MB)`, ok: botRss <= TARGET_RSS_MB },
        {
          label: `bot and floor agree on ${EVALUATED} (released ${floorWeek?.honoured}, missed ${floorWeek?.missed}, unknown ${floorWeek?.unknown})`,
          ok: agree,
        },
      ],
      notes: [
        `data: ${fmt(INTRAPRENEURS)} intrapreneurs in ${fmt(INTRAPRENEURS / PER_PROJECT)} projects, ` +
          `${fmt(INTRAPRENEURS / PER_PROJECT / PROJECTS_PER_COACH)} coaches, ${fmt(INTRAPRENEURS / PER_MANAGER)} ` +
          `managers, ${OWNERS} owners; ${fmt(setup.checkins)} check-ins, ${fmt(setup.coachingSessions)} coaching ` +
          `sessions, ${fmt(setup.outbox)} outbox rows, ${fmt(setup.alerts)} alerts; file ${fmt(setup.fileMb)} MB`,
        `bot outcome: ${fmt(typical?.outcome?.alerts ?? 0)} alerts, ${fmt(typical?.outcome?.messages ?? 0)} messages ` +
          `enqueued and sent to the no-op chat port`,
        'time: the measured work only (database already open, as in the running bot); RSS: whole child process, ' +
          `worst of ${RUNS}`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === THIS_FILE && process.argv[2] === 'child') {
  const [mode, path] = process.argv.slice(3);
  if ((mode !== 'floor' && mode !== 'bot') || !path)
    throw new Error('usage: evaluation.ts child floor|bot PATH');
  await child(mode, path);
}
