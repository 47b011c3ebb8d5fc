import { count } from '../plural.ts';

export const status = {
  title: (name: string, today: string) => `${name} — ${today}`,
  phaseLine: (marker: string, name: string, from: string, to: string) =>
    `${marker} ${name} — du ${from} au ${to}`,
  markers: { past: '✓', current: '▶', upcoming: '·' },
  current: '(en cours)',
  today: 'aujourd’hui',
  next: (name: string, days: number, date: string) =>
    `Prochaine étape : ${name} dans ${count('fr', days, 'jour', 'jours')} (${date}).`,
  finished: 'Le programme est terminé.',
  betweenPhases: 'Entre deux phases.',
  projects: 'Projets :',
  moreProjects: (left: number) =>
    `• … et ${left} autre${left > 1 ? 's' : ''} : tapez /phase <projet> pour le détail d’un projet`,
  projectLine: (name: string, state: string, decided: string | undefined) =>
    `• ${name} — ${state}${decided ? ` (décision du ${decided})` : ''}`,
  compliance: (
    week: string,
    honoured: number,
    total: number,
    missed: number,
    unknown: number,
    coaching: number,
  ) =>
    `Conformité, ${week} : jour libéré respecté ${honoured}/${total}, manqué ${missed}, sans réponse ${unknown} ; points de coaching ${coaching}/${total}.`,
  noCompliance: 'Pas encore de semaine de suivi.',
  projectTitle: (name: string, state: string) => `${name} — ${state}`,
  problem: (text: string) => `Problème : ${text}`,
  coach: (name: string) => `Coach : ${name}`,
  intrapreneurLine: (name: string, manager: string, weeks: string) =>
    `• ${name} (hiérarchie : ${manager}) — ${weeks}`,
  cell: {
    honoured: (days: string) => `${days} ✓`,
    missed: (days: string) => `${days} ✗`,
    unknown: '?',
    exempt: 'exempté',
    not_asked: '—',
  },
};
