// One measured subject per process: the floor (raw SQL) or the bot (the evaluation use case), run by the parent
// (`bench/evaluation.ts`). By hand: `node --import tsx bench/evaluation/child.ts floor|bot|bot-deliver FILE`
// (the bot changes FILE); on PostgreSQL, `BENCH_PG_URL=postgres://… … child.ts pg-floor|pg-bot` (child-postgres.ts;
// the URL in the environment, where other users' `ps` does not show its password).
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { AppContext } from '../../src/app/context.ts';
import { addDays } from '../../src/core/calendar.ts';
import { LOOKBACK_WEEKS } from '../../src/core/compliance.ts';
import type { WeekDigest } from '../../src/core/messages.ts';
import type { ChatPort, Delivery, Recipient, SentMessage, Store } from '../../src/core/ports.ts';
import { addWeeks, weekStart } from '../../src/core/week.ts';
import { type ChildReport, maxRssMb, type Phases, RESULT_TAG, type WeekCounts } from './child-report.ts';
import { buildProgramme, EVALUATED, EVALUATION_TIME } from './programme.ts';

// The bot's modules are loaded when needed, so that the floor's process does not carry them.
const loadBot = async () => ({
  ...(await import('../../src/app/evaluation.ts')),
  ...(await import('../../src/logger.ts')),
  ...(await import('../../src/storage/database.ts')),
  ...(await import('../../src/storage/drizzle-store.ts')),
});

export {
  type ChildReport,
  type Mode,
  maxRssMb,
  type Phases,
  RESULT_TAG,
  type WeekCounts,
} from './child-report.ts';

/**
 * The floor: what the evaluation reads, aggregated straight from SQLite. Per intrapreneur over the look-back:
 * released, missed and unknown weeks, coaching points held, not held and logged by a coach; and the evaluated week's
 * state of each, from which the week's figures come.
 */
function runFloor(path: string): ChildReport {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const from = addWeeks(EVALUATED, -LOOKBACK_WEEKS);
  const monday = weekStart(EVALUATED);
  const params = {
    key: 'bench-evaluation',
    from,
    to: EVALUATED,
    week: EVALUATED,
    required: 1,
    firstMonday: weekStart(from),
    monday,
    sunday: addDays(monday, 6),
  };
  const baseRssMb = maxRssMb();
  const started = performance.now();

  const answered = db
    .prepare(
      `SELECT c.intrapreneur,
              SUM(c.release_kind = 'days' AND c.released_days >= :required) AS released,
              SUM(c.release_kind = 'days' AND c.released_days < :required) AS missed,
              SUM(c.release_kind = 'leave') AS leave,
              SUM(c.coaching_held = 1) AS held,
              SUM(c.coaching_held = 0) AS not_held,
              MAX(CASE WHEN c.week = :week THEN
                    CASE WHEN c.release_kind = 'leave' THEN 'leave'
                         WHEN c.release_kind = 'days' AND c.released_days >= :required THEN 'released'
                         WHEN c.release_kind = 'days' THEN 'missed' END END) AS this_week,
              MAX(c.week = :week AND c.coaching_held = 1 AND c.release_kind IS NOT 'leave') AS held_this_week
         FROM checkins c JOIN programmes p ON p.id = c.programme_id
        WHERE p.key = :key AND c.week BETWEEN :from AND :to
        GROUP BY c.intrapreneur`,
    )
    .all(params) as { intrapreneur: string; this_week: string | null; held_this_week: number }[];
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
    .all(params) as { intrapreneur: string; this_week: number }[];
  // A coach's log counts as the coaching point of the week of its date.
  const logged = db
    .prepare(
      `SELECT s.intrapreneur, COUNT(*) AS logged, MAX(s.date >= :monday) AS this_week
         FROM coaching_sessions s JOIN programmes p ON p.id = s.programme_id
        WHERE p.key = :key AND s.date BETWEEN :firstMonday AND :sunday
        GROUP BY s.intrapreneur`,
    )
    .all(params) as { intrapreneur: string; this_week: number }[];

  const timeMs = performance.now() - started;
  const week: WeekCounts = { honoured: 0, missed: 0, unknown: 0, coachingHeld: 0 };
  const held = new Set<string>();
  for (const row of answered) {
    if (row.this_week === 'released') week.honoured++;
    else if (row.this_week === 'missed') week.missed++;
    if (row.held_this_week) held.add(row.intrapreneur);
  }
  for (const row of unknown) if (row.this_week) week.unknown++;
  for (const row of logged) if (row.this_week) held.add(row.intrapreneur);
  week.coachingHeld = held.size;
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

/**
 * The bot: `evaluateWeek` on an open runtime, as the scheduler calls it. With no chat configured it decides and
 * records (facts read, rules applied, alerts recorded, messages enqueued); with a chat that sends nothing it then
 * delivers the messages too.
 */
async function runBot(path: string, deliver: boolean): Promise<ChildReport> {
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
    ...(deliver ? { chat } : {}),
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
  const digest = deliver
    ? chat.digest
    : queued?.message.kind === 'digest'
      ? queued.message.digest
      : undefined;
  closeDatabase(database);
  if (!digest) throw new Error('bot: no digest');
  const { honoured, missed, unknown, coachingHeld } = digest;
  return {
    mode: deliver ? 'bot-deliver' : 'bot',
    timeMs,
    peakRssMb,
    baseRssMb,
    week: { honoured, missed, unknown, coachingHeld },
    phases,
    outcome: { alerts: result.alerts, messages: result.messages, sent: result.sent },
  };
}

const [, THIS_FILE, mode, path] = process.argv;
if (THIS_FILE === fileURLToPath(import.meta.url)) {
  const usage = 'usage: child.ts floor|bot|bot-deliver FILE, or BENCH_PG_URL=… child.ts pg-floor|pg-bot';
  const url = process.env.BENCH_PG_URL ?? '';
  const report = await (async () => {
    switch (mode) {
      case 'floor':
        if (path) return runFloor(path);
        break;
      case 'bot':
      case 'bot-deliver':
        if (path) return runBot(path, mode === 'bot-deliver');
        break;
      case 'pg-floor':
        if (url) return (await import('./child-postgres.ts')).runPostgresFloor(url);
        break;
      case 'pg-bot':
        if (url) return (await import('./child-postgres.ts')).runPostgresBot(url);
        break;
    }
    throw new Error(usage);
  })();
  process.stdout.write(`${RESULT_TAG}${JSON.stringify(report)}\n`);
}
