// `POST /mattermost/action` (a check-in button) and `POST /mattermost/dialog` (the comment dialog). Mattermost signs
// neither: the context must carry the bot's own signature for this person, week and choice, and the click must come
// from that person's account — or, on a form an owner opened for them, from that owner's (the owner is signed too).
// In a deployment of several programmes the context names its programme (signed too): the click is handled there, by
// that programme's people, so a person of one programme never acts on another. Anything else is refused and changes
// nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ClickResult, clickCheckin, commentToEdit } from '../../app/clicks.ts';
import { checkinMembership, programmeNamed } from '../../app/memberships.ts';
import { promptKey } from '../../app/prompts.ts';
import type { Refusal } from '../../app/refusal.ts';
import { type AnswerChange, type CheckinAnswer, COMMENT_MAX_LENGTH } from '../../core/checkin.ts';
import { parseChoice } from '../../core/choice.ts';
import { findPerson, type Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { recordedLine } from '../../render/render-text.ts';
import type { BotAccount } from './account.ts';
import type { BotClient } from './client.ts';
import { readJson, reply, text } from './http.ts';
import { type Lane, lanesOf } from './lanes.ts';
import { KEY_PROP } from './outbound.ts';
import { promptPost } from './render.ts';
import { type ActionContext, type ContextSigner, readContext } from './signing.ts';

export interface ActionDeps {
  /** Each programme's part of the platform: one, or each programme of the deployment. */
  lanes: readonly Lane[];
  client: BotClient;
  account: BotAccount;
  signer: ContextSigner;
  /** `PUBLIC_URL/mattermost/dialog`. */
  dialogUrl: string;
}

/** A click the bot signed, made by the person it was made for, and the programme it is handled in. */
interface Authorised {
  context: ActionContext;
  lane: Lane;
}

const CALLBACK_ID = 'checkin_comment';

function localeOf(lane: Lane, context: ActionContext): Locale {
  return context.locale === 'fr' || context.locale === 'en' ? context.locale : lane.ctx.programme.locale;
}

const firstLane = (deps: ActionDeps): Lane => deps.lanes[0] as Lane;

/**
 * The programme a signed click is handled in: the one it names, if the deployment serves it; without a name (a
 * button made while the deployment served one programme), the only one, or else the one programme where the clicker
 * is the intrapreneur (or the owner who opened the form) — undefined when that is not exactly one.
 */
async function laneOf(deps: ActionDeps, context: ActionContext, userId: string): Promise<Lane | undefined> {
  if (context.programme !== undefined)
    return deps.lanes.find((l) => l.ctx.programme.key === context.programme);
  if (deps.lanes.length === 1) return deps.lanes[0];
  const memberships = await lanesOf(deps.lanes, userId);
  return checkinMembership(memberships, context.by ? context.person : undefined)?.lane;
}

/** Mattermost user ids are lower-case letters and digits. */
const USER_ID = /^[a-z0-9]+$/i;

/**
 * The check-in's context if it has the bot's types and signature and `userId` is the one it was made for (the
 * intrapreneur, or the owner `by` who opened it for them). A context of other types is malformed (400), one the bot
 * did not sign is forged (401).
 */
async function authorise(
  deps: ActionDeps,
  request: { context: unknown; userId: unknown; extra?: readonly string[] },
  res: ServerResponse,
  refuse: (text: string) => unknown,
): Promise<Authorised | null> {
  const context = readContext(request.context, request.extra);
  const userId = request.userId;
  const { logger } = firstLane(deps).ctx;
  if (!context || typeof userId !== 'string' || !USER_ID.test(userId)) {
    reply(res, 400, { error: 'bad_request' });
    return null;
  }
  if (!deps.signer.verify(context)) {
    logger.warn({}, 'mattermost: interactive request with a forged context refused');
    reply(res, 401, { error: 'invalid_context' });
    return null;
  }
  const lane = await laneOf(deps, context, userId);
  const person = lane ? findPerson(lane.ctx.programme, actorOf(context)) : undefined;
  const user = lane && person ? await lane.directory.userOf(person) : null;
  if (!lane || !user || user.id !== userId) {
    logger.warn(
      {
        intrapreneur: context.person,
        week: context.week,
        ...(context.programme ? { programme: context.programme } : {}),
      },
      'mattermost: click by someone else refused',
    );
    reply(res, 200, refuse(messages(localeOf(lane ?? firstLane(deps), context)).mattermost.notYourCheckin));
    return null;
  }
  return { context, lane };
}

/** Who clicks: the intrapreneur on their own check-in, the owner on the one they opened for them. */
const actorOf = (context: ActionContext): string => context.by ?? context.person;

function record({ context, lane }: Authorised, change: AnswerChange): Promise<ClickResult> {
  const locale = localeOf(lane, context);
  return clickCheckin(lane.ctx, {
    actor: actorOf(context),
    intrapreneur: context.person,
    week: context.week,
    change,
    locale,
  });
}

function promptUpdate({ context, lane }: Authorised, answer: CheckinAnswer) {
  const post = promptPost(
    lane.ctx.programme,
    {
      intrapreneur: context.person,
      week: context.week,
      answer,
      form: 'prompt',
      locale: localeOf(lane, context),
      ...programmeNamed(lane.ctx, context.person),
    },
    lane.links,
  );
  // Mattermost replaces the post's props with these: the key, as the programme's chat port keeps it, must stay for
  // `findSent`.
  return {
    message: post.message,
    props: { [KEY_PROP]: lane.keyOf(promptKey(context.person, context.week)), attachments: post.attachments },
  };
}

/** Opens the dialog with the comment recorded so far; a refusal (someone who may not change it) is returned. */
async function openCommentDialog(
  deps: ActionDeps,
  { context, lane }: Authorised,
  body: Record<string, unknown>,
): Promise<Refusal | undefined> {
  const locale = localeOf(lane, context);
  const t = messages(locale).mattermost.commentDialog;
  const opened = await commentToEdit(lane.ctx, {
    actor: actorOf(context),
    intrapreneur: context.person,
    week: context.week,
    locale,
  });
  if (!opened.ok) return opened;
  const current = opened.answer;
  await deps.client.openDialog({
    trigger_id: text(body.trigger_id),
    url: deps.dialogUrl,
    dialog: {
      callback_id: CALLBACK_ID,
      title: t.title,
      elements: [
        {
          display_name: t.label,
          name: 'comment',
          type: 'textarea',
          default: current?.comment ?? '',
          help_text: t.help,
          optional: true,
          max_length: COMMENT_MAX_LENGTH,
        },
      ],
      submit_label: t.submit,
      notify_on_cancel: false,
      state: JSON.stringify({ ...context, post: text(body.post_id) }),
    },
  });
}

export function actionRoute(deps: ActionDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    const ids = [body?.post_id, body?.trigger_id];
    if (!body || !ids.every((id) => id === undefined || typeof id === 'string')) {
      return reply(res, 400, { error: 'bad_request' });
    }
    const click = await authorise(deps, { context: body.context, userId: body.user_id }, res, (t) => ({
      ephemeral_text: t,
    }));
    if (!click) return;
    const { context, lane } = click;
    const locale = localeOf(lane, context);
    if (context.choice === 'comment') {
      try {
        const refused = await openCommentDialog(deps, click, body);
        return reply(res, 200, refused ? { ephemeral_text: refused.text } : {});
      } catch (error) {
        lane.ctx.logger.error({ err: error }, 'mattermost: could not open the comment dialog');
        return reply(res, 200, { ephemeral_text: messages(locale).mattermost.unavailable });
      }
    }
    const change = parseChoice(context.choice);
    if (!change) return reply(res, 400, { error: 'bad_request' });
    const outcome = await record(click, change);
    if (!outcome.ok) return reply(res, 200, { ephemeral_text: outcome.text });
    if (context.form === 'prompt') return reply(res, 200, { update: promptUpdate(click, outcome.answer) });
    return reply(res, 200, { ephemeral_text: recordedLine(outcome.answer, locale) });
  };
}

/** Shows the comment on the weekly message it was written from, if that post is the bot's check-in. */
async function refreshPrompt(deps: ActionDeps, click: Authorised, postId: string, answer: CheckinAnswer) {
  const { context, lane } = click;
  if (context.form !== 'prompt' || !/^[a-z0-9]+$/i.test(postId)) return;
  const [post, me] = await Promise.all([deps.client.getPost(postId), deps.account.self()]);
  // The post id in the dialog's state is not signed: only the intrapreneur's own check-in, of this programme (its
  // key names the programme when the deployment serves several), may be rewritten.
  const key = promptKey(context.person, context.week);
  const kept = post.props?.[KEY_PROP];
  const ours = kept === lane.keyOf(key) || (context.programme === undefined && kept === key);
  if (post.user_id !== me.id || !ours) return;
  await deps.client.patchPost({ id: postId, ...promptUpdate(click, answer) });
}

/** The comment of a submission as the dialog declares it (a text, or nothing to erase it); an error otherwise. */
function submittedComment(submission: unknown): { comment: string } | { invalid: 'shape' | 'type' } {
  if (typeof submission !== 'object' || submission === null || Array.isArray(submission)) {
    return { invalid: 'shape' };
  }
  const fields = submission as Record<string, unknown>;
  if (!Object.keys(fields).every((k) => k === 'comment')) return { invalid: 'shape' };
  const comment = fields.comment;
  if (comment === undefined || comment === null) return { comment: '' };
  return typeof comment === 'string' ? { comment } : { invalid: 'type' };
}

export function dialogRoute(deps: ActionDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    if (body?.type !== 'dialog_submission' || body.callback_id !== CALLBACK_ID) {
      return reply(res, 400, { error: 'bad_request' });
    }
    if (body.cancelled === true) return reply(res, 200, {});
    let state: unknown = null;
    try {
      state = typeof body.state === 'string' ? JSON.parse(body.state) : null;
    } catch {
      state = null;
    }
    const click = await authorise(
      deps,
      { context: state, userId: body.user_id, extra: ['post'] },
      res,
      (t) => ({ error: t }),
    );
    if (!click) return;
    const { context, lane } = click;
    if (context.choice !== 'comment') return reply(res, 401, { error: 'invalid_context' });
    const submitted = submittedComment(body.submission);
    if ('invalid' in submitted) {
      if (submitted.invalid === 'shape') return reply(res, 400, { error: 'bad_request' });
      const t = messages(localeOf(lane, context)).mattermost;
      return reply(res, 200, { errors: { comment: t.commentNotText } });
    }
    const outcome = await record(click, { field: 'comment', comment: submitted.comment });
    if (!outcome.ok) {
      // Shown under the field it is about, or above the dialog's fields.
      return reply(
        res,
        200,
        outcome.code === 'comment_too_long' ? { errors: { comment: outcome.text } } : { error: outcome.text },
      );
    }
    const post = (state as { post?: unknown }).post;
    try {
      await refreshPrompt(deps, click, typeof post === 'string' ? post : '', outcome.answer);
    } catch (error) {
      // The comment is recorded; only its display on the weekly message is missing.
      lane.ctx.logger.warn({ err: error }, 'mattermost: could not show the comment on the check-in message');
    }
    reply(res, 200, {});
  };
}
