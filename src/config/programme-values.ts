// The values of the programme file, each on its own: dates, ids, cron expressions, time zones, released days, sums.
// programme-schema.ts puts them together into the file's shape. Error messages are codes (`CheckCode`), not
// sentences: programme-issues.ts turns them into the reader's language.
import cron from 'node-cron';
import { z } from 'zod';
import { isRealDate, isTimeZone } from '../core/calendar.ts';
import { parseJobCron } from '../core/cron.ts';
import { HOLIDAY_ZONES } from '../core/holidays.ts';
import { TIME_ZONES } from './time-zones.ts';

/** What a check says is wrong; programme-issues.ts has a sentence for each. */
export type CheckCode =
  | 'expected_date'
  | 'date_format'
  | 'impossible_date'
  | 'time_zone'
  | 'cron_invalid'
  | 'cron_unsupported'
  | 'days_per_week'
  | 'retention_months'
  | 'euros'
  | 'share'
  | 'due'
  | 'instalments'
  | 'email'
  | 'slack_id'
  | 'id_format'
  | 'programme_id'
  | 'empty';

export const code = (c: CheckCode) => ({ error: c });

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** One day of the week as the scheduler reads it: 0–7 (0 and 7 are Sunday) or its English name, in any case. */
export const CRON_DAY = `(?:[0-7]|${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  .map((name) => [...name].map((c) => `[${c.toUpperCase()}${c}]`).join(''))
  .join('|')})`;
export const CRON_DAYS = `(?:\\*|${CRON_DAY}(?:-${CRON_DAY})?(?:,${CRON_DAY}(?:-${CRON_DAY})?)*)`;
/**
 * Exactly the expressions the scheduler accepts (node-cron validates them, parseJobCron reads them): a minute and an
 * hour, `* *`, then the days of the week. programme-schema-parity.test.ts holds it to the same verdicts.
 */
export const CRON_PATTERN = `^ *(?:[0-5]?\\d) +(?:[01]?\\d|2[0-3]) +\\* +\\* +${CRON_DAYS} *$`;
export const SLACK_USER_PATTERN = /^[UW][A-Z0-9]{2,}$/;
/** A programme's key in the database: what `programmeKey` derives from a name, so both kinds of key look alike. */
export const PROGRAMME_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const DEFAULT_SCHEDULE = { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' };

export const KNOWN_TIME_ZONES = new Set(TIME_ZONES);

/** A zone of the list editors are given, and that this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  return KNOWN_TIME_ZONES.has(zone) && isTimeZone(zone);
}

export function text(description: string) {
  return z.string().min(1, code('empty')).meta({ description });
}

export function date(description: string) {
  return z
    .string(code('expected_date'))
    .regex(DATE_PATTERN, { ...code('date_format'), abort: true })
    .refine(isRealDate, code('impossible_date'))
    .meta({ description: `${description} (AAAA-MM-JJ)`, format: 'date' });
}

export function id(description: string) {
  return z
    .string()
    .min(1, { ...code('empty'), abort: true })
    .regex(ID_PATTERN, code('id_format'))
    .meta({ description });
}

/** A reference to a person of `people` by id; whether it exists is checked in programme-checks.ts. */
export function personRef(description: string) {
  return z.string().min(1, code('empty')).meta({ description });
}

export function jobCron(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      // node-cron runs the jobs, so it must accept the expression; parseJobCron computes catch-up and "next run",
      // so the expression must also be of the simple weekly shape it understands.
      if (!cron.validate(value)) {
        const detail = cron.validateDetailed(value).errors[0];
        ctx.addIssue({
          code: 'custom',
          message: 'cron_invalid',
          params: { field: detail?.field, part: detail?.value },
        });
      } else if (!parseJobCron(value)) {
        ctx.addIssue({ code: 'custom', message: 'cron_unsupported' });
      }
    })
    .meta({
      description: `${description} — expression cron « minute heure * * jours », ex. "0 14 * * FRI"`,
      // For editors: the superRefine above says which part is wrong, this pattern accepts exactly the same.
      pattern: CRON_PATTERN,
    });
}

/** Released days a week: from ½ to 5, by half days. */
export function daysPerWeek(description: string) {
  return z
    .number()
    .positive({ ...code('days_per_week'), abort: true })
    .max(5, { ...code('days_per_week'), abort: true })
    .multipleOf(0.5, code('days_per_week'))
    .meta({ description });
}

export function holidayZone(description: string) {
  return z.enum(HOLIDAY_ZONES).meta({ description: `${description} : ${HOLIDAY_ZONES.join(', ')}` });
}

export const period = (what: string) =>
  z.object({ from: date(`Premier jour ${what}`), to: date(`Dernier jour ${what}`) }).strict();

/** A sum in euros, to the cent at most. */
export function euros(description: string) {
  return z
    .number()
    .positive({ ...code('euros'), abort: true })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, code('euros'))
    .meta({ description });
}
