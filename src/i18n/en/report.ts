import type { report as fr } from '../fr/report.ts';

export const report: typeof fr = {
  header: { intrapreneur: 'Intrapreneur', project: 'Project' },
  legend:
    'Released days: declared number (✗ below the minimum), L = on leave, ? = no answer, · = not asked, – = exempt; coaching: ✓ held, ✗ missed; ! = alert.',
  leave: 'L',
  unknown: '?',
  notAsked: '·',
  exempt: '–',
  empty: 'No intrapreneur in this programme.',
};
