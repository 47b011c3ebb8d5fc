// The text typed after `/coaching`: `log @who [date] [duration] notes…`, `history [@who]`, `help`. Returns codes, never
// sentences: the wording of each error lives in the locale files.
import { addDays, isRealDate, type LocalDate } from './calendar.ts';

/** Who a command names: a username typed as `@alice`, or a platform id from an escaped mention (`<@U123|alice>`). */
export type CoachingWho =
  | { username: string; platformId?: undefined }
  | { platformId: string; username?: undefined };

export interface CoachingLogInput {
  who: CoachingWho;
  date: LocalDate;
  durationMinutes?: number;
  notes: string;
}

export type CoachingLogErrorCode =
  | 'missing_who'
  | 'bad_date'
  | 'future_date'
  | 'before_checkins'
  | 'second_date'
  | 'bad_duration'
  | 'second_duration'
  | 'missing_notes';

export interface CoachingLogError {
  code: CoachingLogErrorCode;
  /** The words that were wrong, as typed, when there were some. */
  token?: string;
  /** For `before_checkins`: the date the session would have had, and the first day a session may have. */
  date?: LocalDate;
  from?: LocalDate;
}

export type CoachingLogResult =
  | { ok: true; value: CoachingLogInput }
  | { ok: false; error: CoachingLogError };

export type CoachingCommand =
  | { kind: 'help' }
  /** `text` is what follows `log`, for `parseCoachingLog`. */
  | { kind: 'log'; text: string }
  | { kind: 'history'; who?: CoachingWho }
  /** `history` followed by something that is not one mention. */
  | { kind: 'bad_history'; token: string }
  | { kind: 'unknown'; word: string };

export const MAX_SESSION_MINUTES = 12 * 60;

interface Token {
  text: string;
  /** Offset just past the token in the original text, so the notes keep their own spacing and line breaks. */
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: (m.index ?? 0) + m[0].length }));
}

const SLACK_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
// Slack and Mattermost usernames: letters, digits, dots, dashes, underscores. A trailing `,` or `:` is punctuation.
const USERNAME = /^@([\p{L}\p{N}][\p{L}\p{N}._-]*)[,:]?$/u;

export function parseWho(token: string): CoachingWho | undefined {
  const slack = SLACK_MENTION.exec(token);
  if (slack) return { platformId: slack[1] as string };
  const plain = USERNAME.exec(token);
  if (plain) return { username: plain[1] as string };
  return undefined;
}

type Parsed<T> =
  | { kind: 'none' }
  | { kind: 'ok'; value: T; token: string; used: number }
  | { kind: 'error'; error: CoachingLogError };

const NONE = { kind: 'none' } as const;

const RELATIVE_DAYS: Record<string, number> = {
  hier: -1,
  yesterday: -1,
  "aujourd'hui": 0,
  aujourdhui: 0,
  'aujourd’hui': 0,
  today: 0,
};

function pad2(s: string): string {
  return s.padStart(2, '0');
}

/** An option may carry the punctuation of a sentence: `hier, 1h, revue`. */
function bare(text: string): string {
  return text.replace(/[,;:]$/, '');
}

// Digits joined by `/`, `.` or `-` are a date to read or to refuse, never the first word of the notes.
const DATE_SHAPE = /^[-−+]?\d+(?:[/.-]\d+)+$/;
const YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/;

/** `hier`, `today`, `2026-11-27`, `27/11`, `27-11`, `27.11.2026`…; a date-shaped token that is no real date is an error. */
function parseDate(token: string, today: LocalDate): Parsed<LocalDate> {
  const relative = RELATIVE_DAYS[token.toLowerCase()];
  if (relative !== undefined) return { kind: 'ok', value: addDays(today, relative), token, used: 1 };
  if (!DATE_SHAPE.test(token)) return NONE;
  const bad = { kind: 'error', error: { code: 'bad_date', token } } as const;
  let date: string;
  const iso = YEAR_FIRST.exec(token);
  const french = DAY_FIRST.exec(token);
  if (iso) {
    date = `${iso[1]}-${pad2(iso[3] as string)}-${pad2(iso[4] as string)}`;
  } else if (french) {
    const monthDay = `${pad2(french[3] as string)}-${pad2(french[1] as string)}`;
    let year: string;
    if (french[4] === undefined) {
      // Without a year, the most recent such day: 27/11 typed in January is last November.
      const thisYear = Number(today.slice(0, 4));
      year = String(monthDay > today.slice(5) ? thisYear - 1 : thisYear).padStart(4, '0');
    } else {
      year = french[4].length === 2 ? `20${french[4]}` : french[4];
    }
    date = `${year}-${monthDay}`;
  } else {
    return bad;
  }
  if (!isRealDate(date)) return bad;
  if (date > today) return { kind: 'error', error: { code: 'future_date', token } };
  return { kind: 'ok', value: date, token, used: 1 };
}

const HOURS = 'h|hr|hrs|heures?|hours?';
const MINUTES = 'min|mins|mn|m|minutes?';
const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
/** What reads as a duration, signs and decimals included: to be read, or refused with the syntax. */
const DURATION_SHAPE = new RegExp(
  `^[-−+]?${NUMBER}(?:(?:${HOURS})(?:${NUMBER}(?:${MINUTES})?)?|(?:${MINUTES}))$`,
  'i',
);
/** The words after the number of a duration typed apart: `1 h 30`, `90 minutes`, `2 heures`, `1h 30min`. */
const DURATION_PIECE = new RegExp(`^(?:${NUMBER}|${HOURS}|(?:${NUMBER})?(?:${MINUTES}))$`, 'i');
const HOURS_MINUTES = new RegExp(`^(\\d+)(?:${HOURS})(?:(\\d{1,2})(?:${MINUTES})?)?$`, 'i');
const DECIMAL_HOURS = new RegExp(`^(\\d+)[.,](\\d+)(?:${HOURS})$`, 'i');
const MINUTES_ONLY = new RegExp(`^(\\d+)(?:${MINUTES})$`, 'i');

/** Minutes of a duration-shaped text without spaces, or undefined when it is no positive duration of a session. */
function minutesOf(text: string): number | undefined {
  let minutes: number | undefined;
  const hm = HOURS_MINUTES.exec(text);
  const decimal = DECIMAL_HOURS.exec(text);
  const m = MINUTES_ONLY.exec(text);
  if (hm) {
    const extra = hm[2] === undefined ? 0 : Number(hm[2]);
    if (extra < 60) minutes = Number(hm[1]) * 60 + extra;
  } else if (decimal) {
    minutes = Math.round(Number(`${decimal[1]}.${decimal[2]}`) * 60);
  } else if (m) {
    minutes = Number(m[1]);
  }
  // A sign matches none of the forms above: `-30min` is refused like `0min`.
  if (minutes === undefined || minutes <= 0 || minutes > MAX_SESSION_MINUTES) return undefined;
  return minutes;
}

/** `45min`, `1h30`, `1,5h`, or the same in several words (`1 h 30`, `90 minutes`) from `words[i]` on. */
function parseDuration(words: readonly Token[], i: number): Parsed<number> {
  if (!/^[-−+]?\d/.test((words[i] as Token).text)) return NONE;
  // The longest run of words that reads as one duration: `1 h 30 min` is four.
  for (let n = Math.min(4, words.length - i); n >= 1; n--) {
    const run = words.slice(i, i + n).map((w, k) => (k === n - 1 ? bare(w.text) : w.text));
    if (!run.slice(1).every((w) => DURATION_PIECE.test(w))) continue;
    const joined = run.join('');
    if (!DURATION_SHAPE.test(joined)) continue;
    const token = run.join(' ');
    const minutes = minutesOf(joined);
    if (minutes === undefined) return { kind: 'error', error: { code: 'bad_duration', token } };
    return { kind: 'ok', value: minutes, token, used: n };
  }
  return NONE;
}

/**
 * Parses `@who [date] [duration] notes…` (date and duration optional, in either order). `today` is the default date;
 * `notBefore`, when given, is the first day a session may have (the start of the programme's check-ins).
 */
export function parseCoachingLog(text: string, today: LocalDate, notBefore?: LocalDate): CoachingLogResult {
  const words = tokens(text);
  const first = words[0];
  const who = first ? parseWho(first.text) : undefined;
  if (!first || !who)
    return { ok: false, error: first ? { code: 'missing_who', token: first.text } : { code: 'missing_who' } };

  let date: { value: LocalDate; token: string } | undefined;
  let durationMinutes: number | undefined;
  let notesFrom = first.end;
  let i = 1;
  while (i < words.length) {
    // A duration first: `1.5 h` is one and a half hours, not the 1st of May followed by notes.
    const asDuration = parseDuration(words, i);
    const asDate = asDuration.kind === 'none' ? parseDate(bare((words[i] as Token).text), today) : NONE;
    const option = asDuration.kind === 'none' ? asDate : asDuration;
    if (option.kind === 'none') break;
    if (option.kind === 'error') return { ok: false, error: option.error };
    // A second date or duration would otherwise start the notes, and be taken for what it is not.
    if (asDate.kind === 'ok') {
      if (date) return { ok: false, error: { code: 'second_date', token: option.token } };
      date = { value: asDate.value, token: option.token };
    } else if (asDuration.kind === 'ok') {
      if (durationMinutes !== undefined)
        return { ok: false, error: { code: 'second_duration', token: option.token } };
      durationMinutes = asDuration.value;
    }
    i += option.used;
    notesFrom = (words[i - 1] as Token).end;
  }

  const day = date?.value ?? today;
  if (notBefore !== undefined && day < notBefore) {
    const error = { code: 'before_checkins' as const, date: day, from: notBefore };
    return { ok: false, error: date ? { ...error, token: date.token } : error };
  }
  const notes = text.slice(notesFrom).trim();
  if (notes === '') return { ok: false, error: { code: 'missing_notes' } };
  const value: CoachingLogInput = { who, date: day, notes };
  if (durationMinutes !== undefined) value.durationMinutes = durationMinutes;
  return { ok: true, value };
}

/** Splits the sub-command; an empty text asks for help. */
export function parseCoachingCommand(text: string): CoachingCommand {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { kind: 'help' };
  const word = match[1] as string;
  const rest = match[2] as string;
  switch (word.toLowerCase()) {
    case 'help':
      return { kind: 'help' };
    case 'log':
      return { kind: 'log', text: rest };
    case 'history': {
      const args = tokens(rest);
      if (args.length === 0) return { kind: 'history' };
      const who = parseWho((args[0] as Token).text);
      if (!who || args.length > 1) return { kind: 'bad_history', token: rest };
      return { kind: 'history', who };
    }
    default:
      return { kind: 'unknown', word };
  }
}
