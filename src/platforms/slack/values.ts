// What a check-in button carries back when clicked: the week and the answer, written into the button's `value`
// (`2026-W48|release|0.5`, `2026-W48|coaching|yes`, `2026-W48|comment`), and, on a form an owner opened for someone
// else, whose answer it is (`…|for=alice`), and, when the deployment serves several programmes, which one
// (`…|p=reunion`). Parsed strictly: a value that does not parse is ignored, never half-applied. Slack signs the whole
// request, value included; whoever clicks is Slack's signed user, who must have a role in the programme named, and
// `recordAnswer` lets only an owner answer for someone else. Values written before the programme was carried still
// parse (no programme: the click goes to the clicker's only programme where it makes sense).

import { PROGRAMME_ID_PATTERN } from '../../config/programme-values.ts';
import type { AnswerChange } from '../../core/checkin.ts';
import { coachingChoice, parseChoice, type ReleaseChoice } from '../../core/choice.ts';
import { parseWeek, type WeekId } from '../../core/week.ts';

/** Whose check-in a button is for: someone else's (an owner's form), in which programme (several served). */
export interface ClickScope {
  intrapreneur?: string;
  programme?: string;
}

export type CheckinClick = { week: WeekId; intrapreneur?: string; programme?: string } & (
  | { change: AnswerChange }
  | { comment: true }
);

export const ACTION_PREFIX = 'checkin:';
export const COMMENT_CALLBACK = 'checkin_comment';

const FOR = 'for=';
const IN = 'p=';
const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const scopePart = (scope: ClickScope = {}) =>
  `${scope.intrapreneur ? `|${FOR}${scope.intrapreneur}` : ''}${scope.programme ? `|${IN}${scope.programme}` : ''}`;

export const releaseValue = (week: WeekId, choice: ReleaseChoice, scope?: ClickScope) =>
  `${week}|release|${choice}${scopePart(scope)}`;
export const coachingValue = (week: WeekId, held: boolean, scope?: ClickScope) =>
  `${week}|coaching|${coachingChoice(held)}${scopePart(scope)}`;
export const commentValue = (week: WeekId, scope?: ClickScope) => `${week}|comment${scopePart(scope)}`;

export function parseClick(value: string | undefined): CheckinClick | null {
  const parts = (value ?? '').split('|');
  let programme: string | undefined;
  if (parts.at(-1)?.startsWith(IN)) {
    programme = (parts.pop() as string).slice(IN.length);
    if (!PROGRAMME_ID_PATTERN.test(programme)) return null;
  }
  let intrapreneur: string | undefined;
  if (parts.at(-1)?.startsWith(FOR)) {
    intrapreneur = (parts.pop() as string).slice(FOR.length);
    if (!PERSON_ID.test(intrapreneur)) return null;
  }
  const [rawWeek, field, choice, ...rest] = parts;
  const week = rawWeek ? parseWeek(rawWeek) : null;
  if (!week || rest.length > 0) return null;
  const whose = { ...(intrapreneur ? { intrapreneur } : {}), ...(programme ? { programme } : {}) };
  if (field === 'comment' && choice === undefined) return { week, ...whose, comment: true };
  // The field written in the value must be the one the choice answers: `release|yes` is no click of ours.
  const change = choice === undefined ? undefined : parseChoice(choice);
  return change && change.field === field ? { week, ...whose, change } : null;
}

/** Where the comment modal came from, so the check-in it belongs to can be updated once it is saved. */
export interface CommentOrigin {
  week: WeekId;
  /** Whose answer, when an owner opened someone else's check-in. */
  intrapreneur?: string;
  /** The programme's key, when the deployment serves several (`parseClick`'s `programme`). */
  programme?: string;
  /** The direct message holding the check-in (a prompt), when it is a real message. */
  message?: { channel: string; ts: string };
  /** The response URL of an ephemeral `/checkin` form, which has no `ts` to update. */
  responseUrl?: string;
}

export function parseOrigin(privateMetadata: string | undefined): CommentOrigin | null {
  try {
    const origin = JSON.parse(privateMetadata ?? '') as CommentOrigin;
    if (typeof origin?.week !== 'string' || !parseWeek(origin.week)) return null;
    if (origin.intrapreneur !== undefined && !PERSON_ID.test(String(origin.intrapreneur))) return null;
    if (origin.programme !== undefined && !PROGRAMME_ID_PATTERN.test(String(origin.programme))) return null;
    return origin;
  } catch {
    return null;
  }
}
