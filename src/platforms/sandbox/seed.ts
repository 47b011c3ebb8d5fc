// A few past weeks of a plausible cohort, so that a newcomer's first `npm start` shows a dashboard with something on
// it. Played through the real use cases with a clock set in the past: prompts sent on Friday, answers clicked, coaches'
// sessions logged, Monday's reminders and Tuesday's evaluation with its alerts, each job recorded as run so the
// scheduler does not run it again. Only for the bundled example programme and an empty database.
import { recordAnswer } from '../../app/answers.ts';
import { logCoaching } from '../../app/coaching.ts';
import { type AppContext, silentLogger } from '../../app/context.ts';
import { evaluateWeek } from '../../app/evaluation.ts';
import { sendPrompts } from '../../app/prompts.ts';
import { sendReminders } from '../../app/reminders.ts';
import { instantAt, type LocalDate } from '../../core/calendar.ts';
import type { AnswerChange } from '../../core/checkin.ts';
import type { ChatPort, Clock } from '../../core/ports.ts';
import { intrapreneurRoles, type JobName } from '../../core/programme.ts';
import { addWeeks, compareWeeks, type WeekId, weekDays, weekOfDate, weekOfInstant } from '../../core/week.ts';
import { isWeekExempt } from '../../core/window.ts';

const WEEKS = 6;

type Days = 0 | 0.5 | 1 | 1.5 | 2 | 'leave' | null;
type Held = boolean | null;

/** One line per intrapreneur of the example, oldest week first; `null` is no answer. */
interface Story {
  release: Days[];
  coaching: Held[];
  /** Whether the coach logged a session that week. */
  logged: boolean[];
  comments?: Record<number, string>;
}

// Alice keeps to the convention; Nicolas's manager keeps him busy twice in a row (escalated alert) and he says "no"
// once when his coach logged a session (a disagreement); Camille takes leave; Mehdi forgets twice (no-answer alerts);
// Élodie misses one week; Pierre is often released more than the minimum.
const STORIES: Story[] = [
  {
    release: [1, 1, 1, 1.5, 1, 1],
    coaching: [true, true, true, true, true, true],
    logged: [true, true, false, true, true, true],
    comments: { 3: "Atelier avec deux lycées de l'Aisne : très riche." },
  },
  {
    release: [1, 0.5, 1, 0, 0.5, 1],
    coaching: [true, false, true, false, false, true],
    logged: [true, true, true, false, false, true],
    comments: { 3: "Réunion budgétaire imprévue : mon manager m'a demandé de rester au service." },
  },
  {
    release: [1, 1, 'leave', 1, 1.5, 1],
    coaching: [true, true, null, true, true, false],
    logged: [true, false, false, true, false, false],
  },
  {
    release: [1, null, 1, 1, null, 0.5],
    coaching: [true, null, true, false, null, true],
    logged: [false, false, true, false, false, true],
    comments: { 5: 'Semaine chargée, clôture budgétaire.' },
  },
  {
    release: [2, 1, 1, 1, 0, 1],
    coaching: [true, true, true, true, true, true],
    logged: [true, true, true, true, true, true],
  },
  {
    release: [1.5, 1, 1, 'leave', 1, 2],
    coaching: [true, true, true, null, true, true],
    logged: [false, true, true, false, true, true],
  },
];

const NOTES = [
  'revue du POC',
  'préparation des entretiens avec les usagers',
  'cartographie des acteurs du territoire',
  'retour des premiers tests du prototype',
  'préparation du comité stratégique',
  'point sur le temps libéré et les priorités',
];
const DURATIONS = ['45min', '1h', '30min', '1h30'];

class SeedClock implements Clock {
  at = new Date(0);
  now(): Date {
    return new Date(this.at);
  }
}

/** The weeks to fill: up to six check-in weeks before the current one, breaks left out, oldest first. */
export function seedWeeks(ctx: AppContext): WeekId[] {
  const { programme } = ctx;
  const current = weekOfInstant(ctx.clock.now(), programme.timezone);
  const first = weekOfDate(programme.checkins.from);
  const weeks: WeekId[] = [];
  for (
    let w = addWeeks(current, -1);
    compareWeeks(w, first) >= 0 && weeks.length < WEEKS;
    w = addWeeks(w, -1)
  ) {
    if (!isWeekExempt(programme, w)) weeks.unshift(w);
  }
  return weeks;
}

/** True when nothing was ever recorded for the programme: no message, answer or coaching session. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const [outbox, sessions, jobs] = await Promise.all([
    ctx.store.listOutbox({}),
    ctx.store.listCoachingSessions({ limit: 1 }),
    ctx.store.listJobRuns(),
  ]);
  return outbox.length === 0 && sessions.length === 0 && jobs.length === 0;
}

export async function seedSandbox(ctx: AppContext, chatAt: (clock: Clock) => ChatPort): Promise<number> {
  const now = ctx.clock.now();
  const clock = new SeedClock();
  const seed: AppContext = { ...ctx, clock, chat: chatAt(clock), logger: silentLogger };
  const tz = ctx.programme.timezone;
  const at = (date: LocalDate, hour: number, minute = 0) => instantAt(date, hour, minute, tz);
  /** Runs `work` at that moment if it has come, and says whether it did. */
  const when = async (moment: Date, work: () => Promise<unknown>): Promise<boolean> => {
    if (moment.getTime() > now.getTime()) return false;
    clock.at = moment;
    await work();
    return true;
  };
  const ran = async (job: JobName, week: WeekId, moment: Date, work: () => Promise<unknown>) => {
    if (await when(moment, work)) await ctx.store.claimJobRun(job, week, moment);
  };

  const roles = intrapreneurRoles(ctx.programme);
  const weeks = seedWeeks(ctx);
  const offset = WEEKS - weeks.length;
  for (const [i, week] of weeks.entries()) {
    const days = weekDays(week);
    const next = weekDays(addWeeks(week, 1));
    const thursday = days[3] as LocalDate;
    const friday = days[4] as LocalDate;
    const monday = next[0] as LocalDate;
    const tuesday = next[1] as LocalDate;
    const k = i + offset;

    for (const [r, role] of roles.entries()) {
      const story = STORIES[r % STORIES.length] as Story;
      if (!story.logged[k]) continue;
      const text = `@${role.person} ${thursday} ${DURATIONS[(r + k) % DURATIONS.length]} ${NOTES[(r + k) % NOTES.length]}`;
      await when(at(thursday, 17, r * 5), () => logCoaching(seed, { actor: role.coach, text }));
    }

    await ran('prompt', week, at(friday, 14), () => sendPrompts(seed, week));

    for (const [r, role] of roles.entries()) {
      const story = STORIES[r % STORIES.length] as Story;
      const release = story.release[k];
      if (release === null || release === undefined) continue;
      const changes: AnswerChange[] = [
        {
          field: 'release',
          release: release === 'leave' ? { kind: 'leave' } : { kind: 'days', days: release },
        },
      ];
      const held = story.coaching[k];
      if (held !== null && held !== undefined) changes.push({ field: 'coaching', held });
      const comment = story.comments?.[k];
      if (comment) changes.push({ field: 'comment', comment });
      for (const [c, change] of changes.entries()) {
        await when(at(friday, 15 + (r % 3), r * 7 + c), () =>
          recordAnswer(seed, { actor: role.person, week, change }),
        );
      }
    }

    await ran('reminder', week, at(monday, 9, 30), () => sendReminders(seed, week));
    await ran('evaluate', week, at(tuesday, 9), () => evaluateWeek(seed, week));
  }

  // This week's prompt, if Friday has come: the newcomer finds a question waiting for them.
  const current = weekOfInstant(now, tz);
  const friday = weekDays(current)[4] as LocalDate;
  if (!isWeekExempt(ctx.programme, current)) {
    await ran('prompt', current, at(friday, 14), () => sendPrompts(seed, current));
  }
  return weeks.length;
}
