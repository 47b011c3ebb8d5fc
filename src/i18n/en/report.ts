import type { report as fr } from '../fr/report.ts';

export const report: typeof fr = {
  header: { intrapreneur: 'Intrapreneur', project: 'Project', required: 'Min./wk' },
  legend:
    'Min./wk: released days expected a week; released days: declared number (✗ below the minimum), L = on leave, ? = no answer, · = not asked, – = exempt; coaching: ✓ held, ✗ missed; ! = alert.',
  leave: 'L',
  unknown: '?',
  notAsked: '·',
  exempt: '–',
  empty: 'No intrapreneur in this programme.',
  // The English export keeps the column names and values it has always had, for the scripts that read it.
  sheet: {
    name: 'Compliance',
    header: [
      'week',
      'intrapreneur',
      'name',
      'project',
      'release',
      'releasedDays',
      'leave',
      'coaching',
      'coachingAnswered',
      'coachingLogged',
      'alerts',
      'required',
    ],
    release: {
      honoured: 'honoured',
      missed: 'missed',
      unknown: 'unknown',
      not_asked: 'not_asked',
      exempt: 'exempt',
      leave: 'exempt',
    },
    coaching: {
      held: 'held',
      missed: 'missed',
      unknown: 'unknown',
      not_asked: 'not_asked',
      exempt: 'exempt',
    },
    yes: 'true',
    no: 'false',
    alerts: {
      release_missed: 'release_missed',
      release_missed_again: 'release_missed_again',
      no_answer: 'no_answer',
      coaching_missed: 'coaching_missed',
    },
    alertSeparator: ' ',
  },
};
