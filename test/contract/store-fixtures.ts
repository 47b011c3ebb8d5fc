// What the storage contract works on: a small programme and answers, built inline.
import type { CheckinAnswer } from '../../src/core/checkin.ts';
import type { Programme } from '../../src/core/programme.ts';

/** The key of the programme the suite syncs; a store under test must be built for it. */
export const CONTRACT_PROGRAMME_KEY = 'contract-cohort';

export const at = (iso: string) => new Date(iso);
export const T0 = at('2026-11-27T13:00:00Z');
export const MINUTE = 60_000;

export function contractProgramme(change: (p: Programme) => void = () => {}): Programme {
  const programme: Programme = {
    key: CONTRACT_PROGRAMME_KEY,
    name: 'Startups de Territoire — test',
    organisation: 'Région test',
    timezone: 'Europe/Paris',
    locale: 'fr',
    daysPerWeek: 1,
    holidays: 'metropole',
    schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
    checkins: { from: '2026-10-16', to: '2027-03-15' },
    breaks: [],
    owners: ['claire'],
    people: [
      { id: 'claire', name: 'Claire Dubois', email: 'claire@example.org' },
      { id: 'alice', name: 'Alice Martin', email: 'alice@example.org' },
      { id: 'bob', name: 'Bob Leroy', email: 'bob@example.org' },
      { id: 'marc', name: 'Marc Petit', email: 'marc@example.org' },
      { id: 'nora', name: 'Nora Benali', email: 'nora@example.org' },
    ],
    phases: [{ id: 'pre_incubation', name: 'Pré-incubation', start: '2026-10-16', end: '2027-02-28' }],
    projects: [
      {
        id: 'covoiturage',
        name: 'Covoiturage des agents',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'alice', manager: 'marc' }],
      },
      {
        id: 'cantines',
        name: 'Cantines locales',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'nora', manager: 'marc' }],
      },
    ],
  };
  change(programme);
  return programme;
}

export function answer(
  intrapreneur: string,
  week: string,
  extra: Partial<CheckinAnswer> = {},
): CheckinAnswer {
  return { intrapreneur, week, answeredBy: intrapreneur, answeredAt: T0, updatedAt: T0, ...extra };
}
