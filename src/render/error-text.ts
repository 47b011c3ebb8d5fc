// The sentence for an error a user can act on, in their language.
import { type AppError, isStorageError, type StorageAction } from '../core/errors.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { parseWeek } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { dateLabel, weekLabel } from './format.ts';

export function errorText(programme: Programme, error: AppError, locale: Locale): string {
  const t = messages(locale).commands.errors;
  const p = error.params as Record<string, string | undefined>;
  const name = (id: string | undefined) => (id ? (findPerson(programme, id)?.name ?? id) : undefined);
  const week = (w: string | undefined) => (w && parseWeek(w) ? weekLabel(w, locale) : (w ?? ''));
  if (isStorageError(error)) {
    const action = (p.action as StorageAction | undefined) ?? 'command';
    return t.refused(t.not_recorded[action], t.storage[error.code]);
  }
  // With its ISO name too: "semaine 10, du 2 au 6 mars (2099-W10)" says which year.
  const fullWeek = (w: string | undefined) =>
    w && parseWeek(w) ? `${weekLabel(w, locale)} (${w})` : t.weekNumber(w ?? '');
  switch (error.code) {
    case 'not_allowed': {
      const action = p.action as keyof typeof t.not_allowed;
      if (action === 'history') return t.not_allowed.history(name(p.person));
      if (action === 'project') return t.not_allowed.project(p.project ?? '');
      return t.not_allowed[action ?? 'answer'](name(p.person) ?? '');
    }
    case 'unknown_person':
      return t.unknown_person(p.mention ?? '');
    case 'not_intrapreneur':
      return t.not_intrapreneur(name(p.person) ?? '');
    case 'unknown_project':
      return t.unknown_project(p.project ?? '', programme.projects.map((x) => x.id).join(', '));
    case 'week_invalid':
      return t.week_invalid(p.week ?? '');
    case 'week_closed':
      return t.week_closed(week(p.week));
    case 'comment_too_long':
      return t.comment_too_long(Number(error.params.max), Number(error.params.length));
    case 'week_not_started':
      return t.week_not_started(fullWeek(p.week), fullWeek(p.latest));
    case 'week_not_over':
      return t.week_not_over(fullWeek(p.week), fullWeek(p.latest));
    case 'week_not_followed':
      return t.week_not_followed(fullWeek(p.week));
    case 'coaching_log_syntax': {
      const code = p.code as keyof typeof t.coaching_log;
      if (code === 'before_checkins') {
        const from = p.from ?? programme.checkins.from;
        return t.coaching_log.before_checkins(dateLabel(p.date ?? from, locale), dateLabel(from, locale));
      }
      const message = t.coaching_log[code];
      return typeof message === 'function' ? message(p.token ?? '') : message;
    }
    case 'coaching_notes_too_long':
      return t.notes_too_long(Number(error.params.length), Number(error.params.max));
    default:
      return error.message;
  }
}
