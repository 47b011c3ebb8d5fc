// The synthetic programme of the evaluation benchmark (10,000 intrapreneurs in 2,500 projects), its constants, and
// how its intrapreneurs answer.
import type { Person, Programme, Project } from '../../src/core/programme.ts';
import type { WeekId } from '../../src/core/week.ts';

export const INTRAPRENEURS = 10_000;
export const PER_PROJECT = 4;
export const PER_MANAGER = 10;
export const PROJECTS_PER_COACH = 25;
export const OWNERS = 3;
export const FIRST_WEEK: WeekId = '2026-W01';
export const EVALUATED: WeekId = '2026-W52';
export const RUNS = 3;
export const TARGET_RATIO = 2;
export const TARGET_RSS_MB = 150;
/** Tuesday 09:00 in Paris after the evaluated week: when the scheduler runs the evaluation. */
export const EVALUATION_TIME = new Date('2026-12-29T08:00:00Z');

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const intrapreneurId = (i: number) => `intra-${pad(i, 5)}`;
const managerId = (i: number) => `manager-${pad(i, 4)}`;
const coachId = (i: number) => `coach-${pad(i, 3)}`;
const ownerId = (i: number) => `owner-${i}`;

function person(id: string): Person {
  return { id, name: `Name of ${id}`, email: `${id}@example.org` };
}

/** Deterministic, so that the parent (which builds the file) and the children (which evaluate it) agree. */
export function buildProgramme(): Programme {
  const projectCount = INTRAPRENEURS / PER_PROJECT;
  const coachCount = projectCount / PROJECTS_PER_COACH;
  const managerCount = INTRAPRENEURS / PER_MANAGER;
  const owners = Array.from({ length: OWNERS }, (_, i) => ownerId(i + 1));
  const people: Person[] = [
    ...owners.map(person),
    ...Array.from({ length: coachCount }, (_, i) => person(coachId(i + 1))),
    ...Array.from({ length: managerCount }, (_, i) => person(managerId(i + 1))),
    ...Array.from({ length: INTRAPRENEURS }, (_, i) => person(intrapreneurId(i + 1))),
  ];
  const projects: Project[] = Array.from({ length: projectCount }, (_, p) => ({
    id: `project-${pad(p + 1, 4)}`,
    name: `Project ${p + 1}`,
    coach: coachId(Math.floor(p / PROJECTS_PER_COACH) + 1),
    status: 'pre_incubation',
    intrapreneurs: Array.from({ length: PER_PROJECT }, (_, k) => {
      const i = p * PER_PROJECT + k;
      // Managers spread across projects, as in a real organisation.
      return { person: intrapreneurId(i + 1), manager: managerId((i % managerCount) + 1) };
    }),
  }));
  return {
    key: 'bench-evaluation',
    name: 'Bench programme',
    organisation: 'Bench',
    timezone: 'Europe/Paris',
    locale: 'fr',
    daysPerWeek: 1,
    holidays: 'metropole',
    schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
    // 2026-W01 (Monday 2025-12-29) to 2026-W52 (Friday 2026-12-25); W53 is left out.
    checkins: { from: '2026-01-01', to: '2026-12-27' },
    breaks: [],
    owners,
    people,
    phases: [{ id: 'pre_incubation', name: 'Pré-incubation', start: '2026-01-01', end: '2026-12-27' }],
    projects,
  };
}

// The answers: a seeded generator, so that the parent (which builds the file) and the children agree.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Release = { kind: 'days'; days: number } | { kind: 'leave' } | undefined;

interface Answer {
  release: Release;
  coachingHeld: boolean | undefined;
  comment: string | undefined;
}

/** One week of one intrapreneur: undefined when they did not answer at all. */
export function answerOf(random: () => number, struggling: boolean): Answer | undefined {
  const r = random();
  if (r < 0.03) return undefined;
  const coaching = (): boolean | undefined => {
    const c = random();
    return c < 0.7 ? true : c < 0.95 ? false : undefined;
  };
  const comment = random() < 0.05 ? 'Bonne semaine, atelier utilisateurs jeudi.' : undefined;
  // Clicked Oui / Non for the coaching point but not the released days: the release is unknown.
  if (r < 0.04) return { release: undefined, coachingHeld: random() < 0.7, comment };
  if (r < 0.07) return { release: { kind: 'leave' }, coachingHeld: undefined, comment };
  const d = random();
  const missedRate = struggling ? 0.35 : 0.07;
  const days =
    d < missedRate * 0.4
      ? 0
      : d < missedRate
        ? 0.5
        : d < missedRate + 0.03
          ? 1.5
          : d < missedRate + 0.05
            ? 2
            : 1;
  return { release: { kind: 'days', days }, coachingHeld: coaching(), comment };
}
