// What the bot's messages look like in Mattermost: Markdown text, and for the check-in, message attachments with
// interactive buttons whose context is signed (see signing.ts).

import type { CheckinAnswer } from '../../core/checkin.ts';
import { coachingChoice, type ReleaseChoice, releaseChoice, releaseChoices } from '../../core/choice.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { findPerson, type Locale, type Programme } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import { messages } from '../../i18n/index.ts';
import { digestBody, digestTitle } from '../../render/digest-text.ts';
import { fitText } from '../../render/fit.ts';
import { weekLabel } from '../../render/format.ts';
import {
  alertText,
  plainFallback,
  programmeLine,
  recordedLine,
  renderText,
} from '../../render/render-text.ts';
import { MATTERMOST_LIMITS } from '../limits.ts';
import type { ActionContext, ContextSigner } from './signing.ts';

export interface Button {
  /** Mattermost routes clicks by this id: letters and digits only. */
  id: string;
  type: 'button';
  name: string;
  style: 'default' | 'primary';
  integration: { url: string; context: ActionContext };
}

export interface Attachment {
  fallback: string;
  color?: string;
  title?: string;
  text: string;
  actions?: Button[];
}

export interface RenderedPost {
  message: string;
  attachments: Attachment[];
}

export interface CheckinLinks {
  /** `PUBLIC_URL/mattermost/action`. */
  actionUrl: string;
  signer: ContextSigner;
  /** The programme's key, signed into each button, when the deployment serves several. */
  programme?: string;
}

/** The check-in of one week for one intrapreneur, as a prompt (direct message) or as the `/checkin` form. */
export interface CheckinForm {
  intrapreneur: string;
  week: WeekId;
  answer?: CheckinAnswer;
  form: ActionContext['form'];
  locale: Locale;
  /** The owner who opened `intrapreneur`'s check-in to answer for them: their clicks only are accepted. */
  by?: string;
  /** The programme's name, when the intrapreneur is one in several programmes: the prompt says which. */
  programme?: string;
}

// The DSFR's « bleu France ».
const CHECKIN_COLOUR = '#000091';

/** Each released-days button's id within the post (Mattermost wants them alphanumeric). */
const BUTTON_IDS: Record<ReleaseChoice, string> = {
  '0': 'd0',
  '0.5': 'd05',
  '1': 'd1',
  '1.5': 'd15',
  '2': 'd2',
  leave: 'leave',
};

export function checkinAttachments(
  form: CheckinForm,
  links: CheckinLinks,
  options: { title: boolean },
): Attachment[] {
  const t = messages(form.locale).chat.prompt;
  const m = messages(form.locale).mattermost;
  // Unique within a post even when `/checkin` shows two weeks.
  const suffix = `w${form.week.replace('-', '')}`;
  const button = (code: string, choice: string, name: string, chosen?: string): Button => ({
    id: `${code}${suffix}`,
    type: 'button',
    name,
    style: chosen === choice ? 'primary' : 'default',
    integration: {
      url: links.actionUrl,
      context: {
        person: form.intrapreneur,
        week: form.week,
        choice,
        form: form.form,
        locale: form.locale,
        ...(form.by ? { by: form.by } : {}),
        ...(links.programme ? { programme: links.programme } : {}),
        sig: links.signer.sign(form.intrapreneur, form.week, choice, form.by, links.programme),
      },
    },
  });
  const release = releaseChoice(form.answer?.release);
  const coaching = coachingChoice(form.answer?.coachingHeld);
  const recorded = recordedLine(form.answer, form.locale);
  const answered = release !== undefined || coaching !== undefined || form.answer?.comment !== undefined;
  const title = options.title ? { title: t.title(weekLabel(form.week, form.locale)) } : {};
  return [
    {
      fallback: t.releaseQuestion,
      color: CHECKIN_COLOUR,
      ...title,
      text: t.releaseQuestion,
      actions: releaseChoices.map((c) => button(BUTTON_IDS[c], c, t.choices[c] ?? c, release)),
    },
    {
      fallback: t.coachingQuestion,
      color: CHECKIN_COLOUR,
      text: t.coachingQuestion,
      actions: [button('yes', 'yes', t.yes, coaching), button('no', 'no', t.no, coaching)],
    },
    {
      fallback: recorded,
      color: CHECKIN_COLOUR,
      text: answered ? `${recorded}\n${m.changeHint}` : recorded,
      actions: [button('comment', 'comment', t.comment)],
    },
  ];
}

/** The weekly check-in as a direct message: greeting, then the buttons and what is recorded. */
export function promptPost(programme: Programme, form: CheckinForm, links: CheckinLinks): RenderedPost {
  const t = messages(form.locale).chat.prompt;
  const name = findPerson(programme, form.intrapreneur)?.name ?? form.intrapreneur;
  const line = programmeLine(form, form.locale);
  return {
    message: `#### ${t.title(weekLabel(form.week, form.locale))}\n${line ? `${line}\n` : ''}${t.intro(name)}`,
    attachments: checkinAttachments(form, links, { title: false }),
  };
}

export function renderPost(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  links: CheckinLinks,
): RenderedPost {
  const post = postOf(programme, message, locale, links);
  // Mattermost refuses a post past its limit rather than cutting it: a safety net under what each kind builds.
  return { ...post, message: fitText(post.message, MATTERMOST_LIMITS.message) };
}

function postOf(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  links: CheckinLinks,
): RenderedPost {
  switch (message.kind) {
    case 'prompt':
      return promptPost(
        programme,
        {
          intrapreneur: message.intrapreneur,
          week: message.week,
          ...(message.answer ? { answer: message.answer } : {}),
          ...(message.programme ? { programme: message.programme } : {}),
          form: 'prompt',
          locale,
        },
        links,
      );
    case 'alert': {
      // The words are in the message itself, so that notifications and previews show them.
      const { title, body } = alertText(programme, message.alert, locale);
      return { message: `#### ${title}\n${body}`, attachments: [] };
    }
    case 'digest': {
      const title = `#### ${digestTitle(message.digest, locale)}`;
      const room = MATTERMOST_LIMITS.message - title.length - 1;
      return { message: `${title}\n${digestBody(programme, message.digest, locale, room)}`, attachments: [] };
    }
    case 'reminder':
    case 'dashboard_link':
      return { message: renderText(programme, message, locale), attachments: [] };
  }
}

/** What Mattermost is sent when it refused a post's shape: the plain text alone, no attachments. */
export function plainPost(programme: Programme, message: ChatMessage, locale: Locale): RenderedPost {
  return { message: plainFallback(programme, message, locale, MATTERMOST_LIMITS.message), attachments: [] };
}
