// The evaluation benchmark's subjects on PostgreSQL, each in a process of its own as on SQLite (`child.ts`): the
// floor (the same aggregates in PostgreSQL's SQL, over node-postgres) and the bot (`evaluateWeek` over the PostgreSQL
// store, as the running bot has it).
import { openSync } from 'node:fs';
import pg from 'pg';
import type { AppContext } from '../../src/app/context.ts';
import { addDays } from '../../src/core/calendar.ts';
import { LOOKBACK_WEEKS } from '../../src/core/compliance.ts';
import type { Store } from '../../src/core/ports.ts';
import { addWeeks, weekStart } from '../../src/core/week.ts';
import { type ChildReport, maxRssMb, type Phases, type WeekCounts } from './child-report.ts';
import { buildProgramme, EVALUATED, EVALUATION_TIME } from './programme.ts';

/** What `runFloor` of child.ts reads, aggregated by the server: one row per intrapreneur and query. */
export async function runPostgresFloor(url: string): Promise<ChildReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const from = addWeeks(EVALUATED, -LOOKBACK_WEEKS);
  const monday = weekStart(EVALUATED);
  const baseRssMb = maxRssMb();
  const started = performance.now();
  const answered = await client.query<{
    intrapreneur: string;
    this_week: string | null;
    held_this_week: boolean;
  }>(
    `select c.intrapreneur,
            count(*) filter (where c.release_kind = 'days' and c.released_days >= $5) as released,
            count(*) filter (where c.release_kind = 'days' and c.released_days < $5) as missed,
            count(*) filter (where c.release_kind = 'leave') as leave,
            count(*) filter (where c.coaching_held) as held,
            count(*) filter (where not c.coaching_held) as not_held,
            max(case when c.week = $4 then
                  case when c.release_kind = 'leave' then 'leave'
                       when c.release_kind = 'days' and c.released_days >= $5 then 'released'
                       when c.release_kind = 'days' then 'missed' end end) as this_week,
            coalesce(bool_or(c.week = $4 and c.coaching_held and c.release_kind is distinct from 'leave'), false)
              as held_this_week
       from checkins c join programmes p on p.id = c.programme_id
      where p.key = $1 and c.week between $2 and $3
      group by c.intrapreneur`,
    ['bench-evaluation', from, EVALUATED, EVALUATED, 1],
  );
  const unknown = await client.query<{ intrapreneur: string; this_week: boolean }>(
    `select o.recipient as intrapreneur, count(*) as unknown, bool_or(o.week = $4) as this_week
       from outbox o join programmes p on p.id = o.programme_id
       left join checkins c on c.programme_id = o.programme_id and c.intrapreneur = o.recipient and c.week = o.week
      where p.key = $1 and o.kind = 'prompt' and o.status = 'sent' and o.week between $2 and $3
        and c.release_kind is null
      group by o.recipient`,
    ['bench-evaluation', from, EVALUATED, EVALUATED],
  );
  const logged = await client.query<{ intrapreneur: string; this_week: boolean }>(
    `select s.intrapreneur, count(*) as logged, bool_or(s.date >= $3) as this_week
       from coaching_sessions s join programmes p on p.id = s.programme_id
      where p.key = $1 and s.date between $2 and $4
      group by s.intrapreneur`,
    ['bench-evaluation', weekStart(from), monday, addDays(monday, 6)],
  );
  const timeMs = performance.now() - started;
  const week: WeekCounts = { honoured: 0, missed: 0, unknown: 0, coachingHeld: 0 };
  const held = new Set<string>();
  for (const row of answered.rows) {
    if (row.this_week === 'released') week.honoured++;
    else if (row.this_week === 'missed') week.missed++;
    if (row.held_this_week) held.add(row.intrapreneur);
  }
  for (const row of unknown.rows) if (row.this_week) week.unknown++;
  for (const row of logged.rows) if (row.this_week) held.add(row.intrapreneur);
  week.coachingHeld = held.size;
  await client.end();
  return { mode: 'pg-floor', timeMs, peakRssMb: maxRssMb(), baseRssMb, week };
}

/** `evaluateWeek` over the PostgreSQL store, no chat configured: facts read, rules applied, alerts and messages kept. */
export async function runPostgresBot(url: string): Promise<ChildReport> {
  const { evaluateWeek } = await import('../../src/app/evaluation.ts');
  const { createLogger } = await import('../../src/logger.ts');
  const { connectDatabase } = await import('../../src/storage/storage.ts');
  const programme = buildProgramme();
  const database = await connectDatabase(url);
  await database.migrate();
  const { store } = database.ports(programme.key, 'bench');
  const phases: Phases = {};
  const ctx: AppContext = {
    programme,
    store: awaitedStore(store, phases),
    clock: { now: () => EVALUATION_TIME },
    logger: createLogger('info', { pretty: false, destination: openSync('/dev/null', 'w') }),
  };
  // The programme's row id, resolved once by the running bot long before a Tuesday.
  await store.listOutbox({ week: EVALUATED, kind: 'digest' });
  const baseRssMb = maxRssMb();
  const started = performance.now();
  const result = await evaluateWeek(ctx, EVALUATED);
  const timeMs = performance.now() - started;
  const peakRssMb = maxRssMb();
  if (result.status !== 'done') throw new Error(`pg-bot: evaluation ${result.status}`);
  const [queued] = await store.listOutbox({ week: EVALUATED, kind: 'digest' });
  await database.close();
  if (queued?.message.kind !== 'digest') throw new Error('pg-bot: no digest');
  const { honoured, missed, unknown, coachingHeld } = queued.message.digest;
  return {
    mode: 'pg-bot',
    timeMs,
    peakRssMb,
    baseRssMb,
    week: { honoured, missed, unknown, coachingHeld },
    phases,
    outcome: { alerts: result.alerts, messages: result.messages, sent: result.sent },
  };
}

/**
 * Times each Store method from the call until its promise settles: on PostgreSQL the work is the server's and the
 * round trips, not synchronous. The evaluation calls them one after the other, so nothing is counted twice.
 */
function awaitedStore(store: Store, phases: Phases): Store {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          const phase = phases[String(prop)] ?? { ms: 0, calls: 0, rssMb: 0 };
          phase.ms += performance.now() - started;
          phase.calls++;
          phase.rssMb = Math.max(phase.rssMb, process.memoryUsage.rss() / 2 ** 20);
          phases[String(prop)] = phase;
        }
      };
    },
  });
}
