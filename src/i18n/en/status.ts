import type { status as fr } from '../fr/status.ts';
import { count } from '../plural.ts';

const OF_PHASE: Record<string, string> = {
  call: 'the call for intrapreneurs',
  selection: 'the selection of projects',
  pre_incubation: 'pre-incubation',
  poc_committee: 'the strategic committee',
  incubation_selection: 'the selection for incubation',
};

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
  intrapreneurLine: (name: string, manager: string, weeks: string, ownMinimum?: string) =>
    `• ${name} (line manager: ${manager}${ownMinimum ? `; minimum ${ownMinimum} a week` : ''}) — ${weeks}`,
  cell: {
    honoured: (days: string) => `${days} ✓`,
    missed: (days: string) => `${days} ✗`,
    unknown: '?',
    exempt: 'exempt',
    not_asked: '—',
  },
  budget: {
    ceiling: (amount: string, signedOn: string | undefined) =>
      `Convention: ceiling of ${amount}${signedOn ? `, signed on ${signedOn}` : ''}.`,
    amount: (euros: string, tax: 'HT' | 'TTC' | undefined) =>
      tax === 'HT' ? `${euros} excl. tax` : tax === 'TTC' ? `${euros} incl. tax` : euros,
    place: {
      advance: () => 'Advance',
      instalment: (n: number) => `Instalment ${n}`,
      balance: () => 'Balance',
      single: () => 'Payment',
    },
    ofPhase: (id: string, name: string) => OF_PHASE[id] ?? `the phase “${name}”`,
    when: {
      signature: 'at signature',
      start: (ofPhase: string) => `at the start of ${ofPhase}`,
      end: (ofPhase: string) => `at the end of ${ofPhase}`,
    },
    payment: (what: string, amount: string, when: string | undefined, date: string | undefined) =>
      `${what} of ${amount} due ${[when, date && `on ${date}`].filter(Boolean).join(', ')}`,
    line: (text: string) => `• ${text}`,
  },
};
