// Where the programme stands: the five phases by date, and each project's state as the programme file sets it.
import { daysBetween, type LocalDate } from './calendar.ts';
import type { Phase, Programme, Project } from './programme.ts';

export type PhaseState = 'past' | 'current' | 'upcoming';

export interface PhaseStatus {
  today: LocalDate;
  phases: { phase: Phase; state: PhaseState }[];
  current?: Phase;
  /** The next phase to start, with the days until its first day. */
  next?: { phase: Phase; inDays: number };
  /** True once the last phase has ended. */
  finished: boolean;
  projects: Project[];
}

export function phaseStatus(
  programme: Pick<Programme, 'phases' | 'projects'>,
  today: LocalDate,
): PhaseStatus {
  const phases = programme.phases.map((phase) => ({
    phase,
    state: (today < phase.start ? 'upcoming' : today > phase.end ? 'past' : 'current') as PhaseState,
  }));
  const current = phases.find((p) => p.state === 'current')?.phase;
  const upcoming = phases.find((p) => p.state === 'upcoming')?.phase;
  const last = programme.phases[programme.phases.length - 1];
  return {
    today,
    phases,
    ...(current ? { current } : {}),
    ...(upcoming ? { next: { phase: upcoming, inDays: daysBetween(today, upcoming.start) } } : {}),
    finished: last !== undefined && today > last.end,
    projects: programme.projects,
  };
}
