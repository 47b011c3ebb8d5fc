// Dates and weeks written the way the programme's people read them ("semaine 48, du 23 au 27 novembre").
import { isoWeekday, type LocalDate, localDateTimeOf } from '../core/calendar.ts';
import type { Locale } from '../core/programme.ts';
import { type WeekId, weekParts, weekWorkdays } from '../core/week.ts';
import { messages } from '../i18n/index.ts';

function monthDay(date: LocalDate): { m: number; d: number } {
  return { m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

export function weekLabel(week: WeekId, locale: Locale): string {
  const days = weekWorkdays(week);
  return messages(locale).dates.week(
    weekParts(week).week,
    monthDay(days[0] as LocalDate),
    monthDay(days[4] as LocalDate),
  );
}

export function dateLabel(date: LocalDate, locale: Locale): string {
  const { m, d } = monthDay(date);
  return messages(locale).dates.date(Number(date.slice(0, 4)), m, d);
}

export function shortDateLabel(date: LocalDate, locale: Locale): string {
  const { m, d } = monthDay(date);
  return messages(locale).dates.dayMonth(m, d);
}

/** An instant as a person reads it on the programme's clock: "vendredi 4 décembre à 14 h 43", never UTC. */
export function instantLabel(instant: Date, timeZone: string, locale: Locale): string {
  const local = localDateTimeOf(instant, timeZone);
  const { m, d } = monthDay(local.date);
  return messages(locale).dates.instant({
    weekday: isoWeekday(local.date),
    m,
    d,
    hour: local.hour,
    minute: local.minute,
  });
}
