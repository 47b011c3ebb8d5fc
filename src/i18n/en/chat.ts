import type { AlertKind } from '../../core/alerts.ts';
import type { chat as fr } from '../fr/chat.ts';
import { count } from '../plural.ts';

const days = (n: number) => (n >= 2 ? '2 days or more' : count('en', n, 'day', 'days'));

export const chat: typeof fr = {
  prompt: {
    title: (week: string) => `Weekly check-in — ${week}`,
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
  },
  reminder: (name: string, week: string) =>
    `Hello ${name}, a quick reminder: we do not have your answer for ${week} yet. Two clicks are enough, in Friday's message or with /checkin.`,
  alert: {
    title: {
      release_missed: 'Released day not honoured',
      release_missed_again: 'Released day not honoured, again',
      no_answer: 'No answer to the weekly check-in',
      coaching_missed: 'Coaching point missed two weeks in a row',
    } satisfies Record<AlertKind, string>,
    body: {
      release_missed: (who: string, week: string, released: number, required: number) =>
        `${who} reported ${days(released)} released for ${week}, where the convention requires ${days(required)}.`,
      release_missed_again: (who: string, week: string, detail: string) =>
        `${who} was not given their released time for ${week}, and not for the first time: ${detail}. Please see with their line management how to guarantee this time.`,
      no_answer: (who: string, week: string) =>
        `${who} did not answer the weekly check-in for ${week}, despite the reminder. This is not counted as a miss: someone should check in with them.`,
      coaching_missed: (who: string, week: string, previous: string) =>
        `${who} had no coaching point in ${week} nor in ${previous}.`,
    },
    detailConsecutive: (previous: string) => `${previous} too`,
    detailAverage: (average: number) =>
      `an average of ${count('en', Math.round(average * 100) / 100, 'day', 'days')} over the last four weeks`,
    detailJoin: '; ',
  },
  digest: {
    title: (week: string) => `Digest of ${week}`,
    release: (honoured: number, total: number, missed: number, unknown: number, exempt: number) =>
      `Released day: ${honoured}/${total} honoured, ${missed} missed, ${unknown} without answer, ${exempt} exempt.`,
    coaching: (held: number, total: number) => `Coaching points: ${held}/${total}.`,
    alerts: (n: number) => (n === 0 ? 'No alert.' : `${count('en', n, 'alert', 'alerts')}:`),
    alertLine: (title: string, who: string) => `• ${title} — ${who}`,
    undelivered: (n: number) => `${count('en', n, 'message', 'messages')} could not be delivered:`,
    undeliveredLine: (who: string, kind: string, error: string) => `• ${who} (${kind}): ${error}`,
  },
  dashboardLink: (url: string, until: string) =>
    `Here is your link to the programme dashboard, valid until ${until}: ${url}\nDo not forward it: it opens the whole cohort's answers.`,
};
