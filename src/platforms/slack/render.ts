// What the bot's messages look like in Slack: Block Kit for the eye, and the plain text of `renderText` as the
// `text` Slack shows in notifications and to screen readers. Words come from the locale files.
import type { types as slack } from '@slack/bolt';
import { type CheckinAnswer, COMMENT_MAX_LENGTH } from '../../core/checkin.ts';
import { releaseChoice, releaseChoices } from '../../core/choice.ts';
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
import { SLACK_LIMITS } from '../limits.ts';
import {
  ACTION_PREFIX,
  type ClickScope,
  COMMENT_CALLBACK,
  type CommentOrigin,
  coachingValue,
  commentValue,
  releaseValue,
} from './values.ts';

type Block = slack.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack reads `&`, `<` and `>` in mrkdwn as markup: user-written words must not become links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

const section = (text: string): Block => ({ type: 'section', text: plain(text) });

const header = (text: string): Block => ({ type: 'header', text: plain(text) });

const context = (text: string): Block => ({ type: 'context', elements: [plain(text)] });

function button(text: string, actionId: string, value: string, selected: boolean): slack.Button {
  return {
    type: 'button',
    text: plain(text),
    action_id: `${ACTION_PREFIX}${actionId}`,
    value,
    ...(selected ? { style: 'primary' as const } : {}),
  };
}

/**
 * The questions of one week: released days, coaching point, comment, and what is recorded so far. `scope`: whose
 * answer the buttons carry (on a form an owner opened for someone else), and in which programme (several served).
 */
function weekBlocks(
  week: WeekId,
  answer: CheckinAnswer | undefined,
  locale: Locale,
  scope?: ClickScope,
): Block[] {
  const p = messages(locale).chat.prompt;
  const t = messages(locale).slack;
  const chosen = releaseChoice(answer?.release);
  return [
    section(p.releaseQuestion),
    {
      type: 'actions',
      block_id: `release|${week}`,
      elements: releaseChoices.map((choice) =>
        button(
          p.choices[choice] ?? choice,
          `release:${choice}`,
          releaseValue(week, choice, scope),
          chosen === choice,
        ),
      ),
    },
    section(p.coachingQuestion),
    {
      type: 'actions',
      block_id: `coaching|${week}`,
      elements: [
        button(p.yes, 'coaching:yes', coachingValue(week, true, scope), answer?.coachingHeld === true),
        button(p.no, 'coaching:no', coachingValue(week, false, scope), answer?.coachingHeld === false),
      ],
    },
    {
      type: 'actions',
      block_id: `comment|${week}`,
      elements: [
        button(answer?.comment ? t.editComment : p.comment, 'comment', commentValue(week, scope), false),
      ],
    },
    context(answer ? `${recordedLine(answer, locale)} ${t.changeHint}` : recordedLine(answer, locale)),
  ];
}

/**
 * How a check-in is placed in a deployment of several programmes: `key`, the programme's key, which its buttons
 * carry so that a click reaches it; `name`, the programme's name, shown to someone who is an intrapreneur in several.
 */
export interface InProgramme {
  key?: string;
  name?: string;
}

/** The weekly check-in a prompt carries: the week as its title, the programme when it must be said, the questions. */
function promptBlocks(
  programme: Programme,
  message: Extract<ChatMessage, { kind: 'prompt' }>,
  locale: Locale,
  programmeKey: string | undefined,
): Block[] {
  const { week, intrapreneur, answer } = message;
  const name = findPerson(programme, intrapreneur)?.name ?? intrapreneur;
  const line = programmeLine(message, locale);
  return [
    header(messages(locale).slack.weekTitle(weekLabel(week, locale))),
    ...(line ? [context(line)] : []),
    section(messages(locale).chat.prompt.intro(name)),
    ...weekBlocks(week, answer, locale, programmeKey ? { programme: programmeKey } : undefined),
  ];
}

/**
 * The `/checkin` form: every week asked for, each under its own title. `onBehalf`: an owner's form for someone
 * else, which says whose answer it is and whose buttons carry it.
 */
export function checkinForm(
  weeks: { week: WeekId; answer?: CheckinAnswer }[],
  locale: Locale,
  onBehalf?: { intrapreneur: string; name: string },
  inProgramme: InProgramme = {},
): SlackMessage {
  const t = messages(locale).slack;
  const intro = onBehalf ? messages(locale).commands.checkinFor(onBehalf.name) : t.checkinIntro;
  const line = programmeLine({ ...(inProgramme.name ? { programme: inProgramme.name } : {}) }, locale);
  const blocks: Block[] = [section(intro), ...(line ? [context(line)] : [])];
  const scope: ClickScope = {
    ...(onBehalf ? { intrapreneur: onBehalf.intrapreneur } : {}),
    ...(inProgramme.key ? { programme: inProgramme.key } : {}),
  };
  for (const { week, answer } of weeks) {
    blocks.push({ type: 'divider' }, header(t.weekTitle(weekLabel(week, locale))));
    blocks.push(...weekBlocks(week, answer, locale, scope));
  }
  const text = [
    intro,
    ...(line ? [line] : []),
    ...weeks.map((w) => `${t.weekTitle(weekLabel(w.week, locale))} — ${recordedLine(w.answer, locale)}`),
  ].join('\n');
  return fitMessage({ text: escapeMrkdwn(text), blocks });
}

/** `programmeKey`: the programme's key, for the buttons to carry, when the deployment serves several. */
export function renderMessage(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  programmeKey?: string,
): SlackMessage {
  return fitMessage(blocksOf(programme, message, locale, programmeKey));
}

function blocksOf(
  programme: Programme,
  message: ChatMessage,
  locale: Locale,
  programmeKey: string | undefined,
): SlackMessage {
  // The notification text: what a lock screen or a screen reader says, a section's worth.
  const text = escapeMrkdwn(renderText(programme, message, locale, SLACK_LIMITS.sectionText));
  switch (message.kind) {
    case 'prompt':
      return { text, blocks: promptBlocks(programme, message, locale, programmeKey) };
    case 'alert': {
      const { title, body } = alertText(programme, message.alert, locale);
      return { text, blocks: [header(title), section(body)] };
    }
    case 'digest': {
      // One section: the digest summarises itself to fit it, rather than spreading over several.
      const body = digestBody(programme, message.digest, locale, SLACK_LIMITS.sectionText);
      return { text, blocks: [header(digestTitle(message.digest, locale)), section(body)] };
    }
    case 'reminder':
    case 'dashboard_link':
      return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
}

/** What Slack is sent when it refused a message's shape: the plain text alone, no blocks. */
export function plainMessage(programme: Programme, message: ChatMessage, locale: Locale): SlackMessage {
  const text = plainFallback(programme, message, locale, SLACK_LIMITS.plainText);
  return { text: fitText(escapeMrkdwn(text), SLACK_LIMITS.plainText), blocks: [] };
}

// biome-ignore lint/suspicious/noExplicitAny: each kind of block has its own text fields, read generically here
type AnyBlock = Record<string, any>;

const fitObject = (object: AnyBlock | undefined, max: number) =>
  object && typeof object.text === 'string' ? { ...object, text: fitText(object.text, max) } : object;

/** Each block within Slack's limits (header, section, fields, context, buttons): a safety net under the renderers. */
function fitBlock(block: Block): Block {
  const b = block as AnyBlock;
  switch (b.type) {
    case 'header':
      return { ...b, text: fitObject(b.text, SLACK_LIMITS.headerText) } as Block;
    case 'section':
      return {
        ...b,
        ...(b.text ? { text: fitObject(b.text, SLACK_LIMITS.sectionText) } : {}),
        ...(b.fields
          ? {
              fields: (b.fields as AnyBlock[])
                .slice(0, SLACK_LIMITS.fields)
                .map((f) => fitObject(f, SLACK_LIMITS.fieldText)),
            }
          : {}),
      } as Block;
    case 'context':
      return {
        ...b,
        elements: (b.elements as AnyBlock[])
          .slice(0, SLACK_LIMITS.contextElements)
          .map((e) => fitObject(e, SLACK_LIMITS.contextText)),
      } as Block;
    case 'actions':
      return {
        ...b,
        elements: (b.elements as AnyBlock[]).map((e) => ({
          ...e,
          text: fitObject(e.text, SLACK_LIMITS.buttonText),
        })),
      } as Block;
    default:
      return block;
  }
}

/** A message Slack accepts whole: at most 50 blocks, each within its limits, and the text within 40,000. */
export function fitMessage(message: SlackMessage): SlackMessage {
  const blocks =
    message.blocks.length <= SLACK_LIMITS.blocks
      ? message.blocks
      : [...message.blocks.slice(0, SLACK_LIMITS.blocks - 1), context('…')];
  return { text: fitText(message.text, SLACK_LIMITS.text), blocks: blocks.map(fitBlock) };
}

export function commentModal(origin: CommentOrigin, answer: CheckinAnswer | undefined, locale: Locale) {
  const t = messages(locale).slack.modal;
  return {
    type: 'modal' as const,
    callback_id: COMMENT_CALLBACK,
    private_metadata: JSON.stringify(origin),
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.close),
    blocks: [
      {
        type: 'input' as const,
        block_id: 'comment',
        optional: true,
        label: plain(t.label(weekLabel(origin.week, locale))),
        hint: plain(t.hint),
        element: {
          type: 'plain_text_input' as const,
          action_id: 'value',
          multiline: true,
          max_length: COMMENT_MAX_LENGTH,
          placeholder: plain(t.placeholder),
          ...(answer?.comment ? { initial_value: answer.comment } : {}),
        },
      },
    ],
  } satisfies slack.ModalView;
}
