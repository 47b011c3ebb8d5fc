// Benchmark: the Tuesday evaluation of a synthetic programme (10,000 intrapreneurs × 52 weeks of answers) read from
// a SQLite file, beside a raw SQL aggregate over the same file as the floor.
//
// The parent builds the file once (real migrations, programme synced through the real DrizzleStore, the bulk rows
// inserted with prepared statements: that is setup, not measured), then measures each subject in a fresh child
// process, so that the peak RSS reported is that of one measured run and nothing else. Each bot run gets its own
// copy of the file, since an evaluation writes (alerts, outbox, evaluations) and a second run on the same file would
// find everything done already. Subjects: the floor, `evaluateWeek` with a no-op chat port (what the scheduler
// runs), and `evaluateWeek` with no chat configured (facts, rules, enqueue and record, nothing dispatched).
//
// One child by hand: `node --import tsx bench/evaluation.ts child floor|bot|bot-nochat FILE` (it changes FILE).
// BENCH_CPU_PROF=<dir> npm run bench: a V8 CPU profile of every child in <dir>.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { AppContext } from '../src/app/context.ts';
import { addDays } from '../src/core/calendar.ts';
import { LOOKBACK_WEEKS } from '../src/core/compliance.ts';
import type { ChatMessage, WeekDigest } from '../src/core/messages.ts';
import type { ChatPort, Delivery, Recipient, SentMessage, Store } from '../src/core/ports.ts';
import type { Person, Programme, Project } from '../src/core/programme.ts';
import { addWeeks, type WeekId, weekStart, weeksBetween } from '../src/core/week.ts';
import type { BenchResult } from './run.ts';

// The bot's modules are loaded when needed, so that the floor's process does not carry them.
const loadBot = async () => ({
  ...(await import('../src/app/evaluation.ts')),
  ...(await import('../src/logger.ts')),
  ...(await import('../src/storage/database.ts')),
  ...(await import('../src/storage/drizzle-store.ts')),
  ...(await import('../src/storage/json.ts')),
});

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
  const { closeDatabase, DrizzleStore, encodeJson, migrate, openDatabase } = await loadBot();
  const handle = openDatabase(`file:${path}`);
  migrate(handle);
  const store = new DrizzleStore(handle, programme.key);
  await store.syncProgramme(programme, new Date('2025-12-15T09:00:00Z'));
  const { sqlite } = handle;
  // Setup only, for speed: the measured runs open the file with the bot's own settings (openDatabase: WAL,
  // synchronous NORMAL, its page cache).
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

/** `bot-nochat`: the same use case with no chat platform configured, so nothing is dispatched. */
type Mode = 'floor' | 'bot' | 'bot-nochat';

interface WeekCounts {
  honoured: number;
  missed: number;
  unknown: number;
}

interface ChildReport {
  mode: Mode;
  timeMs: number;
  /** Peak RSS of the whole child process, MB. */
  peakRssMb: number;
  /** Peak RSS just before the measured work began (modules loaded, database open), MB. */
  baseRssMb: number;
  /** The evaluated week's figures, to check that both subjects computed the same thing. */
  week: WeekCounts;
  /** Bot only: time spent in each Store method. */
  phases?: Phases;
  /** Bot only: alerts raised and messages enqueued and sent. */
  outcome?: { alerts: number; messages: number; sent: number };
}

const RESULT_TAG = 'BENCH_RESULT ';
/**
 * Peak RSS of this process, MB. Linux's `getrusage` maxRSS (what `process.resourceUsage()` reads) survives `exec`,
 * so a child would report its parent's peak when that was higher; VmHWM is the high-water mark of this image only.
 */
function maxRssMb(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(
    existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '',
  );
  return (hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS) / 1024;
}

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

/** Per Store method: synchronous time, calls, and the highest RSS sampled right after a call. */
type Phases = Record<string, { ms: number; calls: number; rssMb: number }>;

/**
 * Times each Store method. DrizzleStore does its work synchronously inside `async` methods, so the time is taken
 * around the call itself, before awaiting: concurrent calls (a `Promise.all` of several) are not counted twice.
 */
function timedStore(store: Store, phases: Phases): Store {
  // Reading the RSS costs about 10 µs; sampled at most every 20 ms so as not to slow thousands of small calls.
  let sampledAt = Number.NEGATIVE_INFINITY;
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        const phase = phases[String(prop)] ?? { ms: 0, calls: 0, rssMb: 0 };
        phase.ms += performance.now() - started;
        phase.calls++;
        const now = performance.now();
        if (phase.calls === 1 || now - sampledAt >= 20) {
          sampledAt = now;
          phase.rssMb = Math.max(phase.rssMb, process.memoryUsage.rss() / 2 ** 20);
        }
        phases[String(prop)] = phase;
        return result;
      };
    },
  });
}

/** The bot: the evaluation use case as the scheduler runs it, on an open runtime. */
async function runBot(path: string, withChat: boolean): Promise<ChildReport> {
  const { closeDatabase, createLogger, DrizzleStore, evaluateWeek, migrate, openDatabase } = await loadBot();
  const programme = buildProgramme();
  const database = openDatabase(`file:${path}`);
  migrate(database);
  const phases: Phases = {};
  const chat = new RecordingChat();
  const store = new DrizzleStore(database, programme.key);
  const ctx: AppContext = {
    programme,
    store: timedStore(store, phases),
    ...(withChat ? { chat } : {}),
    clock: { now: () => EVALUATION_TIME },
    // The production logger (pino, JSON at info), written to /dev/null.
    logger: createLogger('info', { pretty: false, destination: openSync('/dev/null', 'w') }),
  };
  const baseRssMb = maxRssMb();
  const started = performance.now();
  const result = await evaluateWeek(ctx, EVALUATED);
  const timeMs = performance.now() - started;
  const peakRssMb = maxRssMb();
  if (result.status !== 'done') throw new Error(`bot: evaluation ${result.status}`);
  // Without a chat the digest stays in the outbox; it is read back after the measurement.
  const [queued] = await store.listOutbox({ week: EVALUATED, kind: 'digest' });
  const digest = withChat
    ? chat.digest
    : queued?.message.kind === 'digest'
      ? queued.message.digest
      : undefined;
  closeDatabase(database);
  if (!digest) throw new Error('bot: no digest');
  const { honoured, missed, unknown } = digest;
  return {
    mode: withChat ? 'bot' : 'bot-nochat',
    timeMs,
    peakRssMb,
    baseRssMb,
    week: { honoured, missed, unknown },
    phases,
    outcome: { alerts: result.alerts, messages: result.messages, sent: result.sent },
  };
}

async function child(mode: string, path: string): Promise<void> {
  const report = mode === 'floor' ? runFloor(path) : await runBot(path, mode === 'bot');
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

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function measure(mode: Mode, dir: string, pristine: string, run: number): Promise<ChildReport> {
  // The floor only reads; the bot writes, so it gets a fresh copy of the file each time.
  if (mode === 'floor') return spawnChild(mode, pristine);
  const copy = join(dir, `${mode}-${run}.db`);
  copyFileSync(pristine, copy);
  try {
    return await spawnChild(mode, copy);
  } finally {
    removeDatabase(copy);
  }
}

const SUBJECTS: { mode: Mode; label: string }[] = [
  { mode: 'floor', label: 'floor: raw SQL aggregate (better-sqlite3)' },
  { mode: 'bot', label: 'bot: evaluateWeek, full (no-op chat port)' },
  { mode: 'bot-nochat', label: 'bot: evaluateWeek, no chat (nothing dispatched)' },
];

export async function run(log: (line: string) => void): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-bench-'));
  try {
    const pristine = join(dir, 'pristine.db');
    log(`building ${pristine} (${fmt(INTRAPRENEURS)} intrapreneurs × 52 weeks)…`);
    const setup = await buildDatabase(pristine, buildProgramme());
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

    const summary = (mode: Mode) => {
      const runs = reports.get(mode) ?? [];
      const sorted = [...runs].sort((a, b) => a.timeMs - b.timeMs);
      const typical = sorted[Math.floor(sorted.length / 2)];
      if (!typical) throw new Error(`no run of ${mode}`);
      return {
        runs,
        typical,
        timeMs: typical.timeMs,
        bestMs: sorted[0]?.timeMs ?? typical.timeMs,
        peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
        baseRssMb: Math.max(...runs.map((r) => r.baseRssMb)),
      };
    };
    const floor = summary('floor');
    const bot = summary('bot');
    const ratio = bot.timeMs / floor.timeMs;
    const floorWeek = floor.typical.week;
    const agree = [...reports.values()]
      .flat()
      .every(
        (r) =>
          r.week.honoured === floorWeek.honoured &&
          r.week.missed === floorWeek.missed &&
          r.week.unknown === floorWeek.unknown,
      );

    const phaseRows: string[][] = [];
    let inStore = 0;
    const phases = Object.entries(bot.typical.phases ?? {}).sort((a, b) => b[1].ms - a[1].ms);
    for (const [name, phase] of phases) {
      inStore += phase.ms;
      phaseRows.push([`store.${name}`, fmt(phase.calls), fmt(phase.ms), fmt(phase.rssMb)]);
    }
    phaseRows.push(['everything else (rules, chat port, logging)', '', fmt(bot.timeMs - inStore), '']);
    phaseRows.push(['total', '', fmt(bot.timeMs), fmt(bot.typical.peakRssMb)]);

    const lookback = `${addWeeks(EVALUATED, -LOOKBACK_WEEKS)}..${EVALUATED}`;
    const outcome = bot.typical.outcome;
    return {
      tables: [
        {
          title:
            `Evaluation of ${EVALUATED} (lookback ${lookback}): median time and worst peak RSS of ${RUNS} ` +
            'fresh processes each',
          columns: ['subject', 'time (ms)', 'best (ms)', 'peak RSS (MB)', 'RSS before work (MB)', 'vs floor'],
          rows: SUBJECTS.map(({ mode, label }) => {
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
        },
        {
          title:
            'Where the full evaluation spends its time (median run; synchronous time in each Store method)',
          columns: ['phase', 'calls', 'ms', 'RSS after (MB)'],
          rows: phaseRows,
        },
      ],
      checks: [
        { label: `bot time ≤ ${TARGET_RATIO}× floor (${fmt(ratio, 1)}×)`, ok: ratio <= TARGET_RATIO },
        {
          label: `bot peak RSS ≤ ${TARGET_RSS_MB} MB (${fmt(bot.peakRssMb)} MB)`,
          ok: bot.peakRssMb <= TARGET_RSS_MB,
        },
        {
          label:
            `bot and floor agree on ${EVALUATED} (released ${floorWeek.honoured}, missed ${floorWeek.missed}, ` +
            `unknown ${floorWeek.unknown})`,
          ok: agree,
        },
      ],
      notes: [
        `data: ${fmt(INTRAPRENEURS)} intrapreneurs in ${fmt(INTRAPRENEURS / PER_PROJECT)} projects, ` +
          `${fmt(INTRAPRENEURS / PER_PROJECT / PROJECTS_PER_COACH)} coaches, ${fmt(INTRAPRENEURS / PER_MANAGER)} ` +
          `managers, ${OWNERS} owners; ${fmt(setup.checkins)} check-ins, ${fmt(setup.coachingSessions)} coaching ` +
          `sessions, ${fmt(setup.outbox)} outbox rows, ${fmt(setup.alerts)} alerts; file ${fmt(setup.fileMb)} MB ` +
          `(built in ${fmt(setup.seconds)} s, not measured)`,
        `the evaluation raises ${fmt(outcome?.alerts ?? 0)} alerts and enqueues ${fmt(outcome?.messages ?? 0)} ` +
          `messages (alerts and digests); the full run also sends them to the no-op chat port`,
        'time: the measured work only, the database already open as in the running bot; RSS: the whole child ' +
          'process (Node, tsx loader, modules): its high-water mark, VmHWM',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === THIS_FILE && process.argv[2] === 'child') {
  const [mode, path] = process.argv.slice(3);
  if (!(mode === 'floor' || mode === 'bot' || mode === 'bot-nochat') || !path) {
    throw new Error('usage: evaluation.ts child floor|bot|bot-nochat PATH');
  }
  await child(mode, path);
}
