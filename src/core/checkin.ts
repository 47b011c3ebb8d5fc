// A check-in answer: what an intrapreneur says of one week.
import type { WeekId } from './week.ts';

/** Days released from usual duties; 2 means "2 or more". */
export type ReleasedDays = 0 | 0.5 | 1 | 1.5 | 2;

export const RELEASED_DAYS_CHOICES: readonly ReleasedDays[] = [0, 0.5, 1, 1.5, 2];

/** The released-days part of an answer: a number of days, or leave for the week (exempt). */
export type Release = { kind: 'days'; days: ReleasedDays } | { kind: 'leave' };

export interface CheckinAnswer {
  intrapreneur: string;
  week: WeekId;
  /** Unset until the intrapreneur clicked a released-days button. */
  release?: Release;
  /** Unset until the intrapreneur clicked Oui / Non. */
  coachingHeld?: boolean;
  comment?: string;
  /** Person id of whoever answered (the intrapreneur, or an owner correcting on their behalf). */
  answeredBy: string;
  /** First answer. */
  answeredAt: Date;
  /** Latest correction, when there was one. */
  updatedAt: Date;
}

/** What the compliance rules read of an answer (a `CheckinAnswer` is one): no comment, nor who answered when. */
export type WeekFact = Pick<CheckinAnswer, 'intrapreneur' | 'week' | 'release' | 'coachingHeld'>;

/** One change to an answer: each click stores one of these at once. */
export type AnswerChange =
  | { field: 'release'; release: Release }
  | { field: 'coaching'; held: boolean }
  | { field: 'comment'; comment: string };

/** The longest comment, in characters: what every platform's comment field declares, and what is stored. */
export const COMMENT_MAX_LENGTH = 2000;

/** Characters as a person counts them (an accented letter or an emoji is one), not UTF-16 code units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function isReleasedDays(n: number): n is ReleasedDays {
  return (RELEASED_DAYS_CHOICES as readonly number[]).includes(n);
}

export function applyChange(
  previous: CheckinAnswer | undefined,
  base: { intrapreneur: string; week: WeekId; by: string; at: Date },
  change: AnswerChange,
): CheckinAnswer {
  const answer: CheckinAnswer = previous
    ? { ...previous, answeredBy: base.by, updatedAt: base.at }
    : {
        intrapreneur: base.intrapreneur,
        week: base.week,
        answeredBy: base.by,
        answeredAt: base.at,
        updatedAt: base.at,
      };
  switch (change.field) {
    case 'release':
      answer.release = change.release;
      break;
    case 'coaching':
      answer.coachingHeld = change.held;
      break;
    case 'comment': {
      const comment = change.comment.trim();
      if (comment) answer.comment = comment;
      else delete answer.comment;
      break;
    }
  }
  return answer;
}
