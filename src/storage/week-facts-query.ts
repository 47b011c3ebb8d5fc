// What the compliance rules read, straight from SQLite: the packed week facts of a range of weeks.
import { and, eq, gte, lte } from 'drizzle-orm';
import { addDays, type LocalDate } from '../core/calendar.ts';
import type { Release, ReleasedDays } from '../core/checkin.ts';
import type { WeekRange } from '../core/ports.ts';
import { type WeekId, weekOfDate, weekStart } from '../core/week.ts';
import { WeekFacts } from '../core/week-facts.ts';
import type { DatabaseHandle } from './database.ts';
import { eachPrompted } from './outbox-repository.ts';
import { checkins, coachingSessions } from './schema.ts';

export function readWeekFacts(handle: DatabaseHandle, programmeId: number, range: WeekRange): WeekFacts {
  const facts = new WeekFacts();
  // Tens of thousands of rows at an evaluation: each query is built by Drizzle, then run as raw rows read one at a
  // time (no row objects, no Dates, no comments), so that only the packed facts stay. One read transaction, so that
  // the three queries see the same state of the file.
  handle.db.transaction(() => {
    const answers = handle.db
      .select({
        intrapreneur: checkins.intrapreneur,
        week: checkins.week,
        releaseKind: checkins.releaseKind,
        releasedDays: checkins.releasedDays,
        coachingHeld: checkins.coachingHeld,
      })
      .from(checkins)
      .where(
        and(
          eq(checkins.programmeId, programmeId),
          gte(checkins.week, range.from),
          lte(checkins.week, range.to),
        ),
      )
      .toSQL();
    const rows = handle.sqlite
      .prepare(answers.sql)
      .raw()
      .iterate(...answers.params) as IterableIterator<
      [string, WeekId, 'days' | 'leave' | null, number | null, number | null]
    >;
    for (const [intrapreneur, week, releaseKind, releasedDays, coachingHeld] of rows) {
      facts.addAnswer({
        intrapreneur,
        week,
        release: toRelease(releaseKind, releasedDays),
        coachingHeld: coachingHeld === null ? undefined : coachingHeld === 1,
      });
    }

    eachPrompted(handle.db, handle.sqlite, programmeId, range, (intrapreneur, week) =>
      facts.addAsked(intrapreneur, week),
    );

    const sessions = handle.db
      .select({ intrapreneur: coachingSessions.intrapreneur, date: coachingSessions.date })
      .from(coachingSessions)
      .where(
        and(
          eq(coachingSessions.programmeId, programmeId),
          gte(coachingSessions.date, weekStart(range.from)),
          lte(coachingSessions.date, addDays(weekStart(range.to), 6)),
        ),
      )
      .toSQL();
    const weekOf = new Map<string, WeekId>();
    for (const [intrapreneur, date] of handle.sqlite
      .prepare(sessions.sql)
      .raw()
      .iterate(...sessions.params) as IterableIterator<[string, LocalDate]>) {
      let week = weekOf.get(date);
      if (week === undefined) {
        week = weekOfDate(date);
        weekOf.set(date, week);
      }
      facts.addLogged(intrapreneur, week);
    }
  });
  return facts;
}

/** A stored release (kind and days columns) as the core's value. */
export function toRelease(kind: 'days' | 'leave' | null, days: number | null): Release | undefined {
  if (kind === 'leave') return { kind: 'leave' };
  if (kind === 'days') return { kind: 'days', days: (days ?? 0) as ReleasedDays };
  return undefined;
}
