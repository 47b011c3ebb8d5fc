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
    checkin: 'Usage: `/checkin` opens this week’s check-in.',
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
  historyLine: (date: string, who: string, duration: string | undefined, notes: string) =>
    `• ${date} — ${who}${duration ? ` (${duration})` : ''}: ${notes}`,
  historyEmpty: 'No session logged yet.',
  notIntrapreneurCheckin: 'The weekly check-in is for intrapreneurs; you are not one in this programme.',
  noOpenWeek: 'No week is open for the check-in right now (outside the programme’s weeks, or a break).',
  answerRecorded: 'Noted.',
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
    },
    unknown_person: (mention: string) => `I cannot find anyone matching “${mention}” in the programme.`,
    not_intrapreneur: (who: string) => `${who} is not an intrapreneur of this programme.`,
    unknown_project: (project: string, known: string) => `Unknown project “${project}”. Projects: ${known}.`,
    week_invalid: (week: string) => `Impossible week: ${week}.`,
    week_closed: (week: string) =>
      `${week} has already been evaluated: to correct your answer, ask the programme owner.`,
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
