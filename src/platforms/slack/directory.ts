// Who is who between the programme and the workspace. A person is reached by the Slack id written in the programme
// file, else by their e-mail (`users.lookupByEmail`); a Slack user who clicks or types a command is matched the same
// way backwards (`users.info` gives their e-mail). Answers are cached for the life of the process: the programme
// file does not change under a running bot, and Slack's lookup methods are rate-limited (Tier 3–4).
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Person, Programme } from '../../core/programme.ts';

/** Slack's answers that mean "no such user", as opposed to "try later". */
const NOT_FOUND = new Set(['users_not_found', 'user_not_found', 'user_not_visible', 'user_disabled']);

function notFound(error: unknown): boolean {
  return error instanceof WebAPIPlatformError && NOT_FOUND.has(String(error.data.error));
}

export class SlackDirectory {
  /** Person id → Slack user id (null: Slack does not know them). */
  private readonly userOf = new Map<string, string | null>();
  /** Slack user id → person id (null: not in the programme). */
  private readonly personOf = new Map<string, string | null>();
  private readonly byEmail: Map<string, Person>;

  constructor(
    private readonly client: WebClient,
    programme: Programme,
  ) {
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
