// Plain-text rendering of what the bot sends: used by platforms as their fallback text, by the CLI and by tests.
import type { Alert } from '../core/alerts.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { ChatMessage } from '../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { instantLabel, weekLabel } from './format.ts';

function nameOf(programme: Programme, id: string): string {
  return findPerson(programme, id)?.name ?? id;
}

/** "Enregistré : 1 jour, point de coaching tenu" — what is recorded of an answer, or that nothing is yet. */
export function recordedLine(answer: CheckinAnswer | undefined, locale: Locale): string {
  const t = messages(locale).chat.prompt;
  const parts: string[] = [];
  if (answer?.release)
    parts.push(t.releaseRecorded(answer.release.kind === 'leave' ? 'leave' : answer.release.days));
  if (answer?.coachingHeld !== undefined) parts.push(t.coachingRecorded(answer.coachingHeld));
  if (answer?.comment) parts.push(t.commentRecorded(answer.comment));
  return parts.length === 0 ? t.nothingYet : `${t.recorded} ${parts.join(', ')}`;
}

export function alertText(
  programme: Programme,
  alert: Alert,
  locale: Locale,
): { title: string; body: string } {
  const t = messages(locale).chat.alert;
  const who = nameOf(programme, alert.intrapreneur);
  const week = weekLabel(alert.week, locale);
  const r = alert.reason;
  switch (alert.kind) {
    case 'release_missed':
      return {
        title: t.title.release_missed,
        body: t.body.release_missed(who, week, r.releasedDays ?? 0, r.required),
      };
    case 'release_missed_again': {
      const details = [
        ...(r.previousWeek ? [t.detailConsecutive(weekLabel(r.previousWeek, locale))] : []),
        ...(r.rollingAverage !== undefined ? [t.detailAverage(r.rollingAverage)] : []),
      ];
      return {
        title: t.title.release_missed_again,
        body: t.body.release_missed_again(who, week, details.join(t.detailJoin)),
      };
    }
    case 'no_answer':
      return { title: t.title.no_answer, body: t.body.no_answer(who, week) };
    case 'coaching_missed':
      return {
        title: t.title.coaching_missed,
        body: t.body.coaching_missed(who, week, weekLabel(r.previousWeek ?? alert.week, locale)),
      };
  }
}

export function renderText(programme: Programme, message: ChatMessage, locale: Locale): string {
  const t = messages(locale).chat;
  switch (message.kind) {
    case 'prompt': {
      const p = t.prompt;
      return [
        p.title(weekLabel(message.week, locale)),
        p.intro(nameOf(programme, message.intrapreneur)),
        p.releaseQuestion,
        p.coachingQuestion,
        recordedLine(message.answer, locale),
      ].join('\n');
    }
    case 'reminder':
      return t.reminder(nameOf(programme, message.intrapreneur), weekLabel(message.week, locale));
    case 'alert': {
      const { title, body } = alertText(programme, message.alert, locale);
      return `${title}\n${body}`;
    }
    case 'dashboard_link':
      return t.dashboardLink(message.url, instantLabel(message.expiresAt, programme.timezone, locale));
    case 'digest': {
      const d = message.digest;
      const lines = [
        t.digest.title(weekLabel(d.week, locale)),
        t.digest.release(d.honoured, d.intrapreneurs, d.missed, d.unknown, d.exempt),
        t.digest.coaching(d.coachingHeld, d.intrapreneurs),
        t.digest.alerts(d.alerts.length),
        ...d.alerts.map((a) => t.digest.alertLine(t.alert.title[a.kind], nameOf(programme, a.intrapreneur))),
      ];
      if (d.undelivered.length > 0) {
        lines.push(t.digest.undelivered(d.undelivered.length));
        lines.push(
          ...d.undelivered.map((u) =>
            t.digest.undeliveredLine(nameOf(programme, u.recipient), u.kind, u.error),
          ),
        );
      }
      return lines.join('\n');
    }
  }
}
