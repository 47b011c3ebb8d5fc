// The committee pack's words, shared by its web page and its PDF so that both say the same: each week's released day
// and coaching point in words, the figures, the chart's bars and the period.
import type { CommitteePack, PackFigures, PackIntrapreneur, PackWeek } from '../app/committee-pack.ts';
import type { AlertRule } from '../core/alerts.ts';
import { addDays } from '../core/calendar.ts';
import type { Locale } from '../core/programme.ts';
import { weekParts, weekStart } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { formatNumber } from '../i18n/plural.ts';
import { dateLabel, weekLabel } from './format.ts';

export function releaseWords(week: PackWeek, locale: Locale): string {
  const t = messages(locale).dashboard.release.spoken;
  switch (week.release) {
    case 'honoured':
      return t.honoured(week.releasedDays ?? 0);
    case 'missed':
      return t.missed(week.releasedDays ?? 0);
    case 'exempt':
      return week.leave ? t.leave : t.closed;
    case 'unknown':
      return week.pending ? t.pending : t.noAnswer;
    case 'not_asked':
      return t.notAsked;
  }
}

export function coachingWords(week: PackWeek, locale: Locale): string {
  const t = messages(locale).dashboard.coaching.spoken;
  switch (week.coaching) {
    case 'held':
      if (week.coachingAnswered === false) return t.disagree;
      if (week.coachingLogged && week.coachingAnswered) return t.both;
      return week.coachingLogged ? t.logged : t.answered;
    case 'missed':
      return t.missed;
    case 'exempt':
      return week.leave ? t.leave : t.closed;
    case 'unknown':
      return week.release === 'unknown' && week.pending ? t.pending : t.noAnswer;
    case 'not_asked':
      return t.notAsked;
  }
}

export function alertWords(rules: readonly AlertRule[], locale: Locale): string {
  const t = messages(locale);
  return rules.length
    ? rules.map((rule) => t.chat.alert.title[rule]).join(t.pack.weeks.between)
    : t.pack.weeks.none;
}

export function daysText(n: number, locale: Locale): string {
  return messages(locale).pack.days(n);
}

export function durationText(minutes: number | undefined, locale: Locale): string {
  const t = messages(locale);
  return minutes === undefined ? t.pack.sessions.noDuration : t.commands.duration(minutes);
}

/** The figures table: one line per indicator, label and value. */
export function figureLines(figures: PackFigures, locale: Locale): { label: string; value: string }[] {
  const t = messages(locale).pack.figures;
  const n = (x: number) => formatNumber(locale, x);
  return [
    { label: t.asked, value: n(figures.asked) },
    { label: t.answered, value: n(figures.answered) },
    { label: t.exempt, value: t.exemptDetail(figures.exemptLeave, figures.exemptClosed) },
    { label: t.releasedDays, value: daysText(figures.releasedDays, locale) },
    { label: t.honoured, value: n(figures.honoured) },
    { label: t.missed, value: n(figures.missed) },
    { label: t.noAnswer, value: n(figures.noAnswer) },
    {
      label: t.coachingHeld,
      value: t.coachingDetail(figures.coachingHeld, figures.coachingAnswered, figures.coachingLogged),
    },
    { label: t.coachingMissed, value: n(figures.coachingMissed) },
    { label: t.alerts, value: n(figures.alerts) },
    {
      label: t.sessions,
      value: t.sessionsDetail(
        figures.sessions,
        figures.sessionMinutes > 0 ? messages(locale).commands.duration(figures.sessionMinutes) : undefined,
      ),
    },
  ];
}

/** "Pré-incubation suivie du 19 octobre 2026 au 29 novembre 2026 (6 semaines)", or that nothing started yet. */
export function periodText(pack: CommitteePack, locale: Locale): string {
  const t = messages(locale).pack;
  if (pack.weeks.length === 0) return t.notStarted;
  return t.period(
    dateLabel(weekStart(pack.from), locale),
    dateLabel(addDays(weekStart(pack.to), 6), locale),
    pack.weeks.length,
  );
}

/** One bar of the released-days chart: a height in days, or a mark saying why there is none. */
export interface ChartBar {
  week: PackWeek['week'];
  /** "S48" / "W48". */
  label: string;
  days: number | null;
  /** Under the minimum: drawn in the colour that says so, and marked. */
  missed: boolean;
  /** Written where there is no bar: leave, closure, no answer, not asked. */
  mark?: string;
}

export function chartBars(intrapreneur: PackIntrapreneur, locale: Locale): ChartBar[] {
  const t = messages(locale).pack.chart;
  return intrapreneur.weeks.map((w) => {
    const label = messages(locale).dates.weekShort(weekParts(w.week).week);
    if (w.release === 'honoured' || w.release === 'missed')
      return { week: w.week, label, days: w.releasedDays ?? 0, missed: w.release === 'missed' };
    const mark =
      w.release === 'exempt'
        ? w.leave
          ? t.leave
          : t.closed
        : w.release === 'unknown' && !w.pending
          ? t.noAnswer
          : '—';
    return { week: w.week, label, days: null, missed: false, mark };
  });
}

/** What the chart says, for those who cannot see it: the total, the weeks counted and the minimum. */
export function chartSummary(intrapreneur: PackIntrapreneur, locale: Locale): string {
  const f = intrapreneur.figures;
  return messages(locale).pack.chart.summary(f.releasedDays, f.honoured + f.missed, intrapreneur.minimumDays);
}

export { weekLabel };
