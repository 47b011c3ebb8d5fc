// `POST /mattermost/action` (a check-in button) and `POST /mattermost/dialog` (the comment dialog). Mattermost signs
// neither: the context must carry the bot's own signature for this person, week and choice, and the click must come
// from that person's account — or, on a form an owner opened for them, from that owner's (the owner is signed too).
// Anything else is refused and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ClickResult, clickCheckin, commentToEdit } from '../../app/clicks.ts';
import type { AppContext } from '../../app/context.ts';
import { promptKey } from '../../app/prompts.ts';
import type { Refusal } from '../../app/refusal.ts';
import { type AnswerChange, type CheckinAnswer, COMMENT_MAX_LENGTH } from '../../core/checkin.ts';
import { parseChoice } from '../../core/choice.ts';
import { findPerson, type Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { recordedLine } from '../../render/render-text.ts';
import type { BotAccount } from './account.ts';
import type { BotClient } from './client.ts';
import type { Directory } from './directory.ts';
import { readJson, reply, text } from './http.ts';
import { KEY_PROP } from './outbound.ts';
import { type CheckinLinks, promptPost } from './render.ts';
import { type ActionContext, type ContextSigner, readContext } from './signing.ts';

export interface ActionDeps {
  ctx: AppContext;
  client: BotClient;
  account: BotAccount;
  directory: Directory;
  signer: ContextSigner;
  links: CheckinLinks;
  /** `PUBLIC_URL/mattermost/dialog`. */
  dialogUrl: string;
}

const CALLBACK_ID = 'checkin_comment';

function localeOf(deps: ActionDeps, context: ActionContext): Locale {
  return context.locale === 'fr' || context.locale === 'en' ? context.locale : deps.ctx.programme.locale;
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
): Promise<ActionContext | null> {
  const context = readContext(request.context, request.extra);
  const userId = request.userId;
  if (!context || typeof userId !== 'string' || !USER_ID.test(userId)) {
    reply(res, 400, { error: 'bad_request' });
    return null;
  }
  if (!deps.signer.verify(context)) {
    deps.ctx.logger.warn({}, 'mattermost: interactive request with a forged context refused');
    reply(res, 401, { error: 'invalid_context' });
    return null;
  }
  const person = findPerson(deps.ctx.programme, actorOf(context));
  const user = person ? await deps.directory.userOf(person) : null;
  if (!user || user.id !== userId) {
    deps.ctx.logger.warn(
      { intrapreneur: context.person, week: context.week },
      'mattermost: click by someone else refused',
    );
    reply(res, 200, refuse(messages(localeOf(deps, context)).mattermost.notYourCheckin));
    return null;
  }
  return context;
}

/** Who clicks: the intrapreneur on their own check-in, the owner on the one they opened for them. */
const actorOf = (context: ActionContext): string => context.by ?? context.person;

function record(deps: ActionDeps, context: ActionContext, change: AnswerChange): Promise<ClickResult> {
  const locale = localeOf(deps, context);
  return clickCheckin(deps.ctx, {
    actor: actorOf(context),
    intrapreneur: context.person,
    week: context.week,
    change,
    locale,
  });
}

function promptUpdate(deps: ActionDeps, context: ActionContext, answer: CheckinAnswer) {
  const post = promptPost(
    deps.ctx.programme,
    {
      intrapreneur: context.person,
      week: context.week,
      answer,
      form: 'prompt',
      locale: localeOf(deps, context),
    },
    deps.links,
  );
  // Mattermost replaces the post's props with these: the key must stay for `findSent`.
  return {
    message: post.message,
    props: { [KEY_PROP]: promptKey(context.person, context.week), attachments: post.attachments },
  };
}

/** Opens the dialog with the comment recorded so far; a refusal (someone who may not change it) is returned. */
async function openCommentDialog(
  deps: ActionDeps,
  context: ActionContext,
  body: Record<string, unknown>,
): Promise<Refusal | undefined> {
  const locale = localeOf(deps, context);
  const t = messages(locale).mattermost.commentDialog;
  const opened = await commentToEdit(deps.ctx, {
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
    const context = await authorise(deps, { context: body.context, userId: body.user_id }, res, (t) => ({
      ephemeral_text: t,
    }));
    if (!context) return;
    const locale = localeOf(deps, context);
    if (context.choice === 'comment') {
      try {
        const refused = await openCommentDialog(deps, context, body);
        return reply(res, 200, refused ? { ephemeral_text: refused.text } : {});
      } catch (error) {
        deps.ctx.logger.error({ err: error }, 'mattermost: could not open the comment dialog');
        return reply(res, 200, { ephemeral_text: messages(locale).mattermost.unavailable });
      }
    }
    const change = parseChoice(context.choice);
    if (!change) return reply(res, 400, { error: 'bad_request' });
    const outcome = await record(deps, context, change);
    if (!outcome.ok) return reply(res, 200, { ephemeral_text: outcome.text });
    if (context.form === 'prompt')
      return reply(res, 200, { update: promptUpdate(deps, context, outcome.answer) });
    return reply(res, 200, { ephemeral_text: recordedLine(outcome.answer, locale) });
  };
}

/** Shows the comment on the weekly message it was written from, if that post is the bot's check-in. */
async function refreshPrompt(
  deps: ActionDeps,
  context: ActionContext,
  postId: string,
  answer: CheckinAnswer,
) {
  if (context.form !== 'prompt' || !/^[a-z0-9]+$/i.test(postId)) return;
  const [post, me] = await Promise.all([deps.client.getPost(postId), deps.account.self()]);
  // The post id in the dialog's state is not signed: only the intrapreneur's own check-in may be rewritten.
  if (post.user_id !== me.id || post.props?.[KEY_PROP] !== promptKey(context.person, context.week)) return;
  await deps.client.patchPost({ id: postId, ...promptUpdate(deps, context, answer) });
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
    const context = await authorise(
      deps,
      { context: state, userId: body.user_id, extra: ['post'] },
      res,
      (t) => ({ error: t }),
    );
    if (!context) return;
    if (context.choice !== 'comment') return reply(res, 401, { error: 'invalid_context' });
    const submitted = submittedComment(body.submission);
    if ('invalid' in submitted) {
      if (submitted.invalid === 'shape') return reply(res, 400, { error: 'bad_request' });
      const t = messages(localeOf(deps, context)).mattermost;
      return reply(res, 200, { errors: { comment: t.commentNotText } });
    }
    const outcome = await record(deps, context, { field: 'comment', comment: submitted.comment });
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
      await refreshPrompt(deps, context, typeof post === 'string' ? post : '', outcome.answer);
    } catch (error) {
      // The comment is recorded; only its display on the weekly message is missing.
      deps.ctx.logger.warn({ err: error }, 'mattermost: could not show the comment on the check-in message');
    }
    reply(res, 200, {});
  };
}
