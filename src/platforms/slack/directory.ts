// Who is who between the programme and the workspace. A person is reached by the Slack id written in the programme
// file, else by their e-mail (`users.lookupByEmail`); a Slack user who clicks or types a command is matched the same
// way backwards (`users.info` gives their e-mail). Slack's lookup methods are rate-limited (Tier 3–4), so answers are
// cached: an id found stays for the life of the process (Slack ids do not change), "nobody" for ten minutes only, so
// that someone who joins the workspace later is reached without a restart.
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Clock } from '../../core/ports.ts';
import type { Person, Programme } from '../../core/programme.ts';

/** How long "Slack does not know them" is believed (as long as Mattermost's directory keeps its answers). */
export const NOT_FOUND_TTL_MS = 10 * 60_000;

/** Slack's answers that mean "no such user", as opposed to "try later". */
const NOT_FOUND = new Set(['users_not_found', 'user_not_found', 'user_not_visible', 'user_disabled']);

function notFound(error: unknown): boolean {
  return error instanceof WebAPIPlatformError && NOT_FOUND.has(String(error.data.error));
}

/** Answers by key: found ones for good, "nobody" (null) until `ttlMs` has passed. */
class Answers {
  private readonly found = new Map<string, string>();
  private readonly missingSince = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** The id, null while "nobody" still holds, undefined when Slack must be asked. */
  get(key: string): string | null | undefined {
    const id = this.found.get(key);
    if (id !== undefined) return id;
    const since = this.missingSince.get(key);
    if (since === undefined) return undefined;
    if (this.clock.now().getTime() - since < this.ttlMs) return null;
    this.missingSince.delete(key);
    return undefined;
  }

  set(key: string, id: string | null): void {
    if (id === null) {
      this.found.delete(key);
      this.missingSince.set(key, this.clock.now().getTime());
    } else {
      this.missingSince.delete(key);
      this.found.set(key, id);
    }
  }
}

const systemClock: Clock = { now: () => new Date() };

export class SlackDirectory {
  /** Person id → Slack user id (null: Slack does not know them). */
  private readonly userOf: Answers;
  /** Slack user id → person id (null: not in the programme). */
  private readonly personOf: Answers;
  private readonly byEmail: Map<string, Person>;

  constructor(
    private readonly client: WebClient,
    programme: Programme,
    options: { clock?: Clock; notFoundTtlMs?: number } = {},
  ) {
    const clock = options.clock ?? systemClock;
    const ttl = options.notFoundTtlMs ?? NOT_FOUND_TTL_MS;
    this.userOf = new Answers(clock, ttl);
    this.personOf = new Answers(clock, ttl);
    this.byEmail = new Map(programme.people.map((p) => [p.email.toLowerCase(), p]));
    for (const person of programme.people) {
      if (person.slack) {
        this.userOf.set(person.id, person.slack);
        this.personOf.set(person.slack, person.id);
      }
    }
  }

  /** The Slack user id of a person, or null when the workspace has nobody with their e-mail. */
  async userId(person: Person): Promise<string | null> {
    const known = this.userOf.get(person.id);
    if (known !== undefined) return known;
    try {
      const found = await this.client.users.lookupByEmail({ email: person.email });
      const id = found.user?.id ?? null;
      this.userOf.set(person.id, id);
      if (id) this.personOf.set(id, person.id);
      return id;
    } catch (error) {
      if (!notFound(error)) throw error;
      this.userOf.set(person.id, null);
      return null;
    }
  }

  /** The person behind a Slack user, or undefined when they are not in the programme. */
  async personId(userId: string): Promise<string | undefined> {
    const known = this.personOf.get(userId);
    if (known !== undefined) return known ?? undefined;
    try {
      const info = await this.client.users.info({ user: userId });
      const email = info.user?.profile?.email?.toLowerCase();
      const person = email ? this.byEmail.get(email) : undefined;
      // An explicit Slack id in the programme file wins over an e-mail match.
      const id = person && (person.slack === undefined || person.slack === userId) ? person.id : null;
      this.personOf.set(userId, id);
      if (id) this.userOf.set(id, userId);
      return id ?? undefined;
    } catch (error) {
      if (!notFound(error)) throw error;
      this.personOf.set(userId, null);
      return undefined;
    }
  }
}
