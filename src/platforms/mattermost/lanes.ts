// One programme's part of the Mattermost platform. A deployment that serves several programmes has one bot account,
// one client and one set of slash commands, but each programme its own directory (its people, perhaps under other
// ids than in another file), its own check-in buttons (signed with its key) and its own message keys.
import type { AppContext } from '../../app/context.ts';
import { membershipsFound } from '../../app/memberships.ts';
import type { Directory } from './directory.ts';
import type { CheckinLinks } from './render.ts';

export interface Lane {
  readonly ctx: AppContext;
  readonly directory: Directory;
  readonly links: CheckinLinks;
  /** The key a post of this programme keeps in its props, as its chat port sent it (see programme-chat.ts). */
  keyOf(key: string): string;
}

/** The programmes a Mattermost user is in, with their id in each. */
export function lanesOf(lanes: readonly Lane[], userId: string): Promise<{ lane: Lane; person: string }[]> {
  return membershipsFound(lanes, async (lane) => (await lane.directory.whoIs(userId))?.person);
}
