import type { AlertRule } from '../../core/alerts.ts';
import type { chat as fr } from '../fr/chat.ts';
import { count, formatNumber } from '../plural.ts';

const days = (n: number) => (n >= 2 ? '2 days or more' : count('en', n, 'day', 'days'));
const average = (n: number) => count('en', Math.round(n * 100) / 100, 'day', 'days');
const number = (n: number) => formatNumber('en', n);
const plural = (n: number, word: string) => count('en', n, word, `${word}s`);
const byWhom = (individual: boolean) =>
  individual ? 'their individual arrangement requires' : 'the convention requires';

const rules = {
  unansweredRelease:
    'for the released day, a week without an answer counts neither as honoured nor as missed',
  unansweredCoaching:
    'for the coaching point, it counts as a week without one, unless the coach logged a session',
  coachingPoint:
    'the coaching point took place when the intrapreneur answers "yes" or their coach logs a session',
};

export const chat: typeof fr = {
  prompt: {
    title: (week: string) => `Weekly check-in — ${week}`,
    programme: (name: string) => `Programme: ${name}`,
    intro: (name: string) =>
      `Hello ${name}, two questions about your week. Each click is saved at once; you can correct it later.`,
    releaseQuestion: 'How many days were you released from your usual duties this week?',
    coachingQuestion: 'Did your weekly coaching point take place?',
    choices: { 0: '0', 0.5: '½', 1: '1', 1.5: '1½', 2: '2 or more', leave: 'On leave' },
    yes: 'Yes',
    no: 'No',
    comment: 'Add a comment',
    recorded: 'Recorded:',
    releaseRecorded: (value: number | 'leave') => (value === 'leave' ? 'on leave' : days(value)),
    coachingRecorded: (held: boolean) => (held ? 'coaching point held' : 'no coaching point'),
    commentRecorded: (comment: string) => `comment: “${comment}”`,
    nothingYet: 'No answer yet.',
    change: 'Change',
    answerWithCommand: 'To answer, type /checkin.',
  },
  rules,
  reminder: (name: string, week: string) =>
    `Hello ${name}, a quick reminder: we do not have your answer for ${week} yet. Two clicks are enough, in Friday's message or with /checkin.`,
  alert: {
    title: {
      release_two_weeks: 'Released day not honoured two weeks in a row',
      release_average: 'Released day below the minimum on average over four weeks',
      release_missed: 'Released day not honoured',
      no_answer: 'No answer to the weekly check-in',
      coaching_missed: 'Coaching point missed two weeks in a row',
    } satisfies Record<AlertRule, string>,
    body: {
      release_missed: (who: string, week: string, released: number, required: number, individual: boolean) =>
        `${who} reported ${days(released)} released for ${week}, where ${byWhom(individual)} ${days(required)}.`,
      release_two_weeks: (
        who: string,
        week: string,
        released: number,
        required: number,
        individual: boolean,
        previous: string,
      ) =>
        `${who} reported ${days(released)} released for ${week}, where ${byWhom(individual)} ${days(required)}; it was already the case for ${previous}: two weeks in a row below this minimum.`,
      release_average: (
        who: string,
        week: string,
        released: number,
        required: number,
        individual: boolean,
        mean: number,
      ) =>
        `${who} reported ${days(released)} released for ${week}; over the last four answered weeks, the average is ${average(mean)} a week, below the ${days(required)} ${byWhom(individual)}.`,
      alsoAverage: (mean: number) =>
        ` Over the last four answered weeks, the average is below this minimum too: ${average(mean)} a week.`,
      guarantee: ' This time is due: please see how to guarantee it.',
      no_answer: (who: string, week: string) =>
        `${who} did not answer the weekly check-in for ${week}, despite the reminder. As a reminder, ${rules.unansweredRelease}; ${rules.unansweredCoaching}. Someone should check in with them.`,
      coaching_missed: (who: string, week: string, previous: string) =>
        `${who} had no coaching point two weeks in a row (${previous}; ${week}): no "yes" answer and no session logged by their coach.`,
    },
  },
  digest: {
    title: (week: string) => `Digest of ${week}`,
    release: (honoured: number, total: number, missed: number, unknown: number, exempt: number) =>
      `Released day: ${honoured}/${total} honoured, ${missed} missed, ${unknown} without answer, ${exempt} exempt.`,
    coaching: (held: number, total: number) => `Coaching points: ${held}/${total}.`,
    alerts: (n: number) => (n === 0 ? 'No alert.' : `${plural(n, 'alert')}:`),
    alertGroup: (title: string, n: number) => `• ${title} (${number(n)}): `,
    others: (left: number, shown: number) =>
      shown === 0 ? `${number(left)} ${left === 1 ? 'person' : 'people'}` : ` and ${plural(left, 'other')}`,
    undelivered: (n: number) => `${plural(n, 'message')} could not be delivered:`,
    undeliveredLine: (who: string, kind: string, error: string) => `• ${who} (${kind}): ${error}`,
    undeliveredOthers: (left: number) => `• … and ${plural(left, 'other')}`,
    dashboard: (url: string) =>
      `The detail of each alert is on the dashboard: ${url} (your personal link: /phase dashboard).`,
    corrections: (n: number) =>
      n === 1
        ? 'One answer corrected by an owner since the last digest (alerts already sent stay):'
        : `${number(n)} answers corrected by the owners since the last digest (alerts already sent stay):`,
    correctionLine: (who: string, week: number, before: string, after: string, by: string) =>
      `• ${who}, week ${week}: ${before} → ${after} (corrected by ${by})`,
    noAnswer: 'no answer',
    moreCorrections: (n: number) => `• … and ${number(n)} more: see the dashboard or coaching-bot report.`,
  },
  dashboardLink: (url: string, until: string) =>
    `Here is your link to the programme dashboard, valid until ${until}: ${url}\nDo not forward it: it opens the whole cohort's answers.`,
};
