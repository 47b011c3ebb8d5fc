// What the compliance rules read, on PostgreSQL: the packed week facts of a range of weeks, as SQLite packs them
// (`../week-facts-query.ts`), with `string_agg` for `group_concat` and the week's place in the range found by
// `array_position`. The three queries run in one read-only snapshot, so that they see the same state.
import { addDays } from '../../core/calendar.ts';
import type { WeekRange } from '../../core/ports.ts';
import { weekStart, weeksBetween } from '../../core/week.ts';
import { WeekFacts } from '../../core/week-facts.ts';
import { HELD, PLACE, RELEASE_DAYS, unpackWeekFacts } from '../week-facts-query.ts';
import type { PgHandle } from './handle.ts';

const ANSWERS = `
  select intrapreneur, string_agg((
      (array_position($2::text[], week) - 1) * ${PLACE}
      + coalesce(coaching_held::int + 1, 0) * ${HELD}
      + case release_kind when 'leave' then 1
          when 'days' then ${RELEASE_DAYS} + round(coalesce(released_days, 0) * 2)::int
          else 0 end
    )::text, ',')
  from checkins
  where programme_id = $1 and week >= $3 and week <= $4 and week = any($2::text[])
  group by intrapreneur`;

// Literals, as in the `outbox_prompted` index: a partial index serves a query that names its condition.
const PROMPTED = `
  select recipient, string_agg((array_position($2::text[], week) - 1)::text, ',')
  from outbox
  where programme_id = $1 and kind = 'prompt' and status = 'sent'
    and week >= $3 and week <= $4 and week = any($2::text[])
  group by recipient`;

// A session counts for the ISO week of its date: weeks are consecutive, seven days from the first Monday.
const LOGGED = `
  select intrapreneur, string_agg(((date::date - $2::text::date) / 7)::text, ',')
  from coaching_sessions
  where programme_id = $1 and date >= $2::text and date <= $3::text
  group by intrapreneur`;

export async function readWeekFacts(
  handle: PgHandle,
  programmeId: number,
  range: WeekRange,
): Promise<WeekFacts> {
  const facts = new WeekFacts();
  const weeks = weeksBetween(range.from, range.to);
  if (weeks.length === 0) return facts;
  const monday = weekStart(range.from);
  const client = await handle.pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    try {
      const rows = async (name: string, text: string, values: unknown[]) =>
        (await client.query<[string, string]>({ name, text, values, rowMode: 'array' })).rows;
      const answers = await rows('week-facts-answers', ANSWERS, [programmeId, weeks, range.from, range.to]);
      const prompted = await rows('week-facts-prompted', PROMPTED, [
        programmeId,
        weeks,
        range.from,
        range.to,
      ]);
      const logged = await rows('week-facts-logged', LOGGED, [
        programmeId,
        monday,
        addDays(weekStart(range.to), 6),
      ]);
      unpackWeekFacts(facts, range, weeks, { answers, prompted, logged });
    } finally {
      await client.query('rollback');
    }
  } finally {
    client.release();
  }
  return facts;
}
