// What a check-in button carries back when clicked: the week and the answer, written into the button's `value`
// (`2026-W48|release|0.5`, `2026-W48|coaching|yes`, `2026-W48|comment`). Parsed strictly: a value that does not
// parse is ignored, never half-applied.
import type { AnswerChange } from '../../core/checkin.ts';
import { coachingChoice, parseChoice, type ReleaseChoice } from '../../core/choice.ts';
import { parseWeek, type WeekId } from '../../core/week.ts';

export type CheckinClick = { week: WeekId; change: AnswerChange } | { week: WeekId; comment: true };

export const ACTION_PREFIX = 'checkin:';
export const COMMENT_CALLBACK = 'checkin_comment';

export const releaseValue = (week: WeekId, choice: ReleaseChoice) => `${week}|release|${choice}`;
export const coachingValue = (week: WeekId, held: boolean) => `${week}|coaching|${coachingChoice(held)}`;
export const commentValue = (week: WeekId) => `${week}|comment`;

export function parseClick(value: string | undefined): CheckinClick | null {
  const [rawWeek, field, choice, ...rest] = (value ?? '').split('|');
  const week = rawWeek ? parseWeek(rawWeek) : null;
  if (!week || rest.length > 0) return null;
  if (field === 'comment' && choice === undefined) return { week, comment: true };
  // The field written in the value must be the one the choice answers: `release|yes` is no click of ours.
  const change = choice === undefined ? undefined : parseChoice(choice);
  return change && change.field === field ? { week, change } : null;
}

/** Where the comment modal came from, so the check-in it belongs to can be updated once it is saved. */
export interface CommentOrigin {
  week: WeekId;
  /** The direct message holding the check-in (a prompt), when it is a real message. */
  message?: { channel: string; ts: string };
  /** The response URL of an ephemeral `/checkin` form, which has no `ts` to update. */
  responseUrl?: string;
}

export function parseOrigin(privateMetadata: string | undefined): CommentOrigin | null {
  try {
    const origin = JSON.parse(privateMetadata ?? '') as CommentOrigin;
    return typeof origin?.week === 'string' && parseWeek(origin.week) ? origin : null;
  } catch {
    return null;
  }
}
