// What each message says as a mail: a subject, a heading and blocks of content (paragraphs, questions with one link
// per answer, lists), from the same words and plain-text renderers the chat platforms use. render.ts writes the
// blocks out twice, as HTML and as the plain-text part.

import type { Alert } from '../../core/alerts.ts';
import { type Choice, coachingChoices, releaseChoices } from '../../core/choice.ts';
import type { ChatMessage } from '../../core/messages.ts';
import {
  findPerson,
  intrapreneurRoles,
  type Locale,
  type Person,
  type Programme,
} from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import { messages } from '../../i18n/index.ts';
import { instantLabel, weekLabel } from '../../render/format.ts';
import { alertText, programmeLine, recordedLine, renderText } from '../../render/render-text.ts';

export type Block =
  | { kind: 'text'; text: string }
  /** A question, then one link per answer. */
  | { kind: 'choices'; question: string; links: { label: string; url: string }[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'link'; label: string; url: string }
  /** Smaller print: what the links are, how long they work. */
  | { kind: 'note'; text: string };

export interface MailContent {
  subject: string;
  heading: string;
  blocks: Block[];
  footer: string;
}

export interface MailLinks {
  /**
   * The pages of an intrapreneur's check-in of a week, each with a `choice` ready to confirm: one signed link, so
   * that a mail's eight links cost one signature.
   */
  checkin(intrapreneur: string, week: WeekId): (choice?: Choice) => string;
  /** A fresh dashboard link for an owner; undefined where none can be signed. */
  dashboard(owner: string): { url: string; expiresAt: Date } | undefined;
}

export interface MailRequest {
  programme: Programme;
  message: ChatMessage;
  locale: Locale;
  recipient: Person;
  links: MailLinks;
}

const nameOf = (programme: Programme, id: string) => findPerson(programme, id)?.name ?? id;

function checkinBlocks(request: MailRequest, intrapreneur: string, week: WeekId): Block[] {
  const p = messages(request.locale).chat.prompt;
  const e = messages(request.locale).email.prompt;
  const page = request.links.checkin(intrapreneur, week);
  const link = (label: string, choice: Choice) => ({ label, url: page(choice) });
  return [
    {
      kind: 'choices',
      question: p.releaseQuestion,
      links: releaseChoices.map((c) => link(e.release[c] ?? c, c)),
    },
    {
      kind: 'choices',
      question: p.coachingQuestion,
      links: coachingChoices.map((c) => link(e.coaching[c], c)),
    },
  ];
}

/** Which programme a check-in is about, for someone who is an intrapreneur in several. */
function programmeBlocks(message: { programme?: string }, locale: Locale): Block[] {
  const line = programmeLine(message, locale);
  return line ? [{ kind: 'text', text: line }] : [];
}

/** The dashboard link an owner's alert or digest carries. */
function dashboardBlocks(request: MailRequest): Block[] {
  if (!request.programme.owners.includes(request.recipient.id)) return [];
  const link = request.links.dashboard(request.recipient.id);
  if (!link) return [];
  const t = messages(request.locale).email.dashboard;
  return [
    { kind: 'link', label: t.open, url: link.url },
    { kind: 'note', text: t.until(instantLabel(link.expiresAt, request.programme.timezone, request.locale)) },
  ];
}

/** Why this person gets an alert about someone else: the one thing a manager on e-mail alone cannot guess. */
function whyBlocks(request: MailRequest, alert: Alert): Block[] {
  const why = messages(request.locale).email.alert.why;
  const me = request.recipient.id;
  const role = intrapreneurRoles(request.programme).find((r) => r.person === alert.intrapreneur);
  const text = request.programme.owners.includes(me)
    ? why.owner
    : role?.manager === me
      ? why.manager
      : role?.coach === me
        ? why.coach
        : undefined;
  return text ? [{ kind: 'text', text }] : [];
}

/** The digest's lines as the chat shows them, bullets gathered into lists. */
function linesAsBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const item = /^•\s*(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (!item) blocks.push({ kind: 'text', text: line });
    else if (last?.kind === 'list') last.items.push(item[1] ?? '');
    else blocks.push({ kind: 'list', items: [item[1] ?? ''] });
  }
  return blocks;
}

export function composeMail(request: MailRequest): MailContent {
  const { programme, message, locale } = request;
  const t = messages(locale);
  const footer = t.email.footer(programme.name, programme.organisation);
  switch (message.kind) {
    case 'prompt': {
      const title = t.chat.prompt.title(weekLabel(message.week, locale));
      return {
        subject: title,
        heading: title,
        blocks: [
          ...programmeBlocks(message, locale),
          { kind: 'text', text: t.email.prompt.intro(nameOf(programme, message.intrapreneur)) },
          ...checkinBlocks(request, message.intrapreneur, message.week),
          ...(message.answer ? [{ kind: 'text' as const, text: recordedLine(message.answer, locale) }] : []),
          { kind: 'note', text: t.email.prompt.personal },
        ],
        footer,
      };
    }
    case 'reminder': {
      const title = t.chat.prompt.title(weekLabel(message.week, locale));
      return {
        // The subject of the prompt it answers, so that every mail client files them together.
        subject: `${t.email.reminder.subjectPrefix}${title}`,
        heading: title,
        blocks: [
          ...programmeBlocks(message, locale),
          {
            kind: 'text',
            text: t.email.reminder.body(
              nameOf(programme, message.intrapreneur),
              weekLabel(message.week, locale),
            ),
          },
          ...checkinBlocks(request, message.intrapreneur, message.week),
          { kind: 'note', text: t.email.prompt.personal },
        ],
        footer,
      };
    }
    case 'alert': {
      const { title, body } = alertText(programme, message.alert, locale);
      return {
        subject: t.email.alert.subject(title, nameOf(programme, message.alert.intrapreneur)),
        heading: title,
        blocks: [
          { kind: 'text', text: body },
          ...whyBlocks(request, message.alert),
          ...dashboardBlocks(request),
        ],
        footer,
      };
    }
    case 'digest': {
      const [title = '', ...lines] = renderText(programme, message, locale).split('\n');
      return {
        subject: title,
        heading: title,
        blocks: [...linesAsBlocks(lines), ...dashboardBlocks(request)],
        footer,
      };
    }
    case 'dashboard_link': {
      const d = t.email.dashboard;
      return {
        subject: d.subject,
        heading: d.subject,
        blocks: [
          { kind: 'link', label: d.open, url: message.url },
          { kind: 'note', text: d.until(instantLabel(message.expiresAt, programme.timezone, locale)) },
        ],
        footer,
      };
    }
  }
}
