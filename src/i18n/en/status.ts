import type { status as fr } from '../fr/status.ts';
import { count } from '../plural.ts';

export const status: typeof fr = {
  title: (name: string, today: string) => `${name} — ${today}`,
  phaseLine: (marker: string, name: string, from: string, to: string) =>
    `${marker} ${name} — ${from} to ${to}`,
  markers: { past: '✓', current: '▶', upcoming: '·' },
  current: '(current)',
  today: 'today',
  next: (name: string, days: number, date: string) =>
    `Next: ${name} in ${count('en', days, 'day', 'days')} (${date}).`,
  finished: 'The programme has ended.',
  betweenPhases: 'Between two phases.',
  projects: 'Projects:',
  moreProjects: (left: number) =>
    `• … and ${left} other${left === 1 ? '' : 's'}: type /phase <project> for a project's detail`,
  projectLine: (name: string, state: string, decided: string | undefined) =>
    `• ${name} — ${state}${decided ? ` (decided on ${decided})` : ''}`,
  compliance: (
    week: string,
    honoured: number,
    total: number,
    missed: number,
    unknown: number,
    coaching: number,
  ) =>
    `Compliance, ${week}: released day honoured ${honoured}/${total}, missed ${missed}, no answer ${unknown}; coaching points ${coaching}/${total}.`,
  noCompliance: 'No check-in week yet.',
  projectTitle: (name: string, state: string) => `${name} — ${state}`,
  problem: (text: string) => `Problem: ${text}`,
  coach: (name: string) => `Coach: ${name}`,
  intrapreneurLine: (name: string, manager: string, weeks: string) =>
    `• ${name} (line manager: ${manager}) — ${weeks}`,
  cell: {
    honoured: (days: string) => `${days} ✓`,
    missed: (days: string) => `${days} ✗`,
    unknown: '?',
    exempt: 'exempt',
    not_asked: '—',
  },
};
