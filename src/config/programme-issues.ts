// zod's issues, told in the programme manager's language: zod's own English speaks of types and regexes, the reader
// wants to know which value is wrong and how to write it.
import type { z } from 'zod';
import type { Messages } from '../i18n/index.ts';
import type { Finding, Segment } from './programme-checks.ts';
import { type CheckCode, knownKeysAt, MAX_INSTALMENTS } from './programme-schema.ts';
import { TIME_ZONES } from './time-zones.ts';

type Text = Messages['config'];
type Issue = z.core.$ZodIssue;

export function issueFindings(issue: Issue, t: Text): Finding[] {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      return issue.keys.map((key) => ({
        path,
        at: [...path, key],
        message: t.unknownKey(key, closest(key, known)),
      }));
    }
    case 'invalid_type': {
      if (input === undefined) return [{ path, message: t.missingKey }];
      const expected = issue.message === ('expected_date' satisfies CheckCode) ? 'date' : issue.expected;
      return [{ path, message: t.wrongType(kind(t, expected), kind(t, kindOf(input)), shown(input)) }];
    }
    case 'invalid_value':
      return [{ path, message: t.oneOf(String(input), issue.values.map(String)) }];
  }
  const message = checkMessage(issue, input, t);
  if (message !== undefined) return [{ path, message }];
  if (issue.code === 'too_small')
    return [{ path, message: issue.origin === 'array' ? t.emptyList : t.notEmpty }];
  // A check with no sentence of ours: zod's own, in the file's language (validate() parses with its locale).
  return [{ path, message: issue.message || t.invalid }];
}

/** The sentence for a check of programme-schema.ts, which names it by its code. */
function checkMessage(issue: Issue, input: unknown, t: Text): string | undefined {
  const value = String(input);
  switch (issue.message as CheckCode) {
    case 'date_format':
      return t.dateFormat(value);
    case 'impossible_date':
      return t.impossibleDate(value);
    case 'time_zone':
      // The list is in IANA's case: `europe/paris` is most likely Europe/Paris.
      return t.timeZone(
        value,
        TIME_ZONES.find((zone) => zone.toLowerCase() === value.trim().toLowerCase()),
      );
    case 'cron_invalid': {
      const params = (issue as { params?: { field?: string; part?: string } }).params;
      const field = params?.field ? t.cronFields[params.field] : undefined;
      return t.cronInvalid(value, field, params?.part);
    }
    case 'cron_unsupported':
      return t.cronUnsupported(value);
    case 'days_per_week':
      return t.daysPerWeek(Number(input));
    case 'retention_months':
      return t.retentionMonths(Number(input));
    case 'euros':
      return t.euros(Number(input));
    case 'share':
      return t.share(Number(input));
    case 'due':
      return t.due(value);
    case 'instalments':
      return t.tooManyInstalments(MAX_INSTALMENTS);
    case 'email':
      return t.email(value);
    case 'slack_id':
      return t.slackId(value);
    case 'id_format':
      return t.idFormat(value);
    case 'programme_id':
      return t.programmeId(value);
    default:
      return undefined;
  }
}

function kind(t: Text, name: string): string {
  return t.kinds[name] ?? t.kinds.other ?? name;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'other';
}

/** The value as the user typed it, when short enough to quote. */
function shown(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= 40 ? `"${value}"` : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The known key a typo most likely meant, if one is close enough. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, transpositions counting as one edit (`shcedule`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}
