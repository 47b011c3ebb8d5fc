// The text typed after `/checkin`: nothing (one's own check-in), `help`, or, for an owner, `@who [week]` — the week
// written `2026-W47`, or its number alone (`47`), which names that week of the check-in period. Codes, never sentences.
import { type CoachingWho, parseWho } from './coaching-command.ts';
import { parseWeek, type WeekId } from './week.ts';

/** A week as typed: an ISO week, or a week number to find in the check-in period. */
export type TypedWeek = { week: WeekId } | { number: number };

export type CheckinCommand =
  | { kind: 'own' }
  | { kind: 'help' }
  | { kind: 'for'; who: CoachingWho; week?: TypedWeek }
  /** A word that is neither a mention nor a week where one was expected. */
  | { kind: 'bad'; token: string };

const WEEK_NUMBER = /^[SsWw]?(\d{1,2})$/;

export function parseTypedWeek(token: string): TypedWeek | undefined {
  const week = parseWeek(token);
  if (week) return { week };
  const number = WEEK_NUMBER.exec(token);
  const n = Number(number?.[1]);
  return number && n >= 1 && n <= 53 ? { number: n } : undefined;
}

export function parseCheckinCommand(text: string): CheckinCommand {
  const [first, second, ...rest] = text.trim().split(/\s+/).filter(Boolean);
  if (first === undefined) return { kind: 'own' };
  if (['help', 'aide'].includes(first.toLowerCase()) && second === undefined) return { kind: 'help' };
  const who = parseWho(first);
  if (!who) return { kind: 'bad', token: first };
  if (second === undefined) return { kind: 'for', who };
  if (rest.length > 0) return { kind: 'bad', token: rest.join(' ') };
  const week = parseTypedWeek(second);
  return week ? { kind: 'for', who, week } : { kind: 'bad', token: second };
}
