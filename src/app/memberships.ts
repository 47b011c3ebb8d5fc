// Which programmes a person is in. The same Slack or Mattermost user may be a coach in two programmes, or an owner of
// them all (the national team); each programme file lists them in its `people`, perhaps under another id. They are
// matched across files by an explicit chat id, else by e-mail (case-insensitive). Platforms that look users up
// (Slack, Mattermost) resolve a platform user in each programme through their own directory instead.
import { findPerson, intrapreneurRoles, type Person, type Programme } from '../core/programme.ts';
import type { MentionResolver } from './coaching.ts';
import type { AppContext } from './context.ts';
import type { Programmes } from './programmes.ts';

/** A person's place in one programme: its context and their id in its file. */
export interface Membership {
  readonly ctx: AppContext;
  readonly person: string;
  /** Mentions typed with a command, resolved among this programme's people (the platform's lookup). */
  readonly resolve?: MentionResolver;
}

/** Whether two entries of two programme files are the same person. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.slack !== undefined && b.slack !== undefined) return a.slack === b.slack;
  if (a.mattermost !== undefined && b.mattermost !== undefined) {
    return a.mattermost.toLowerCase() === b.mattermost.toLowerCase();
  }
  return a.email.toLowerCase() === b.email.toLowerCase();
}

/** The programmes `person` (an entry of any programme file) is in, in file order. */
export function membershipsOf(programmes: Programmes, person: Person): Membership[] {
  return programmes.all.flatMap((ctx) => {
    const found = ctx.programme.people.find((p) => samePerson(p, person));
    return found ? [{ ctx, person: found.id }] : [];
  });
}

/** The programmes a person whose id in `ctx`'s file is `id` is in. */
export function membershipsOfId(programmes: Programmes, ctx: AppContext, id: string): Membership[] {
  const person = ctx.programme.people.find((p) => p.id === id);
  return person ? membershipsOf(programmes, person) : [];
}

/**
 * The programmes a platform user is in, found through each programme's own lookup of that user (a directory per
 * programme: the same account may be listed under another id, or not at all, in each file).
 */
export async function membershipsFound<L extends { readonly ctx: AppContext }>(
  lanes: readonly L[],
  personIn: (lane: L) => Promise<string | undefined>,
): Promise<{ lane: L; person: string }[]> {
  const found: { lane: L; person: string }[] = [];
  for (const lane of lanes) {
    const person = await personIn(lane);
    if (person) found.push({ lane, person });
  }
  return found;
}

/**
 * Among someone's memberships, the one a check-in click that does not name its programme is about: where they are an
 * intrapreneur (their own check-in), or, on a form opened for `intrapreneur`, where they are an owner and that person
 * an intrapreneur. Undefined when none or several are.
 */
export function checkinMembership<M extends { readonly lane: { readonly ctx: AppContext }; person: string }>(
  memberships: readonly M[],
  intrapreneur: string | undefined,
): M | undefined {
  const candidates = memberships.filter(({ lane, person }) => {
    const roles = intrapreneurRoles(lane.ctx.programme);
    if (intrapreneur === undefined) return roles.some((r) => r.person === person);
    return lane.ctx.programme.owners.includes(person) && roles.some((r) => r.person === intrapreneur);
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

/**
 * The intrapreneurs of `programme` (their ids in its file) who are also intrapreneurs in another of `all`: the rare
 * person asked every week by two programmes, whose messages must say which one each is about.
 */
export function intrapreneursElsewhere(all: readonly Programme[], programme: Programme): Set<string> {
  const others = all
    .filter((p) => p !== programme)
    .flatMap((p) => intrapreneurRoles(p).flatMap((r) => findPerson(p, r.person) ?? []));
  return new Set(
    intrapreneurRoles(programme)
      .map((r) => r.person)
      .filter((id) => {
        const person = findPerson(programme, id);
        return person !== undefined && others.some((other) => samePerson(person, other));
      }),
  );
}

/** The programme's name, for a message to `intrapreneur`, when they are an intrapreneur in another programme too. */
export function programmeNamed(ctx: AppContext, intrapreneur: string): { programme?: string } {
  return ctx.intrapreneursElsewhere?.has(intrapreneur) ? { programme: ctx.programme.name } : {};
}
