// `/checkin @alice [week]`: an owner opens someone's check-in to answer or correct it on their behalf, any week of
// the check-in period up to the current one, evaluated or not. Each click is then recorded for Alice, by the owner
// (`recordAnswer` checks again that the one who clicks is an owner), and leaves a correction behind.
import type { CheckinAnswer } from '../core/checkin.ts';
import type { TypedWeek } from '../core/checkin-command.ts';
import { AppError } from '../core/errors.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import {
  compareWeeks,
  type WeekId,
  weekOfDate,
  weekOfInstant,
  weekParts,
  weeksBetween,
} from '../core/week.ts';
import { isWeekExempt } from '../core/window.ts';
import { openWeeks } from './answers.ts';
import type { AppContext } from './context.ts';
import { programmeNamed } from './memberships.ts';

export interface CheckinWeeks {
  intrapreneur: string;
  weeks: { week: WeekId; answer?: CheckinAnswer }[];
  /** The programme's name, when the intrapreneur is one in several programmes: the form says which. */
  programme?: string;
}

/** The week a typed week names: as written, or the latest week of that number in the check-in period so far. */
function weekOf(ctx: AppContext, typed: TypedWeek, current: WeekId): WeekId {
  if ('week' in typed) return typed.week;
  const { from, to } = ctx.programme.checkins;
  const last = compareWeeks(current, weekOfDate(to)) < 0 ? current : weekOfDate(to);
  const found = weeksBetween(weekOfDate(from), last)
    .filter((w) => weekParts(w).week === typed.number)
    .at(-1);
  if (!found) throw new AppError('week_not_followed', { week: String(typed.number) });
  return found;
}

/** The weeks of `intrapreneur`'s check-in that `actor` may fill in now, with what is recorded. */
export async function checkinWeeksFor(
  ctx: AppContext,
  request: { actor: string; intrapreneur: string; week?: TypedWeek },
): Promise<CheckinWeeks> {
  const { actor, intrapreneur } = request;
  if (!intrapreneurRoles(ctx.programme).some((r) => r.person === intrapreneur)) {
    throw new AppError('not_intrapreneur', { person: intrapreneur });
  }
  if (actor !== intrapreneur && !ctx.programme.owners.includes(actor)) {
    throw new AppError('not_allowed', { action: 'correct', person: intrapreneur });
  }
  const open = await openWeeks(ctx);
  let weeks = open;
  if (request.week) {
    const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
    const week = weekOf(ctx, request.week, current);
    if (compareWeeks(week, current) > 0) throw new AppError('week_not_started', { week, latest: current });
    if (isWeekExempt(ctx.programme, week)) throw new AppError('week_not_followed', { week });
    // An intrapreneur naming a week of their own goes by their own rule: evaluated weeks are closed to them.
    if (!ctx.programme.owners.includes(actor) && !open.includes(week)) {
      throw new AppError('week_closed', { week });
    }
    weeks = [week];
  }
  const answers = await Promise.all(weeks.map((week) => ctx.store.getAnswer(intrapreneur, week)));
  return {
    intrapreneur,
    weeks: weeks.map((week, i) => ({ week, ...(answers[i] ? { answer: answers[i] } : {}) })),
    ...programmeNamed(ctx, intrapreneur),
  };
}
