import { count } from '../plural.ts';

// The five phases of the convention, as "de …" after « au début » or « à la fin »; another phase is named as written.
const OF_PHASE: Record<string, string> = {
  call: 'de l’appel à intrapreneurs',
  selection: 'de la sélection des projets',
  pre_incubation: 'de la pré-incubation',
  poc_committee: 'du comité stratégique',
  incubation_selection: 'de la sélection pour l’incubation',
};

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
  intrapreneurLine: (name: string, manager: string, weeks: string, ownMinimum?: string) =>
    `• ${name} (hiérarchie : ${manager}${ownMinimum ? ` ; minimum ${ownMinimum} par semaine` : ''}) — ${weeks}`,
  cell: {
    honoured: (days: string) => `${days} ✓`,
    missed: (days: string) => `${days} ✗`,
    unknown: '?',
    exempt: 'exempté',
    not_asked: '—',
  },
  budget: {
    ceiling: (amount: string, signedOn: string | undefined) =>
      `Convention : plafond de ${amount}${signedOn ? `, signée le ${signedOn}` : ''}.`,
    /** "8 000 €", "8 000 € HT" */
    amount: (euros: string, tax: 'HT' | 'TTC' | undefined) => (tax ? `${euros} ${tax}` : euros),
    place: {
      advance: () => 'Avance',
      instalment: (n: number) => `Versement n° ${n}`,
      balance: () => 'Solde',
      single: () => 'Versement',
    },
    ofPhase: (id: string, name: string) => OF_PHASE[id] ?? `de la phase « ${name} »`,
    when: {
      signature: 'à la signature',
      start: (ofPhase: string) => `au début ${ofPhase}`,
      end: (ofPhase: string) => `à la fin ${ofPhase}`,
    },
    /** « Solde de 8 000 € exigible à la fin de la pré-incubation, le 26 février 2027 » */
    payment: (what: string, amount: string, when: string | undefined, date: string | undefined) =>
      `${what} de ${amount} exigible ${[when, date && `le ${date}`].filter(Boolean).join(', ')}`,
    line: (text: string) => `• ${text}`,
  },
};
