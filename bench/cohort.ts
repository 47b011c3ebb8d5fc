// The cohort the delivery benchmarks send to: `count` intrapreneurs, four to a project, one coach, one manager and one
// owner, in a programme whose check-ins are open this week (Paris).
import { addDays, localDateOf } from '../src/core/calendar.ts';
import type { Person, Programme, Project } from '../src/core/programme.ts';

export interface BenchCohort {
  key: string;
  name: string;
  count: number;
  now: Date;
  /** A person's Slack id, for a cohort reached on Slack without an e-mail lookup (rate-limited) per person. */
  slackId?: (id: string, index?: number) => string;
}

export function benchCohort({ key, name, count, now, slackId }: BenchCohort): Programme {
  const today = localDateOf(now, 'Europe/Paris');
  const pad = (n: number) => String(n).padStart(5, '0');
  const person = (id: string, index?: number): Person => ({
    id,
    name: `Agent ${id}`,
    email: `${id}@region.example`,
    ...(slackId ? { slack: slackId(id, index) } : {}),
  });
  const people: Person[] = [person('owner'), person('coach'), person('manager')];
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    people.push(person(`intra-${pad(i)}`, i));
    if (i % 4 === 0) {
      projects.push({
        id: `p-${pad(i)}`,
        name: `Projet ${i}`,
        coach: 'coach',
        status: 'pre_incubation',
        intrapreneurs: [],
      });
    }
    projects.at(-1)?.intrapreneurs.push({ person: `intra-${pad(i)}`, manager: 'manager' });
  }
  return {
    key,
    name,
    organisation: 'Région',
    timezone: 'Europe/Paris',
    locale: 'fr',
    daysPerWeek: 1,
    holidays: 'metropole',
    schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
    checkins: { from: addDays(today, -30), to: addDays(today, 30) },
    breaks: [],
    owners: ['owner'],
    people,
    phases: [
      { id: 'pre_incubation', name: 'Pré-incubation', start: addDays(today, -30), end: addDays(today, 30) },
    ],
    projects,
  };
}
