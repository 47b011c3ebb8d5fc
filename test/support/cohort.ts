// A cohort of any size, written as a programme file and read by the real loader: the bundled six are not enough to
// see what 60 or 500 intrapreneurs do to a digest, an answer or a page. One project per intrapreneur (so `/phase`
// lists as many projects), a coach for ten of them, a manager for three, two owners.
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { Programme } from '../../src/core/programme.ts';

const FIRST = [
  'Alice',
  'Nicolas',
  'Camille',
  'Mehdi',
  'Élodie',
  'Pierre',
  'Sophie',
  'Karim',
  'Chloé',
  'Hugo',
];
const LAST = [
  'Martin',
  'Durand',
  'Lambert',
  'Haddad',
  'Fournier',
  'Dupont',
  'Girard',
  'Benali',
  'Roux',
  'Caron',
];
// The longest names a civil service directory holds: compound first names and double-barrelled surnames.
const LONG_FIRST = ['Marie-Christine', 'Jean-Baptiste', 'Anne-Sophie', 'François-Xavier', 'Marie-Édith'];
const LONG_LAST = [
  'de La Rochefoucauld-Montbel',
  'Le Goff de Kerguelen-Trémarec',
  'Vasconcelos-Albuquerque',
  'd’Harcourt-Olonde de Saint-Maurice',
];

export interface CohortOptions {
  /** Compound names of 40 to 60 characters instead of ordinary ones. */
  longNames?: boolean;
  /** The owners' opt-in to each alert as it happens (`programme.alerts_as_they_happen`). */
  alertsAsTheyHappen?: string[];
  digestChannel?: string;
}

export interface Cohort {
  programme: Programme;
  yaml: string;
  intrapreneurs: string[];
  managers: string[];
  coaches: string[];
  owners: string[];
}

const pad = (n: number) => String(n).padStart(3, '0');

function nameOf(i: number, long: boolean): string {
  if (long) {
    return `${LONG_FIRST[i % LONG_FIRST.length]} ${LONG_LAST[Math.floor(i / LONG_FIRST.length) % LONG_LAST.length]} ${pad(i)}`;
  }
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= 100 ? ` ${pad(i)}` : ''}`;
}

/** A programme of `size` intrapreneurs on the bundled example's phases. */
export function cohort(size: number, options: CohortOptions = {}): Cohort {
  const long = options.longNames === true;
  const intrapreneurs = Array.from({ length: size }, (_, i) => `i${pad(i)}`);
  const managers = Array.from({ length: Math.ceil(size / 3) }, (_, i) => `m${pad(i)}`);
  const coaches = Array.from({ length: Math.ceil(size / 10) }, (_, i) => `c${pad(i)}`);
  const owners = ['claire', 'thomas'];
  const person = (id: string, name: string) =>
    `  - { id: ${id}, name: "${name}", email: ${id}@example.org, mattermost: ${id} }`;
  const lines = [
    'programme:',
    `  name: Startups de Territoire — ${size} intrapreneurs`,
    '  organisation: Région Hauts-de-France',
    ...(options.digestChannel ? [`  digest_channel: ${options.digestChannel}`] : []),
    ...(options.alertsAsTheyHappen
      ? [`  alerts_as_they_happen: [${options.alertsAsTheyHappen.join(', ')}]`]
      : []),
    `owners: [${owners.join(', ')}]`,
    'people:',
    person('claire', 'Claire Dubois'),
    person('thomas', 'Thomas Lefebvre'),
    ...coaches.map((id, i) => person(id, `Coach ${nameOf(i + 7, long)}`)),
    ...managers.map((id, i) => person(id, `Manager ${nameOf(i + 3, long)}`)),
    ...intrapreneurs.map((id, i) => person(id, nameOf(i, long))),
    'phases:',
    '  - { id: call, name: Appel à intrapreneurs, start: 2026-09-01, end: 2026-09-30 }',
    '  - { id: selection, name: Sélection des projets, start: 2026-10-01, end: 2026-10-15 }',
    '  - { id: pre_incubation, name: Pré-incubation, start: 2026-10-16, end: 2027-02-26 }',
    '  - { id: poc_committee, name: Présentation des POC au comité stratégique, start: 2027-03-01, end: 2027-03-15 }',
    '  - { id: incubation_selection, name: Sélection pour l’incubation, start: 2027-03-16, end: 2027-03-31 }',
    'projects:',
    ...intrapreneurs.map(
      (id, i) =>
        `  - { id: p${pad(i)}, name: "${long ? 'Plateforme régionale mutualisée de' : 'Projet'} ${nameOf(i, long)}", coach: ${coaches[Math.floor(i / 10)]}, intrapreneurs: [{ person: ${id}, manager: ${managers[Math.floor(i / 3)]} }] }`,
    ),
  ];
  const yaml = `${lines.join('\n')}\n`;
  const load = parseProgramme(yaml, `cohort-${size}.yml`);
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return { programme: load.programme, yaml, intrapreneurs, managers, coaches, owners };
}
