// A click on a check-in, whatever the platform: Slack's buttons and comment modal, Mattermost's buttons and dialog,
// the sandbox's form, e-mail's signed links once confirmed. The platform says who clicked (a person id of the
// programme), whose check-in, which week and what changed; it gets back a result, like `runCommand` gives a reply:
//
//   const result = await clickCheckin(ctx, { actor, intrapreneur, week, change, locale });
//   if (result.ok) redraw(result.answer);   // what is now recorded for that week, to show in place
//   else show(result.text);                  // why nothing was recorded, in `locale`, to the one who clicked alone
//
// A refusal (someone else's check-in, a closed week, a comment too long, a database that refused the write) is a
// result, never an exception; an exception means a failure the platform logs and reports as "something went wrong".
import type { AnswerChange, CheckinAnswer } from '../core/checkin.ts';
import { AppError } from '../core/errors.ts';
import type { Locale } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';
import { recordAnswer } from './answers.ts';
import type { AppContext } from './context.ts';
import { type Refusal, refusalOf, refusing } from './refusal.ts';

export interface CheckinClick {
  /** Person id of whoever clicked. */
  actor: string;
  /** Whose check-in: the actor's own unless an owner answers for someone (`/checkin @alice`). */
  intrapreneur?: string;
  week: WeekId;
  change: AnswerChange;
  /** The language of whoever clicked, for a refusal's sentence; the programme's by default. */
  locale?: Locale;
}

export type ClickResult = { ok: true; answer: CheckinAnswer } | Refusal;

/** Records the click at once (see `recordAnswer` for the rules), or says why it was not. */
export async function clickCheckin(ctx: AppContext, click: CheckinClick): Promise<ClickResult> {
  const { locale = ctx.programme.locale, ...request } = click;
  const result = await refusing(ctx, locale, () => recordAnswer(ctx, request));
  return result.ok ? { ok: true, answer: result.value } : result;
}

/**
 * Before a platform opens the comment form (a modal, a dialog): whether the actor may change this check-in's comment,
 * and what is recorded so far (the form shows the current comment). Nothing is stored.
 */
export async function commentToEdit(
  ctx: AppContext,
  request: Omit<CheckinClick, 'change'>,
): Promise<{ ok: true; answer: CheckinAnswer | undefined } | Refusal> {
  const { actor, week, locale = ctx.programme.locale } = request;
  const intrapreneur = request.intrapreneur ?? actor;
  // The form shows the comment to whoever may change it: the intrapreneur, or an owner on their behalf.
  if (intrapreneur !== actor && !ctx.programme.owners.includes(actor)) {
    return refusalOf(ctx, new AppError('not_allowed', { action: 'answer', person: intrapreneur }), locale);
  }
  return { ok: true, answer: await ctx.store.getAnswer(intrapreneur, week) };
}
