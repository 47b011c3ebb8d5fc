import type { ProjectStatus } from '../../core/programme.ts';
import type { commands as fr } from '../fr/commands.ts';

export const commands: typeof fr = {
  usage: {
    coaching: [
      'Usage:',
      '• `/coaching log @intrapreneur [date] [duration] notes…` — e.g. `/coaching log @alice yesterday 1h30 POC review`',
      "   date, today if none: `yesterday` or `hier`, `today` or `aujourd'hui`, `2026-11-27`, `27/11`, `27-11`, `27.11`, `27/11/2026` (day first) — not in the future, nor before the check-ins start",
      '   duration, 12 h at most: `45min`, `45 min`, `90 minutes`, `1h`, `2 hours`, `1h30`, `1 h 30`, `1.5h`',
      '• `/coaching history [@intrapreneur]` — recent sessions',
      '• `/coaching help` — this help',
    ].join('\n'),
    phase:
      'Usage: `/phase` for the programme status, `/phase <project>` for one project, `/phase dashboard` to receive the dashboard link (programme owners).',
    checkin:
      'Usage: `/checkin` opens this week’s check-in.\nProgramme owners: `/checkin @intrapreneur [week]` opens an intrapreneur’s check-in to answer or correct it on their behalf, e.g. `/checkin @alice` (the open weeks), `/checkin @alice 2026-W47` or `/checkin @alice 47` (a week of the check-in period, even one already evaluated).',
  },
  programmes: {
    notMember: (key: string) =>
      `You have no role in the programme “${key}”. Type the command without --programme to see your programmes.`,
    which: 'You are in several programmes and this command may be about more than one of them. Say which:',
    choice: (name: string, command: string) => `• ${name}: \`${command}\``,
    ambiguousClick:
      'This check-in may be about more than one of your programmes: answer with `/checkin --programme <programme>`.',
    clickNotMember: 'This check-in is about a programme you have no role in: nothing was recorded.',
    summaryTitle: 'Your programmes:',
    summaryLine: (name: string, key: string, current: string | undefined, next: string | undefined) =>
      `• ${name} (\`${key}\`) — ${current ? `current phase: ${current}` : 'no phase under way'}${next ? `; next: ${next}` : ''}`,
    summaryMore: 'One programme in detail: `/phase <programme>`; a project: `/phase <programme> <project>`.',
  },
  unknownUser:
    'Hello! I cannot find you among the programme’s people. If you should be there, ask the programme owner to add you to the programme file.',
  unknownSubcommand: (word: string) => `I do not know the command “${word}”.`,
  logged: (who: string, date: string, duration: string | undefined) =>
    `Coaching session logged for ${who} on ${date}${duration ? ` (${duration})` : ''}. It counts as the week’s coaching point.`,
  duration: (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  },
  historyTitle: (who: string | undefined) =>
    who ? `Recent coaching sessions of ${who}:` : 'Recent coaching sessions:',
  historyLine: (date: string, who: string, duration: string | undefined, notes: string | undefined) =>
    `• ${date} — ${who}${duration ? ` (${duration})` : ''}${notes === undefined ? '' : `: ${notes}`}`,
  historyNotesWithheld:
    'Session notes can only be read by the coach who wrote them, the intrapreneur concerned and the programme owners.',
  historyEmpty: 'No session logged yet.',
  notIntrapreneurCheckin: 'The weekly check-in is for intrapreneurs; you are not one in this programme.',
  noOpenWeek: 'No week is open for the check-in right now (outside the programme’s weeks, or a break).',
  answerRecorded: 'Noted.',
  checkinBadWord: (token: string) =>
    `I do not understand “${token}”: name a person (\`@alice\`), then if needed a week (\`2026-W47\` or \`47\`).`,
  checkinFor: (who: string) =>
    `${who}’s check-in, filled in by you: each click is recorded for ${who}, in your name, and mentioned in the next digest.`,
  errors: {
    not_allowed: {
      log: (who: string) => `Only ${who}’s coach or a programme owner can log their sessions.`,
      history: (who: string | undefined) =>
        who
          ? `You cannot see ${who}’s history: it is for their coach, their line manager and the programme owners.`
          : 'You do not follow any intrapreneur: there is no history to show you.',
      project: (project: string) =>
        `The details of project ${project} are for its team, their line managers and the programme owners.`,
      answer: (who: string) => `You cannot answer on behalf of ${who}.`,
      correct: (who: string) =>
        `Only the programme owners may open ${who}’s check-in to answer on their behalf.`,
    },
    notes_too_long: (length: number, max: number) =>
      `Your notes are ${length.toLocaleString('en-GB')} characters long, for ${max.toLocaleString('en-GB')} at most: nothing was recorded. Keep what matters about the session and send the command again.`,
    unknown_person: (mention: string) => `I cannot find anyone matching “${mention}” in the programme.`,
    not_intrapreneur: (who: string) => `${who} is not an intrapreneur of this programme.`,
    unknown_project: (project: string, known: string) => `Unknown project “${project}”. Projects: ${known}.`,
    week_invalid: (week: string) => `Impossible week: ${week}.`,
    week_closed: (week: string) =>
      `${week} has already been evaluated: to correct your answer, ask the programme owner.`,
    comment_too_long: (max: number, length: number) =>
      `Your comment is ${length.toLocaleString('en-GB')} characters long, ${max.toLocaleString('en-GB')} at most: please shorten it.`,
    // What the person did, then why the database refused it: “Your answer was not recorded: …”.
    refused: (what: string, why: string) => `${what}: ${why}`,
    not_recorded: {
      answer: 'Your answer was not recorded',
      comment: 'Your comment was not recorded',
      coaching_log: 'Your coaching session was not recorded',
      command: 'Your request did not go through',
    },
    storage: {
      storage_full:
        'the bot’s server has no room left to write. Try again later; if it lasts, tell the bot’s administrator.',
      storage_busy:
        'the bot’s database is busy with another operation (a backup, for example). Try again in a moment.',
      storage_read_only: 'the bot cannot write to its database. Tell the bot’s administrator.',
      storage_unavailable: 'the bot cannot write to its database. Tell the bot’s administrator.',
    },
    week_not_started: (week: string, latest: string) =>
      `This week has not started yet: ${week}. Nothing can be done for it before; at the latest today: ${latest}.`,
    week_not_over: (week: string, latest: string) =>
      `This week is not over yet: ${week}. Its reminders and its evaluation wait for its end; at the latest today: ${latest}.`,
    week_not_followed: (week: string) =>
      `This week is not followed: ${week}. It is outside the check-in period, or a break week.`,
    weekNumber: (n: string) => `week ${n}`,
    coaching_log: {
      missing_who: 'Name the intrapreneur with a mention, e.g. `@alice`.',
      bad_date: (token: string) =>
        `Date not understood “${token}”: write \`yesterday\`, \`today\`, \`2026-11-27\`, \`27/11\`, \`27-11\`, \`27.11\` or \`27/11/2026\` (day before month).`,
      future_date: (token: string) => `The date “${token}” is in the future: log a session that took place.`,
      before_checkins: (date: string, from: string) =>
        `A session on ${date} would be before the weekly check-ins start (${from}): it would count for no week of the programme.`,
      second_date: (token: string) =>
        `One date per session: “${token}” would be a second one. Write the notes after the date and duration.`,
      bad_duration: (token: string) =>
        `Duration not understood “${token}”: write \`45min\`, \`90 minutes\`, \`1h\`, \`2 hours\`, \`1h30\` or \`1 h 30\` (more than 0, and 12 h at most).`,
      second_duration: (token: string) =>
        `One duration per session: “${token}” would be a second one. Write the notes after the date and duration.`,
      missing_notes: 'Add a few words about the session after the date and duration.',
    },
  },
  projectStatus: {
    pre_incubation: 'in pre-incubation',
    poc_presented: 'POC presented',
    selected: 'selected for incubation',
    not_selected: 'not selected',
    abandoned: 'abandoned',
  } satisfies Record<ProjectStatus, string>,
};
