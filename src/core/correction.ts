// An owner's correction of someone's answer: which figure of which week, what it said before and after, who changed
// it and when. Kept for good (the figures of an evaluated week change under the owners' eyes), and mentioned once in
// the next owners' digest.
import type { AnswerChange, CheckinAnswer } from './checkin.ts';
import { type Choice, choiceOf, coachingChoice, releaseChoice } from './choice.ts';
import type { WeekId } from './week.ts';

/** The figures a correction is about; a comment is the intrapreneur's own words, never a figure. */
export type CorrectedField = 'release' | 'coaching';

export interface Correction {
  intrapreneur: string;
  week: WeekId;
  field: CorrectedField;
  /** The button the answer showed before (`'0.5'`, `'leave'`, `'yes'`…); unset when the question had no answer. */
  before?: Choice;
  after: Choice;
  /** Person id of the owner who made it. */
  by: string;
  at: Date;
}

export interface StoredCorrection extends Correction {
  id: number;
  /** The week whose digest mentioned it; unset until a digest did. */
  reportedIn?: WeekId;
}

/**
 * The correction a change makes when someone other than the intrapreneur changes a figure of their answer;
 * undefined for the intrapreneur's own clicks, for a comment, and for a click that changes nothing.
 */
export function correctionOf(
  previous: CheckinAnswer | undefined,
  change: AnswerChange,
  base: { intrapreneur: string; week: WeekId; by: string; at: Date },
): Correction | undefined {
  if (base.by === base.intrapreneur || change.field === 'comment') return undefined;
  const after = choiceOf(change);
  const before =
    change.field === 'release' ? releaseChoice(previous?.release) : coachingChoice(previous?.coachingHeld);
  if (after === undefined || after === before) return undefined;
  return { ...base, field: change.field, ...(before !== undefined ? { before } : {}), after };
}

/** A digest's view of corrections: one line per (intrapreneur, week, figure), from the first value to the last. */
export interface CorrectionSummary {
  intrapreneur: string;
  week: WeekId;
  field: CorrectedField;
  before?: Choice;
  after: Choice;
  /** Who corrected it, in order, each once. */
  by: string[];
}

/** Several clicks on one figure read as one correction; a figure put back as it was is no correction at all. */
export function summariseCorrections(corrections: readonly Correction[]): CorrectionSummary[] {
  const byFigure = new Map<string, CorrectionSummary>();
  const sorted = [...corrections].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const c of sorted) {
    const key = `${c.intrapreneur}\u0000${c.week}\u0000${c.field}`;
    const seen = byFigure.get(key);
    if (!seen) {
      byFigure.set(key, {
        intrapreneur: c.intrapreneur,
        week: c.week,
        field: c.field,
        ...(c.before !== undefined ? { before: c.before } : {}),
        after: c.after,
        by: [c.by],
      });
      continue;
    }
    seen.after = c.after;
    if (!seen.by.includes(c.by)) seen.by.push(c.by);
  }
  return [...byFigure.values()]
    .filter((s) => s.before !== s.after)
    .sort((a, b) =>
      a.week < b.week ? -1 : a.week > b.week ? 1 : a.intrapreneur.localeCompare(b.intrapreneur),
    );
}
