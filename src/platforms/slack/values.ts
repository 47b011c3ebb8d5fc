// What a check-in button carries back when clicked: the week and the answer, written into the button's `value`
// (`2026-W48|release|0.5`, `2026-W48|coaching|yes`, `2026-W48|comment`). Parsed strictly: a value that does not
// parse is ignored, never half-applied.
import { type AnswerChange, isReleasedDays, type Release } from '../../core/checkin.ts';
import { parseWeek, type WeekId } from '../../core/week.ts';

export type ReleaseChoice = '0' | '0.5' | '1' | '1.5' | '2' | 'leave';

export const RELEASE_CHOICES: readonly ReleaseChoice[] = ['0', '0.5', '1', '1.5', '2', 'leave'];

export type CheckinClick = { week: WeekId; change: AnswerChange } | { week: WeekId; comment: true };

export const ACTION_PREFIX = 'checkin:';
export const COMMENT_CALLBACK = 'checkin_comment';

export function releaseChoice(release: Release | undefined): ReleaseChoice | undefined {
  if (!release) return undefined;
  return release.kind === 'leave' ? 'leave' : (String(release.days) as ReleaseChoice);
}

export const releaseValue = (week: WeekId, choice: ReleaseChoice) => `${week}|release|${choice}`;
export const coachingValue = (week: WeekId, held: boolean) => `${week}|coaching|${held ? 'yes' : 'no'}`;
export const commentValue = (week: WeekId) => `${week}|comment`;

export function parseClick(value: string | undefined): CheckinClick | null {
  const [rawWeek, field, choice, ...rest] = (value ?? '').split('|');
  const week = rawWeek ? parseWeek(rawWeek) : null;
  if (!week || rest.length > 0) return null;
  if (field === 'comment' && choice === undefined) return { week, comment: true };
  if (field === 'coaching' && (choice === 'yes' || choice === 'no')) {
    return { week, change: { field: 'coaching', held: choice === 'yes' } };
  }
  if (field === 'release' && choice === 'leave') {
    return { week, change: { field: 'release', release: { kind: 'leave' } } };
  }
  if (field === 'release' && choice !== undefined && RELEASE_CHOICES.includes(choice as ReleaseChoice)) {
    const days = Number(choice);
    if (isReleasedDays(days)) return { week, change: { field: 'release', release: { kind: 'days', days } } };
  }
  return null;
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
