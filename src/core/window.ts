// Which weeks the weekly loop covers: the check-in window, minus the programme's breaks.
import type { Programme } from './programme.ts';
import { type WeekId, weekWorkdays } from './week.ts';

type WindowFacts = Pick<Programme, 'checkins' | 'breaks'>;

/** A week is in the window when one of its working days (Monday–Friday) is. */
export function isInCheckinWindow(programme: Pick<Programme, 'checkins'>, week: WeekId): boolean {
  const { from, to } = programme.checkins;
  return weekWorkdays(week).some((d) => d >= from && d <= to);
}

/** The break that covers one of the week's working days, if any: such a week is exempt for everyone. */
export function breakOf(
  programme: Pick<Programme, 'breaks'>,
  week: WeekId,
): Programme['breaks'][number] | undefined {
  const days = weekWorkdays(week);
  return programme.breaks.find((b) => days.some((d) => d >= b.from && d <= b.to));
}

/** Outside the window or in a break: nobody is asked, nothing is due. */
export function isWeekExempt(programme: WindowFacts, week: WeekId): boolean {
  return !isInCheckinWindow(programme, week) || breakOf(programme, week) !== undefined;
}
