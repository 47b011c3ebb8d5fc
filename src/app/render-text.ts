// Plain-text rendering of what the bot sends: used by platforms as their fallback text, by the CLI and by tests.
import type { Alert } from '../core/alerts.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { Choice } from '../core/choice.ts';
import type { CorrectionSummary } from '../core/correction.ts';
import type { ChatMessage } from '../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../core/programme.ts';
import { type WeekId, weekParts } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { weekLabel } from './format.ts';

/** The digest names this many corrections at most; the rest are counted (the dashboard shows every figure). */
const DIGEST_CORRECTIONS = 10;

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

/** "0,5 jour", "en congés", "point de coaching tenu": a figure as a correction shows it before and after. */
function choiceText(field: CorrectionSummary['field'], choice: Choice | undefined, locale: Locale): string {
  const t = messages(locale).chat;
  if (choice === undefined) return t.digest.noAnswer;
  if (field === 'coaching') return t.prompt.coachingRecorded(choice === 'yes');
  return t.prompt.releaseRecorded(choice === 'leave' ? 'leave' : Number(choice));
}

/** The digest's lines about owners' corrections: a title, then one line each (a bounded number). */
export function correctionLines(
  programme: Programme,
  corrections: readonly CorrectionSummary[],
  locale: Locale,
): string[] {
  if (corrections.length === 0) return [];
  const t = messages(locale).chat.digest;
  const week = (w: WeekId) => weekParts(w).week;
  const shown = corrections
    .slice(0, DIGEST_CORRECTIONS)
    .map((c) =>
      t.correctionLine(
        nameOf(programme, c.intrapreneur),
        week(c.week),
        choiceText(c.field, c.before, locale),
        choiceText(c.field, c.after, locale),
        c.by.map((id) => nameOf(programme, id)).join(', '),
      ),
    );
  const more = corrections.length - shown.length;
  return [t.corrections(corrections.length), ...shown, ...(more > 0 ? [t.moreCorrections(more)] : [])];
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
      return t.dashboardLink(message.url, message.expiresAt.toISOString().slice(0, 16).replace('T', ' '));
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
      lines.push(...correctionLines(programme, d.corrections ?? [], locale));
      return lines.join('\n');
    }
  }
}
