// Who may see or do what: an owner sees everything; a coach their intrapreneurs; a manager their own reports;
// an intrapreneur themself. Coaching notes are narrower: see canReadNotes.
import type { CoachingSession } from '../core/coaching.ts';
import { type IntrapreneurRole, intrapreneurRoles, type Programme } from '../core/programme.ts';

export interface Roles {
  owner: boolean;
  intrapreneur?: IntrapreneurRole;
  coachOf: IntrapreneurRole[];
  managerOf: IntrapreneurRole[];
}

export function rolesOf(programme: Programme, person: string): Roles {
  const roles = intrapreneurRoles(programme);
  const intrapreneur = roles.find((r) => r.person === person);
  return {
    owner: programme.owners.includes(person),
    ...(intrapreneur ? { intrapreneur } : {}),
    coachOf: roles.filter((r) => r.coach === person),
    managerOf: roles.filter((r) => r.manager === person),
  };
}

/** The intrapreneurs whose answers and coaching history `person` may see. */
export function visibleIntrapreneurs(programme: Programme, person: string): IntrapreneurRole[] {
  const all = intrapreneurRoles(programme);
  if (programme.owners.includes(person)) return all;
  return all.filter((r) => r.person === person || r.coach === person || r.manager === person);
}

export function canSee(programme: Programme, person: string, intrapreneur: string): boolean {
  return visibleIntrapreneurs(programme, person).some((r) => r.person === intrapreneur);
}

/** Only that intrapreneur's coach or an owner may log a coaching session. */
export function canLogCoaching(programme: Programme, person: string, intrapreneur: string): boolean {
  if (programme.owners.includes(person)) return true;
  return intrapreneurRoles(programme).some((r) => r.person === intrapreneur && r.coach === person);
}

/**
 * Coaching notes belong to the coaching relationship: whoever wrote them, the intrapreneur they are about and the
 * programme's owners read them. A line manager (or another coach) sees that a session took place, not what was said.
 */
export function canReadNotes(
  programme: Programme,
  reader: string,
  session: Pick<CoachingSession, 'intrapreneur' | 'loggedBy'>,
): boolean {
  return programme.owners.includes(reader) || reader === session.intrapreneur || reader === session.loggedBy;
}
