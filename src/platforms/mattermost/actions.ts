// `POST /mattermost/action` (a check-in button) and `POST /mattermost/dialog` (the comment dialog). Mattermost signs
// neither: the context must carry the bot's own signature for this person, week and choice, and the click must come
// from that person's account — or, on a form an owner opened for them, from that owner's (the owner is signed too).
// Anything else is refused and changes nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAnswer } from '../../app/answers.ts';
import type { AppContext } from '../../app/context.ts';
import { errorText } from '../../app/error-text.ts';
import { promptKey } from '../../app/prompts.ts';
import { recordedLine } from '../../app/render-text.ts';
import type { AnswerChange, CheckinAnswer } from '../../core/checkin.ts';
import { parseChoice } from '../../core/choice.ts';
import { AppError } from '../../core/errors.ts';
import { findPerson, type Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import type { BotAccount } from './account.ts';
import type { BotClient } from './client.ts';
import type { Directory } from './directory.ts';
import { readJson, reply, text } from './http.ts';
import { KEY_PROP } from './outbound.ts';
import { type CheckinLinks, promptPost } from './render.ts';
import type { ActionContext, ContextSigner } from './signing.ts';

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

/** The check-in's context if it is the bot's and `userId` is the one it was made for (the intrapreneur, or `by`). */
async function authorise(
  deps: ActionDeps,
  raw: unknown,
  userId: string,
  res: ServerResponse,
  refuse: (text: string) => unknown,
): Promise<ActionContext | null> {
  const context = deps.signer.verify(raw);
  if (!context) {
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

async function record(
  deps: ActionDeps,
  context: ActionContext,
  change: AnswerChange,
): Promise<{ answer: CheckinAnswer } | { error: string }> {
  try {
    const request = { actor: actorOf(context), intrapreneur: context.person, week: context.week, change };
    return { answer: await recordAnswer(deps.ctx, request) };
  } catch (error) {
    if (error instanceof AppError)
      return { error: errorText(deps.ctx.programme, error, localeOf(deps, context)) };
    throw error;
  }
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

async function openCommentDialog(deps: ActionDeps, context: ActionContext, body: Record<string, unknown>) {
  const t = messages(localeOf(deps, context)).mattermost.commentDialog;
  const current = await deps.ctx.store.getAnswer(context.person, context.week);
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
          max_length: 2000,
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
    if (!body) return reply(res, 400, { error: 'bad_request' });
    const context = await authorise(deps, body.context, text(body.user_id), res, (t) => ({
      ephemeral_text: t,
    }));
    if (!context) return;
    const locale = localeOf(deps, context);
    if (context.choice === 'comment') {
      try {
        await openCommentDialog(deps, context, body);
        return reply(res, 200, {});
      } catch (error) {
        deps.ctx.logger.error({ err: error }, 'mattermost: could not open the comment dialog');
        return reply(res, 200, { ephemeral_text: messages(locale).mattermost.unavailable });
      }
    }
    const change = parseChoice(context.choice);
    if (!change) return reply(res, 400, { error: 'bad_request' });
    const outcome = await record(deps, context, change);
    if ('error' in outcome) return reply(res, 200, { ephemeral_text: outcome.error });
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

export function dialogRoute(deps: ActionDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    if (body?.type !== 'dialog_submission' || body.callback_id !== CALLBACK_ID) {
      return reply(res, 400, { error: 'bad_request' });
    }
    if (body.cancelled === true) return reply(res, 200, {});
    let state: Record<string, unknown> | null = null;
    try {
      state = JSON.parse(text(body.state)) as Record<string, unknown>;
    } catch {
      state = null;
    }
    const context = await authorise(deps, state, text(body.user_id), res, (t) => ({ error: t }));
    if (!context) return;
    if (context.choice !== 'comment') return reply(res, 401, { error: 'invalid_context' });
    const submission = (body.submission ?? {}) as Record<string, unknown>;
    const outcome = await record(deps, context, { field: 'comment', comment: text(submission.comment) });
    if ('error' in outcome) return reply(res, 200, { error: outcome.error });
    try {
      await refreshPrompt(deps, context, text(state?.post), outcome.answer);
    } catch (error) {
      // The comment is recorded; only its display on the weekly message is missing.
      deps.ctx.logger.warn({ err: error }, 'mattermost: could not show the comment on the check-in message');
    }
    reply(res, 200, {});
  };
}
