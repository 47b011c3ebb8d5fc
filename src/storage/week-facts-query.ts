// What the compliance rules read, straight from SQLite: the packed week facts of a range of weeks.
//
// An evaluation reads them for every intrapreneur over nine weeks (about 200,000 rows for a cohort of 10,000).
// Handing each row to JavaScript cost five times what SQLite spent finding it, so SQLite packs them: one row per
// intrapreneur, whose weeks come as a list of small integers (`group_concat`), each giving the week's place in the
// range and what was said or done that week.
import { and, type Column, eq, gte, lte, sql } from 'drizzle-orm';
import { addDays } from '../core/calendar.ts';
import type { WeekRange } from '../core/ports.ts';
import { type WeekId, weekStart, weeksBetween } from '../core/week.ts';
import { WeekFacts } from '../core/week-facts.ts';
import type { DatabaseHandle } from './database.ts';
import { checkins, coachingSessions, outbox } from './schema.ts';

// An answer's code: the week's place in the range × 1024 + the coaching click × 256 + the release.
export const PLACE = 1024;
export const HELD = 256;
/** Coaching click: 0 none, 1 « non », 2 « oui ». Release: 0 none, 1 leave, 2 + twice the days (days are halves). */
export const RELEASE_DAYS = 2;

/** A constant written into the SQL: a bound number would make the sums reals (`8192.0`). */
const literal = (value: number) => sql.raw(String(value));

export function readWeekFacts(handle: DatabaseHandle, programmeId: number, range: WeekRange): WeekFacts {
  const facts = new WeekFacts();
  const weeks = weeksBetween(range.from, range.to);
  if (weeks.length === 0) return facts;
  // A week's place in the range, found by SQLite in the concatenated ids: each id is eight characters
  // (`2026-W48`), and an id can only be found where one begins.
  const list = weeks.join('');
  const place = (week: Column) => sql`(instr(${list}, ${week}) - 1) / 8`;
  const monday = weekStart(range.from);

  const answers = handle.db
    .select({
      intrapreneur: checkins.intrapreneur,
      codes: sql<string>`group_concat(${place(checkins.week)} * ${literal(PLACE)}
        + coalesce(${checkins.coachingHeld} + 1, 0) * ${literal(HELD)}
        + CASE ${checkins.releaseKind} WHEN 'leave' THEN 1
            WHEN 'days' THEN ${literal(RELEASE_DAYS)} + CAST(round(coalesce(${checkins.releasedDays}, 0) * 2) AS INTEGER)
            ELSE 0 END)`,
    })
    .from(checkins)
    .where(
      and(
        eq(checkins.programmeId, programmeId),
        gte(checkins.week, range.from),
        lte(checkins.week, range.to),
        sql`instr(${list}, ${checkins.week}) > 0`,
      ),
    )
    .groupBy(checkins.intrapreneur)
    .toSQL();

  const prompted = handle.db
    .select({ intrapreneur: outbox.recipient, places: sql<string>`group_concat(${place(outbox.week)})` })
    .from(outbox)
    .where(
      and(
        eq(outbox.programmeId, programmeId),
        // Literals, as in the `outbox_prompted` index: SQLite uses a partial index only for its own condition.
        sql`${outbox.kind} = 'prompt' and ${outbox.status} = 'sent'`,
        gte(outbox.week, range.from),
        lte(outbox.week, range.to),
        sql`instr(${list}, ${outbox.week}) > 0`,
      ),
    )
    .groupBy(outbox.recipient)
    .toSQL();

  // A session counts for the ISO week of its date: weeks are consecutive, seven days from the first Monday.
  const sessionPlace = sql`CAST((julianday(${coachingSessions.date}) - julianday(${monday})) / 7 AS INTEGER)`;
  const logged = handle.db
    .select({
      intrapreneur: coachingSessions.intrapreneur,
      places: sql<string>`group_concat(${sessionPlace})`,
    })
    .from(coachingSessions)
    .where(
      and(
        eq(coachingSessions.programmeId, programmeId),
        gte(coachingSessions.date, monday),
        lte(coachingSessions.date, addDays(weekStart(range.to), 6)),
      ),
    )
    .groupBy(coachingSessions.intrapreneur)
    .toSQL();

  const rows = (query: { sql: string; params: unknown[] }) =>
    handle.sqlite
      .prepare(query.sql)
      .raw()
      .all(...query.params) as [string, string][];
  // One read transaction, so that the three queries see the same state of the file.
  handle.db.transaction(() => {
    unpackWeekFacts(facts, range, weeks, {
      answers: rows(answers),
      prompted: rows(prompted),
      logged: rows(logged),
    });
  });
  return facts;
}

/** What the three packed queries gave, one row per intrapreneur: `[intrapreneur, codes]` and `[intrapreneur, places]`. */
export interface PackedWeekFacts {
  answers: Iterable<[string, string]>;
  prompted: Iterable<[string, string]>;
  logged: Iterable<[string, string]>;
}

/** Reads the packed rows into `facts`; `weeks` are the weeks of `range`, the places' reference. */
export function unpackWeekFacts(
  facts: WeekFacts,
  range: WeekRange,
  weeks: WeekId[],
  packed: PackedWeekFacts,
): void {
  const weekAt = (n: number): WeekId => {
    const week = weeks[n];
    if (week === undefined) throw new Error(`week facts: place ${n} outside ${range.from}..${range.to}`);
    return week;
  };
  for (const [intrapreneur, codes] of packed.answers) {
    const n = facts.numberOf(intrapreneur);
    eachInteger(codes, (code) => {
      const release = code % HELD;
      const held = Math.floor((code % PLACE) / HELD);
      facts.addAnswerOf(
        n,
        weekAt(Math.floor(code / PLACE)),
        release === 1 ? 'leave' : release >= RELEASE_DAYS ? (release - RELEASE_DAYS) / 2 : undefined,
        held === 2 ? true : held === 1 ? false : undefined,
      );
    });
  }
  for (const [intrapreneur, places] of packed.prompted) {
    const n = facts.numberOf(intrapreneur);
    eachInteger(places, (place) => facts.addAskedOf(n, weekAt(place)));
  }
  for (const [intrapreneur, places] of packed.logged) {
    const n = facts.numberOf(intrapreneur);
    eachInteger(places, (place) => facts.addLoggedOf(n, weekAt(place)));
  }
}

/** Calls `visit` with each number of a `group_concat` of non-negative integers (`12,0,1035`), read in place. */
function eachInteger(list: string, visit: (n: number) => void): void {
  let value = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === COMMA) {
      visit(value);
      value = 0;
    } else if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
    } else {
      throw new Error(`week facts: not a list of integers: ${list.slice(0, 40)}`);
    }
  }
  if (list.length > 0) visit(value);
}

const COMMA = 44;
const ZERO = 48;
const NINE = 57;

export { toRelease } from './rows.ts';
