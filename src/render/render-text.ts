// Plain-text rendering of what the bot sends: used by platforms as their fallback text, by the CLI and by tests.
import { type Alert, alertRule } from '../core/alerts.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { ChatMessage } from '../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { digestBody, digestTitle } from './digest-text.ts';
import { fitText } from './fit.ts';
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

/**
 * "Programme : Hauts-de-France" — which programme a check-in is about, for someone who is an intrapreneur in several;
 * undefined for everyone else, whose messages do not change.
 */
export function programmeLine(about: { programme?: string }, locale: Locale): string | undefined {
  return about.programme === undefined ? undefined : messages(locale).chat.prompt.programme(about.programme);
}

const lineOf = (line: string | undefined): string[] => (line === undefined ? [] : [line]);

export function alertText(
  programme: Programme,
  alert: Pick<Alert, 'kind' | 'intrapreneur' | 'week' | 'reason'>,
  locale: Locale,
): { title: string; body: string } {
  const t = messages(locale).chat.alert;
  const who = nameOf(programme, alert.intrapreneur);
  const week = weekLabel(alert.week, locale);
  const r = alert.reason;
  const rule = alertRule(alert);
  const title = t.title[rule];
  const individual = r.individual === true;
  switch (rule) {
    case 'release_missed':
      return { title, body: t.body.release_missed(who, week, r.releasedDays ?? 0, r.required, individual) };
    case 'release_two_weeks': {
      const previous = weekLabel(r.previousWeek ?? alert.week, locale);
      const average = r.rollingAverage === undefined ? '' : t.body.alsoAverage(r.rollingAverage);
      return {
        title,
        body: `${t.body.release_two_weeks(who, week, r.releasedDays ?? 0, r.required, individual, previous)}${average}${t.body.guarantee}`,
      };
    }
    case 'release_average':
      return {
        title,
        body: `${t.body.release_average(who, week, r.releasedDays ?? 0, r.required, individual, r.rollingAverage ?? 0)}${t.body.guarantee}`,
      };
    case 'no_answer':
      return { title, body: t.body.no_answer(who, week) };
    case 'coaching_missed':
      return {
        title,
        body: t.body.coaching_missed(who, week, weekLabel(r.previousWeek ?? alert.week, locale)),
      };
  }
}

/**
 * The plain text of a message within `max` characters: a digest is summarised to fit (see digest-text.ts), anything
 * else cut at a word.
 */
export function renderText(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  max = Number.POSITIVE_INFINITY,
): string {
  return fitText(plainText(programme, message, locale, max), max);
}

function plainText(programme: Programme, message: ChatMessage, locale: Locale, max: number): string {
  const t = messages(locale).chat;
  switch (message.kind) {
    case 'prompt': {
      const p = t.prompt;
      return [
        p.title(weekLabel(message.week, locale)),
        ...lineOf(programmeLine(message, locale)),
        p.intro(nameOf(programme, message.intrapreneur)),
        p.releaseQuestion,
        p.coachingQuestion,
        recordedLine(message.answer, locale),
      ].join('\n');
    }
    case 'reminder':
      return [
        t.reminder(nameOf(programme, message.intrapreneur), weekLabel(message.week, locale)),
        ...lineOf(programmeLine(message, locale)),
      ].join('\n');
    case 'alert': {
      const { title, body } = alertText(programme, message.alert, locale);
      return `${title}\n${body}`;
    }
    case 'dashboard_link':
      return t.dashboardLink(message.url, instantLabel(message.expiresAt, programme.timezone, locale));
    case 'digest': {
      const title = digestTitle(message.digest, locale);
      return `${title}\n${digestBody(programme, message.digest, locale, max - title.length - 1)}`;
    }
  }
}

/**
 * What a platform sends instead when it refused a message's shape (its blocks or attachments): the plain text, and
 * for a check-in, how to answer without its buttons.
 */
export function plainFallback(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  max: number,
): string {
  const hint = message.kind === 'prompt' ? `\n${messages(locale).chat.prompt.answerWithCommand}` : '';
  return `${renderText(programme, message, locale, max - hint.length)}${hint}`;
}
