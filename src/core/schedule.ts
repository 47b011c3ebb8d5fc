// When each weekly job really runs. Holidays move the schedule, not the rule: a prompt due on a public holiday goes
// out on the working day before (people should have it before the long weekend), a reminder or an evaluation on the
// working day after (people cannot answer on a day off), and an evaluation never runs before the reminder of the
// same week, so that people always get the reminder's grace before being counted.
//
// Each intrapreneur's prompt and reminder follow their own holidays (`people[].holidays`, else the programme's): when
// calendars differ, a prompt or a reminder has one run per distinct day, each reaching the people due by then, and
// the last one (`complete`) everyone still owed it. The evaluation keeps the programme's calendar and comes after the
// last reminder, so that it is one run for everyone.
import { addDays, instantAt, isoWeekday, type LocalDate, localDateOf } from './calendar.ts';
import { type JobCron, parseJobCron } from './cron.ts';
import { AppError } from './errors.ts';
import {
  type HolidayZone,
  isPublicHoliday,
  nextWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './holidays.ts';
import { calendarOf, type JobName, type PersonCalendar, type Programme } from './programme.ts';
import { addWeeks, parseWeek, type WeekId, weekOfDate, weekStart } from './week.ts';

export type ScheduleSettings = Pick<Programme, 'timezone' | 'holidays' | 'schedule'> &
  Partial<Pick<Programme, 'people' | 'projects'>>;

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
  /**
   * False for a prompt or reminder run that only reaches the people whose own holidays moved theirs earlier than
   * others': a later run of the same week (the complete one) reaches everyone.
   */
  complete: boolean;
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

/** The day a job due on `nominal` runs in a calendar, ignoring the evaluation-after-reminder rule. */
function shiftedDate(job: JobName, nominal: LocalDate, zone: HolidayZone): LocalDate {
  if (!isPublicHoliday(nominal, zone)) return nominal;
  if (job !== 'prompt') return workingDayOnOrAfter(nominal, zone);
  // Never before its week has begun (a Monday prompt on Easter Monday goes on Tuesday): see week-due.ts.
  const before = workingDayOnOrBefore(nominal, zone);
  return before >= weekStart(weekOfDate(nominal)) ? before : workingDayOnOrAfter(nominal, zone);
}

const calendarsCache = new WeakMap<ScheduleSettings, readonly PersonCalendar[]>();

/**
 * The calendars the prompt and the reminder follow: those of the intrapreneurs, each their holidays and their time
 * zone (the programme's when unknown).
 */
export function intrapreneurCalendars(settings: ScheduleSettings): readonly PersonCalendar[] {
  const { people, projects } = settings;
  const own = { holidays: settings.holidays, timezone: settings.timezone };
  if (!people || !projects) return [own];
  let calendars = calendarsCache.get(settings);
  if (!calendars) {
    const found = new Map<string, PersonCalendar>();
    for (const project of projects) {
      for (const i of project.intrapreneurs) {
        const calendar = calendarOf({ ...own, people }, i.person);
        found.set(`${calendar.holidays}@${calendar.timezone}`, calendar);
      }
    }
    calendars = found.size > 0 ? [...found.values()] : [own];
    calendarsCache.set(settings, calendars);
  }
  return calendars;
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

/**
 * The run of a job due on `nominal` for the people keeping this calendar (a prompt or a reminder): the day their
 * holidays give, at the schedule's hour in their time zone. The week stays the programme's.
 */
function calendarSlot(
  settings: ScheduleSettings,
  job: JobName,
  nominal: LocalDate,
  calendar: PersonCalendar,
): JobSlot {
  const cron = cronOf(settings, job);
  const date = shiftedDate(job, nominal, calendar.holidays);
  const at = instantAt(date, cron.hour, cron.minute, calendar.timezone);
  return { job, week: weekConcerned(job, nominal), nominal, date, at, complete: true };
}

/** The runs of a job due on `nominal`, in time order: one per distinct instant, the last one complete. */
function slotsOn(settings: ScheduleSettings, job: JobName, nominal: LocalDate): JobSlot[] {
  if (job === 'evaluate') return [evaluationOn(settings, nominal)];
  const byInstant = new Map<number, JobSlot>();
  for (const calendar of intrapreneurCalendars(settings)) {
    const slot = calendarSlot(settings, job, nominal, calendar);
    byInstant.set(slot.at.getTime(), slot);
  }
  const slots = [...byInstant.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return slots.map((slot, i) => ({ ...slot, complete: i === slots.length - 1 }));
}

function evaluationOn(settings: ScheduleSettings, nominal: LocalDate): JobSlot {
  const cron = cronOf(settings, 'evaluate');
  let date = shiftedDate('evaluate', nominal, settings.holidays);
  let at = instantAt(date, cron.hour, cron.minute, settings.timezone);
  const reminderNominal = reminderBefore(settings, nominal);
  // The last reminder of the week, whoever's calendar moved it there.
  const reminder = slotsOn(settings, 'reminder', reminderNominal).at(-1) as JobSlot;
  // When the schedule itself puts both on one day, the evaluation only has to come later in that day; otherwise it
  // keeps a day of its own after the reminder.
  const late = reminderNominal === nominal ? reminder.at.getTime() >= at.getTime() : reminder.date >= date;
  if (late) {
    date = nextWorkingDay(reminder.date, settings.holidays);
    at = instantAt(date, cron.hour, cron.minute, settings.timezone);
  }
  return { job: 'evaluate', week: weekConcerned('evaluate', nominal), nominal, date, at, complete: true };
}

/** Every effective slot whose instant is in (from, to], in time order. */
export function slotsBetween(settings: ScheduleSettings, job: JobName, from: Date, to: Date): JobSlot[] {
  if (to.getTime() <= from.getTime()) return [];
  const cron = cronOf(settings, job);
  const first = addDays(localDateOf(from, settings.timezone), -SCAN_MARGIN_DAYS);
  const last = addDays(localDateOf(to, settings.timezone), SCAN_MARGIN_DAYS);
  const slots: JobSlot[] = [];
  const seen = new Map<string, JobSlot>();
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (!cron.weekdays.includes(isoWeekday(day))) continue;
    for (const slot of slotsOn(settings, job, day)) {
      const t = slot.at.getTime();
      if (t <= from.getTime() || t > to.getTime()) continue;
      // Two nominal days of a job can be moved onto one (Monday's evaluation to Tuesday, which has its own): one
      // run, complete if either is.
      const key = `${slot.week}@${t}`;
      const same = seen.get(key);
      if (same) {
        if (slot.complete) same.complete = true;
        continue;
      }
      seen.set(key, slot);
      slots.push(slot);
    }
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

/**
 * The run of `job` that concerns `week` (its first nominal day in the cron's weekdays), or undefined for a bad week:
 * the complete run, or with `calendar` the run of the people keeping that calendar.
 */
export function slotForWeek(
  settings: ScheduleSettings,
  job: JobName,
  week: WeekId,
  calendar?: PersonCalendar,
): JobSlot | undefined {
  const valid = parseWeek(week);
  if (!valid) return undefined;
  const cron = cronOf(settings, job);
  const nominalWeek = job === 'prompt' ? valid : addWeeks(valid, 1);
  const nominal = addDays(weekStart(nominalWeek), (cron.weekdays[0] as number) - 1);
  if (calendar !== undefined && job !== 'evaluate') return calendarSlot(settings, job, nominal, calendar);
  return slotsOn(settings, job, nominal).at(-1);
}

/** Whether `person`'s prompt or reminder of `week` is due by `until`, by their own holidays and time zone. */
export function isDueFor(
  settings: ScheduleSettings & Pick<Programme, 'people'>,
  job: 'prompt' | 'reminder',
  week: WeekId,
  person: string,
  until: Date,
): boolean {
  const slot = slotForWeek(settings, job, week, calendarOf(settings, person));
  return slot !== undefined && slot.at.getTime() <= until.getTime();
}
