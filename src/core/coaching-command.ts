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
  | 'bad_duration'
  | 'missing_notes';

export interface CoachingLogError {
  code: CoachingLogErrorCode;
  /** The word that was wrong, when there was one. */
  token?: string;
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

type Parsed<T> = { kind: 'none' } | { kind: 'ok'; value: T } | { kind: 'error'; error: CoachingLogError };

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

/** A date word or a token shaped like a date; a shaped token that is no real date is an error, not notes. */
function parseDate(token: string, today: LocalDate): Parsed<LocalDate> {
  const relative = RELATIVE_DAYS[token.toLowerCase()];
  if (relative !== undefined) return { kind: 'ok', value: addDays(today, relative) };
  let date: string;
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(token);
  const french = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(token);
  if (iso) {
    date = `${iso[1]}-${pad2(iso[2] as string)}-${pad2(iso[3] as string)}`;
  } else if (french) {
    const monthDay = `${pad2(french[2] as string)}-${pad2(french[1] as string)}`;
    let year: string;
    if (french[3] === undefined) {
      // Without a year, the most recent such day: 27/11 typed in January is last November.
      const thisYear = Number(today.slice(0, 4));
      year = String(monthDay > today.slice(5) ? thisYear - 1 : thisYear).padStart(4, '0');
    } else {
      year = french[3].length === 2 ? `20${french[3]}` : french[3];
    }
    date = `${year}-${monthDay}`;
  } else if (/^\d+\/\d+(?:\/\d+)?$/.test(token) || /^\d{4}-\d+-\d+$/.test(token)) {
    return { kind: 'error', error: { code: 'bad_date', token } };
  } else {
    return NONE;
  }
  if (!isRealDate(date)) return { kind: 'error', error: { code: 'bad_date', token } };
  if (date > today) return { kind: 'error', error: { code: 'future_date', token } };
  return { kind: 'ok', value: date };
}

const DURATION_SHAPE = /^\d+(?:[.,]\d+)?(?:h\d*(?:min|mn|m)?|min|mn|m)$/i;
const HOURS_MINUTES = /^(\d+)h(?:(\d{1,2})(?:min|mn|m)?)?$/i;
const MINUTES = /^(\d+)(?:min|mn|m)$/i;
const DECIMAL_HOURS = /^(\d+)[.,](\d+)h$/i;

/** `45min`, `1h`, `1h30`, `1h30min`, `1,5h`; a token of that shape that is no valid duration is an error. */
function parseDuration(token: string): Parsed<number> {
  if (!DURATION_SHAPE.test(token)) return NONE;
  let minutes: number | undefined;
  const hm = HOURS_MINUTES.exec(token);
  const m = MINUTES.exec(token);
  const decimal = DECIMAL_HOURS.exec(token);
  if (hm) {
    const extra = hm[2] === undefined ? 0 : Number(hm[2]);
    if (extra < 60) minutes = Number(hm[1]) * 60 + extra;
  } else if (m) {
    minutes = Number(m[1]);
  } else if (decimal) {
    minutes = Math.round(Number(`${decimal[1]}.${decimal[2]}`) * 60);
  }
  if (minutes === undefined || minutes <= 0 || minutes > MAX_SESSION_MINUTES) {
    return { kind: 'error', error: { code: 'bad_duration', token } };
  }
  return { kind: 'ok', value: minutes };
}

/** Parses `@who [date] [duration] notes…` (date and duration optional, in either order); `today` is the default date. */
export function parseCoachingLog(text: string, today: LocalDate): CoachingLogResult {
  const words = tokens(text);
  const first = words[0];
  const who = first ? parseWho(first.text) : undefined;
  if (!first || !who)
    return { ok: false, error: first ? { code: 'missing_who', token: first.text } : { code: 'missing_who' } };

  let date: LocalDate | undefined;
  let durationMinutes: number | undefined;
  let notesFrom = first.end;
  let i = 1;
  while (i < words.length && (date === undefined || durationMinutes === undefined)) {
    const word = words[i] as Token;
    // `45 min` typed with a space is read as `45min`.
    const unit = words[i + 1];
    const joined = unit !== undefined && /^\d+$/.test(word.text) && /^(?:min|mn|h)$/i.test(unit.text);
    const candidate = joined ? { text: word.text + unit.text, end: unit.end } : word;
    const asDate = date === undefined ? parseDate(candidate.text, today) : NONE;
    const asDuration =
      asDate.kind === 'none' && durationMinutes === undefined ? parseDuration(candidate.text) : NONE;
    if (asDate.kind === 'error') return { ok: false, error: asDate.error };
    if (asDuration.kind === 'error') return { ok: false, error: asDuration.error };
    if (asDate.kind === 'ok') date = asDate.value;
    else if (asDuration.kind === 'ok') durationMinutes = asDuration.value;
    else break;
    notesFrom = candidate.end;
    i += joined ? 2 : 1;
  }

  const notes = text.slice(notesFrom).trim();
  if (notes === '') return { ok: false, error: { code: 'missing_notes' } };
  const value: CoachingLogInput = { who, date: date ?? today, notes };
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
