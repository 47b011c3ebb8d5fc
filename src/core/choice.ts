// The check-in's buttons as the platforms carry them: one short string per choice ('0.5', 'leave', 'yes'…), whatever
// the wire format around it (a Slack button value, a signed Mattermost context, a sandbox form field). One place turns
// a choice into the answer change it stands for, and back, so that no platform parses clicks its own way.
import type { AnswerChange, Release } from './checkin.ts';

export type ReleaseChoice = '0' | '0.5' | '1' | '1.5' | '2' | 'leave';
export type CoachingChoice = 'yes' | 'no';
export type Choice = ReleaseChoice | CoachingChoice;

/** The released-days buttons, in the order they are shown. */
export const releaseChoices: readonly ReleaseChoice[] = ['0', '0.5', '1', '1.5', '2', 'leave'];
/** The coaching point's buttons, in the order they are shown. */
export const coachingChoices: readonly CoachingChoice[] = ['yes', 'no'];
/** Every choice a check-in button may carry. */
export const choiceValues: readonly Choice[] = [...releaseChoices, ...coachingChoices];

const changes: ReadonlyMap<string, AnswerChange> = new Map<Choice, AnswerChange>([
  ['0', { field: 'release', release: { kind: 'days', days: 0 } }],
  ['0.5', { field: 'release', release: { kind: 'days', days: 0.5 } }],
  ['1', { field: 'release', release: { kind: 'days', days: 1 } }],
  ['1.5', { field: 'release', release: { kind: 'days', days: 1.5 } }],
  ['2', { field: 'release', release: { kind: 'days', days: 2 } }],
  ['leave', { field: 'release', release: { kind: 'leave' } }],
  ['yes', { field: 'coaching', held: true }],
  ['no', { field: 'coaching', held: false }],
]);

/** The answer change a button's choice stands for; undefined for anything else (strictly: no '0.50', no ' 1'). */
export function parseChoice(value: string): AnswerChange | undefined {
  const change = changes.get(value);
  return change ? structuredClone(change) : undefined;
}

export function isChoice(value: string): value is Choice {
  return changes.has(value);
}

/** The button showing the answer's released days, if any. */
export function releaseChoice(release: Release | undefined): ReleaseChoice | undefined {
  if (!release) return undefined;
  return release.kind === 'leave' ? 'leave' : (String(release.days) as ReleaseChoice);
}

/** The button showing the answer's coaching point, if any. */
export function coachingChoice(held: boolean | undefined): CoachingChoice | undefined {
  return held === undefined ? undefined : held ? 'yes' : 'no';
}

/** The button a change comes from; undefined for a comment, which no button carries. */
export function choiceOf(change: AnswerChange): Choice | undefined {
  switch (change.field) {
    case 'release':
      return releaseChoice(change.release);
    case 'coaching':
      return coachingChoice(change.held);
    default:
      return undefined;
  }
}
