// Clicks on the check-in and the comment modal. Each click is stored at once (`clickCheckin`), then the message is
// redrawn in place to show what is recorded: the prompt by `chat.update`, the ephemeral `/checkin` form (which has
// no `ts`) through its response URL. A refusal (week closed, someone else's answer) is told to the person alone.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { checkinWeeksFor } from '../../../app/checkin-for.ts';
import { clickCheckin, commentToEdit } from '../../../app/clicks.ts';
import { runCommand } from '../../../app/commands.ts';
import { programmeNamed } from '../../../app/memberships.ts';
import { promptKey } from '../../../app/prompts.ts';
import type { CheckinAnswer } from '../../../core/checkin.ts';
import type { WeekId } from '../../../core/week.ts';
import { messages } from '../../../i18n/index.ts';
import { recordedLine } from '../../../render/render-text.ts';
import { programmeScopedKey } from '../../programme-chat.ts';
import { slackErrorCode } from '../client.ts';
import { checkinForm, commentModal, escapeMrkdwn, renderMessage } from '../render.ts';
import { ACTION_PREFIX, COMMENT_CALLBACK, type CommentOrigin, parseClick, parseOrigin } from '../values.ts';
import {
  clickLane,
  type Inbound,
  inProgrammeOf,
  localeOf,
  onBehalf,
  type Respond,
  reportFailure,
  responseUrlPoster,
} from './shared.ts';

/** Redraws the check-in the click or the comment came from, with what is now recorded. */
async function redraw(
  inbound: Inbound,
  actor: string,
  origin: CommentOrigin,
  answer: CheckinAnswer,
): Promise<void> {
  const { ctx, chat } = inbound;
  const locale = localeOf(inbound);
  if (origin.message) {
    const message = {
      kind: 'prompt' as const,
      week: origin.week,
      intrapreneur: actor,
      answer,
      ...programmeNamed(ctx, actor),
    };
    // The key the prompt was sent with (see programme-chat.ts), so that it is still found under it.
    const key = promptKey(actor, origin.week);
    const { key: programmeKey } = inProgrammeOf(inbound, {});
    await chat.update(
      origin.message,
      programmeKey ? programmeScopedKey(programmeKey, key) : key,
      renderMessage(ctx.programme, message, locale, programmeKey),
    );
  } else if (origin.responseUrl) {
    const form = origin.intrapreneur
      ? await formFor(inbound, actor, origin.intrapreneur, origin.week)
      : await ownForm(inbound, actor);
    await responseUrlPoster(origin.responseUrl)({ replace_original: true, ...form });
  }
}

async function ownForm(inbound: Inbound, actor: string) {
  const locale = localeOf(inbound);
  const reply = await runCommand(inbound.ctx, { actor, command: 'checkin', text: '', locale });
  return reply.kind === 'checkin'
    ? checkinForm(reply.weeks, locale, undefined, inProgrammeOf(inbound, reply))
    : { text: escapeMrkdwn(reply.text) };
}

/** An owner's form for someone else, again: the weeks still open, or the one week it was opened for. */
async function formFor(inbound: Inbound, actor: string, intrapreneur: string, week: WeekId) {
  const locale = localeOf(inbound);
  const open = await checkinWeeksFor(inbound.ctx, { actor, intrapreneur });
  const found = open.weeks.some((w) => w.week === week)
    ? open
    : await checkinWeeksFor(inbound.ctx, { actor, intrapreneur, week: { week } });
  return checkinForm(
    found.weeks,
    locale,
    onBehalf(inbound, { intrapreneur, owner: actor }),
    inProgrammeOf(inbound, found),
  );
}

/** `inbound`: the programme the click reached, whose key the comment modal carries when several are served. */
function originOf(
  inbound: Inbound,
  body: BlockAction,
  week: WeekId,
  intrapreneur: string | undefined,
): CommentOrigin {
  const container = body.container as { is_ephemeral?: boolean; channel_id?: string; message_ts?: string };
  const channel = container.channel_id ?? body.channel?.id;
  const ts = container.message_ts ?? body.message?.ts;
  const { key } = inProgrammeOf(inbound, {});
  const programme = key ? { programme: key } : {};
  // A form for someone else is always the ephemeral answer to an owner's `/checkin @…`.
  if (!intrapreneur && !container.is_ephemeral && channel && ts) {
    return { week, ...programme, message: { channel, ts } };
  }
  return { week, ...(intrapreneur ? { intrapreneur } : {}), ...programme, responseUrl: body.response_url };
}

/** The programme's side of the platform a click or a comment is about; the person is told when it is not one. */
async function scopedFor(
  inbound: Inbound,
  userId: string,
  scope: { intrapreneur?: string; programme?: string },
  refuse: (text: string) => Promise<unknown>,
): Promise<Inbound | undefined> {
  const found = await clickLane(inbound, userId, scope);
  if ('inbound' in found) return found.inbound;
  const t = messages(localeOf(inbound)).commands;
  if (found.refusal === 'not_member') {
    // A value naming a programme the clicker has no role in: a forged click, or an old one of someone removed.
    inbound.ctx.logger.warn(
      { platform: 'slack' },
      'slack: check-in click for a programme of no role refused',
    );
  }
  const text = {
    unknown: t.unknownUser,
    ambiguous: t.programmes.ambiguousClick,
    not_member: t.programmes.clickNotMember,
  }[found.refusal];
  await refuse(text);
  return undefined;
}

async function onClick(all: Inbound, body: BlockAction, value: string | undefined, respond: Respond) {
  const click = parseClick(value);
  if (!click) {
    all.ctx.logger.warn({ platform: 'slack' }, 'slack: check-in click with an unknown value ignored');
    return;
  }
  const inbound = await scopedFor(all, body.user.id, click, (text) =>
    respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(text) }),
  );
  if (!inbound) return;
  const { ctx, directory } = inbound;
  const locale = localeOf(inbound);
  const actor = await directory.personId(body.user.id);
  if (!actor) {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: messages(locale).commands.unknownUser,
    });
    return;
  }
  const origin = originOf(inbound, body, click.week, click.intrapreneur);
  const whose = click.intrapreneur ? { intrapreneur: click.intrapreneur } : {};
  const refuse = (text: string) =>
    respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(text) });
  if ('comment' in click) {
    const opened = await commentToEdit(ctx, { actor, ...whose, week: click.week, locale });
    if (!opened.ok) return void (await refuse(opened.text));
    await inbound.client.views.open({
      trigger_id: body.trigger_id,
      view: commentModal(origin, opened.answer, locale),
    });
    return;
  }
  const result = await clickCheckin(ctx, { actor, ...whose, week: click.week, change: click.change, locale });
  if (!result.ok) return void (await refuse(result.text));
  const answer = result.answer;
  try {
    await redraw(inbound, actor, origin, answer);
  } catch (error) {
    // The answer is stored: say so, even though the message could not be redrawn.
    ctx.logger.warn({ platform: 'slack', code: slackErrorCode(error) }, 'slack: check-in not redrawn');
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: recordedLine(answer, locale),
    });
  }
}

export function registerCheckin(app: App, all: Inbound): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION_PREFIX}`),
    async ({ ack, body, action, respond }) => {
      await ack();
      all.afterAck.run(async () => {
        try {
          await onClick(all, body, action.value, respond);
        } catch (error) {
          await reportFailure(all, 'check-in click', error, respond);
        }
      });
    },
  );

  app.view(COMMENT_CALLBACK, async ({ ack, body, view }) => {
    const locale = localeOf(all);
    const origin = parseOrigin(view.private_metadata);
    // Stored before the modal closes, so that a refusal is shown in the modal itself.
    const fail = (text: string) => ack({ response_action: 'errors', errors: { comment: text } });
    let stored: { actor: string; answer: CheckinAnswer };
    let inbound: Inbound = all;
    try {
      if (!origin) return void (await ack());
      const scoped = await scopedFor(all, body.user.id, origin, fail);
      if (!scoped) return;
      inbound = scoped;
      const { ctx } = inbound;
      const actor = await inbound.directory.personId(body.user.id);
      if (!actor) return void (await fail(messages(locale).commands.unknownUser));
      const comment = view.state.values.comment?.value?.value ?? '';
      const change = { field: 'comment' as const, comment };
      const whose = origin.intrapreneur ? { intrapreneur: origin.intrapreneur } : {};
      const result = await clickCheckin(ctx, { actor, ...whose, week: origin.week, change, locale });
      if (!result.ok) return void (await fail(result.text));
      stored = { actor, answer: result.answer };
    } catch (error) {
      await fail(messages(locale).slack.commentFailed);
      return reportFailure(inbound, 'check-in comment', error, undefined);
    }
    await ack();
    await redraw(inbound, stored.actor, origin, stored.answer).catch((error: unknown) =>
      reportFailure(inbound, 'check-in redraw', error, undefined),
    );
  });
}
