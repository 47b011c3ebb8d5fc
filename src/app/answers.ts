// A click on the check-in: stored at once, as a change to the (intrapreneur, week) answer.
import {
  type AnswerChange,
  applyChange,
  type CheckinAnswer,
  COMMENT_MAX_LENGTH,
  characterCount,
} from '../core/checkin.ts';
import { correctionOf } from '../core/correction.ts';
import { AppError } from '../core/errors.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import { addWeeks, compareWeeks, type WeekId, weekOfInstant } from '../core/week.ts';
import { isWeekExempt } from '../core/window.ts';
import type { AppContext } from './context.ts';
import { recording } from './recording.ts';

export interface AnswerRequest {
  /** Person id of whoever clicked. */
  actor: string;
  /** Whose answer; the actor's own unless an owner answers for someone. */
  intrapreneur?: string;
  week: WeekId;
  change: AnswerChange;
}

/** The weeks an intrapreneur may answer now: this one, and the previous one until it has been evaluated. */
export async function openWeeks(ctx: AppContext): Promise<WeekId[]> {
  const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
  const previous = addWeeks(current, -1);
  const weeks = (await ctx.store.isEvaluated(previous)) ? [current] : [previous, current];
  return weeks.filter((w) => !isWeekExempt(ctx.programme, w));
}

export function recordAnswer(ctx: AppContext, request: AnswerRequest): Promise<CheckinAnswer> {
  const action = request.change.field === 'comment' ? 'comment' : 'answer';
  return recording(ctx, action, () => record(ctx, request));
}

async function record(ctx: AppContext, request: AnswerRequest): Promise<CheckinAnswer> {
  const intrapreneur = request.intrapreneur ?? request.actor;
  const isOwner = ctx.programme.owners.includes(request.actor);
  if (!intrapreneurRoles(ctx.programme).some((r) => r.person === intrapreneur)) {
    throw new AppError('not_intrapreneur', { person: intrapreneur });
  }
  if (intrapreneur !== request.actor && !isOwner) {
    throw new AppError('not_allowed', { action: 'answer', person: intrapreneur });
  }
  if (request.change.field === 'comment') {
    // Whatever a platform's form declares, a longer comment is refused here, before anything is stored.
    const length = characterCount(request.change.comment.trim());
    if (length > COMMENT_MAX_LENGTH) {
      throw new AppError('comment_too_long', { max: COMMENT_MAX_LENGTH, length });
    }
  }
  const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
  if (compareWeeks(request.week, current) > 0) throw new AppError('week_invalid', { week: request.week });
  // Once a week is evaluated its alerts are out: only an owner may still correct it.
  if (!isOwner && (await ctx.store.isEvaluated(request.week))) {
    throw new AppError('week_closed', { week: request.week });
  }
  const previous = await ctx.store.getAnswer(intrapreneur, request.week);
  const base = { intrapreneur, week: request.week, by: request.actor, at: ctx.clock.now() };
  const answer = applyChange(previous, base, request.change);
  // An owner changing a figure of someone's answer leaves a trace: who, when, before and after.
  const correction = correctionOf(previous, request.change, base);
  await ctx.store.saveAnswer(answer, correction);
  ctx.logger.info(
    {
      intrapreneur,
      week: request.week,
      field: request.change.field,
      correction: previous !== undefined,
      ...(correction ? { correctedBy: correction.by } : {}),
    },
    'check-in: answer recorded',
  );
  return answer;
}
