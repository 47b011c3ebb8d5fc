// When each weekly job really runs. Holidays move the schedule, not the rule: a prompt due on a public holiday goes
// out on the working day before (people should have it before the long weekend), a reminder or an evaluation on the
// working day after (people cannot answer on a day off), and an evaluation never runs before the reminder of the
// same week, so that people always get the reminder's grace before being counted.
import { addDays, instantAt, isoWeekday, type LocalDate, localDateOf } from './calendar.ts';
import { type JobCron, parseJobCron } from './cron.ts';
import { AppError } from './errors.ts';
import { isPublicHoliday, nextWorkingDay, workingDayOnOrAfter, workingDayOnOrBefore } from './holidays.ts';
import type { JobName, Programme } from './programme.ts';
import { addWeeks, parseWeek, type WeekId, weekOfDate, weekStart } from './week.ts';

export type ScheduleSettings = Pick<Programme, 'timezone' | 'holidays' | 'schedule'>;

export interface JobSlot {
  job: JobName;
  /** The week the run is about: the prompt's own week, the week before for a reminder or an evaluation. */
  week: WeekId;
  /** The day the cron names. */
  nominal: LocalDate;
  /** The day it runs, once holidays are accounted for. */
  date: LocalDate;
  /** `date` at the cron's hour and minute in the programme's time zone. */
  at: Date;
}

export const JOB_NAMES: readonly JobName[] = ['prompt', 'reminder', 'evaluate'];

// Shifts are a few days at most (a holiday next to a weekend, then the day after the reminder); two weeks of margin
// when scanning nominal days is ample.
const SCAN_MARGIN_DAYS = 14;
const LOOK_BACK_MS = 21 * 86_400_000;

function cronOf(settings: ScheduleSettings, job: JobName): JobCron {
  const cron = parseJobCron(settings.schedule[job]);
  // The programme file is validated at load; reaching this means a programme was built by hand.
  if (!cron)
    throw new AppError('programme_invalid', {
      path: `programme.schedule.${job}`,
      value: settings.schedule[job],
    });
  return cron;
}

function weekConcerned(job: JobName, nominal: LocalDate): WeekId {
  const own = weekOfDate(nominal);
  return job === 'prompt' ? own : addWeeks(own, -1);
}

/** The day a job due on `nominal` runs, ignoring the evaluation-after-reminder rule. */
function shiftedDate(settings: ScheduleSettings, job: JobName, nominal: LocalDate): LocalDate {
  if (!isPublicHoliday(nominal, settings.holidays)) return nominal;
  if (job !== 'prompt') return workingDayOnOrAfter(nominal, settings.holidays);
  // Never before its week has begun (a Monday prompt on Easter Monday goes on Tuesday): see week-due.ts.
  const before = workingDayOnOrBefore(nominal, settings.holidays);
  return before >= weekStart(weekOfDate(nominal)) ? before : workingDayOnOrAfter(nominal, settings.holidays);
}

/**
 * The reminder an evaluation due on `nominal` must follow: the last reminder day of the same calendar week on or
 * before it, else (a schedule where reminders come later in the week) the first one.
 */
function reminderBefore(settings: ScheduleSettings, nominal: LocalDate): LocalDate {
  const days = cronOf(settings, 'reminder').weekdays;
  const monday = addDays(nominal, 1 - isoWeekday(nominal));
  const earlier = days.filter((d) => d <= isoWeekday(nominal));
  const day = earlier.length > 0 ? (earlier[earlier.length - 1] as number) : (days[0] as number);
  return addDays(monday, day - 1);
}

function slotOn(settings: ScheduleSettings, job: JobName, nominal: LocalDate): JobSlot {
  const cron = cronOf(settings, job);
  let date = shiftedDate(settings, job, nominal);
  let at = instantAt(date, cron.hour, cron.minute, settings.timezone);
  if (job === 'evaluate') {
    const reminderNominal = reminderBefore(settings, nominal);
    const reminder = slotOn(settings, 'reminder', reminderNominal);
    // When the schedule itself puts both on one day, the evaluation only has to come later in that day; otherwise it
    // keeps a day of its own after the reminder.
    const late = reminderNominal === nominal ? reminder.at.getTime() >= at.getTime() : reminder.date >= date;
    if (late) {
      date = nextWorkingDay(reminder.date, settings.holidays);
      at = instantAt(date, cron.hour, cron.minute, settings.timezone);
    }
  }
  return { job, week: weekConcerned(job, nominal), nominal, date, at };
}

/** Every effective slot whose instant is in (from, to], in time order. */
export function slotsBetween(settings: ScheduleSettings, job: JobName, from: Date, to: Date): JobSlot[] {
  if (to.getTime() <= from.getTime()) return [];
  const cron = cronOf(settings, job);
  const first = addDays(localDateOf(from, settings.timezone), -SCAN_MARGIN_DAYS);
  const last = addDays(localDateOf(to, settings.timezone), SCAN_MARGIN_DAYS);
  const slots: JobSlot[] = [];
  const seen = new Set<string>();
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (!cron.weekdays.includes(isoWeekday(day))) continue;
    const slot = slotOn(settings, job, day);
    const t = slot.at.getTime();
    if (t <= from.getTime() || t > to.getTime()) continue;
    // Two nominal days of a job can be moved onto one (Monday's evaluation to Tuesday, which has its own): one run.
    const key = `${slot.week}@${t}`;
    if (seen.has(key)) continue;
    seen.add(key);
    slots.push(slot);
  }
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.nominal < b.nominal ? -1 : 1));
}

/** The most recent effective slot at or before `now`, looking back three weeks. */
export function latestSlot(settings: ScheduleSettings, job: JobName, now: Date): JobSlot | undefined {
  const slots = slotsBetween(settings, job, new Date(now.getTime() - LOOK_BACK_MS), now);
  return slots[slots.length - 1];
}

/** The next effective slot strictly after `now`. */
export function nextSlot(settings: ScheduleSettings, job: JobName, now: Date): JobSlot {
  const slot = slotsBetween(settings, job, now, new Date(now.getTime() + LOOK_BACK_MS))[0];
  // Every valid cron fires at least once a week, and no shift lasts three weeks.
  if (!slot) throw new Error(`no ${job} slot within three weeks of ${now.toISOString()}`);
  return slot;
}

/** The run of `job` that concerns `week` (its first nominal day in the cron's weekdays), or undefined for a bad week. */
export function slotForWeek(settings: ScheduleSettings, job: JobName, week: WeekId): JobSlot | undefined {
  const valid = parseWeek(week);
  if (!valid) return undefined;
  const cron = cronOf(settings, job);
  const nominalWeek = job === 'prompt' ? valid : addWeeks(valid, 1);
  return slotOn(settings, job, addDays(weekStart(nominalWeek), (cron.weekdays[0] as number) - 1));
}
