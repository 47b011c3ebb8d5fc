// Who is who: the programme's people and their Mattermost accounts, both ways. A person is found by the `mattermost:`
// username of the programme file, else by e-mail; answers are kept a while so a fan-out asks Mattermost once each.
import type { UserProfile } from '@mattermost/types/users';
import type { Clock, Logger } from '../../core/ports.ts';
import type { Locale, Person, Programme } from '../../core/programme.ts';
import { type BotClient, isNotFound, MattermostApiError } from './client.ts';

const TTL_MS = 10 * 60_000;

interface Cached<T> {
  value: T;
  at: number;
}

export interface Someone {
  user: UserProfile;
  /** Programme id, when this Mattermost user is a person of the programme. */
  person: string | undefined;
  locale: Locale;
}

function usable(user: UserProfile): boolean {
  return user.delete_at === 0 && !user.is_bot;
}

export class Directory {
  private readonly byPerson = new Map<string, Cached<UserProfile | null>>();
  private readonly byUser = new Map<string, Cached<UserProfile>>();
  private readonly pending = new Map<string, Promise<UserProfile | null>>();
  private emailLookupForbidden = false;

  constructor(
    private readonly client: BotClient,
    private readonly programme: Programme,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  private fresh<T>(entry: Cached<T> | undefined): entry is Cached<T> {
    return entry !== undefined && this.clock.now().getTime() - entry.at < TTL_MS;
  }

  /** The person's Mattermost account, or null when Mattermost does not know them. Throws when Mattermost fails. */
  async userOf(person: Person): Promise<UserProfile | null> {
    const cached = this.byPerson.get(person.id);
    if (this.fresh(cached)) return cached.value;
    const inFlight = this.pending.get(person.id);
    if (inFlight) return inFlight;
    const lookup = this.lookUp(person).finally(() => this.pending.delete(person.id));
    this.pending.set(person.id, lookup);
    return lookup;
  }

  private async lookUp(person: Person): Promise<UserProfile | null> {
    let user: UserProfile | null = null;
    try {
      user = person.mattermost
        ? await this.client.getUserByUsername(person.mattermost)
        : await this.client.getUserByEmail(person.email);
    } catch (error) {
      if (!person.mattermost && error instanceof MattermostApiError && error.status === 403) {
        // The server hides e-mail addresses from the bot (Privacy settings): nobody can be found that way.
        if (!this.emailLookupForbidden) {
          this.logger.warn(
            {},
            'mattermost: e-mail lookups are forbidden (PrivacySettings.ShowEmailAddress is off): give people a `mattermost:` username in the programme file',
          );
        }
        this.emailLookupForbidden = true;
      } else if (!isNotFound(error)) {
        throw error;
      }
    }
    const found = user && usable(user) ? user : null;
    if (!found) {
      this.logger.debug(
        { person: person.id, by: person.mattermost ? 'username' : 'email' },
        'mattermost: person not found',
      );
    }
    this.remember(person.id, found);
    return found;
  }

  private remember(person: string, user: UserProfile | null): void {
    const at = this.clock.now().getTime();
    this.byPerson.set(person, { value: user, at });
    if (user) this.byUser.set(user.id, { value: user, at });
  }

  /**
   * The Mattermost user behind an incoming request, and the programme person they are, if any; null when the server
   * knows no such user (404, or 400 for an id that is not one). Throws when Mattermost fails.
   */
  async whoIs(userId: string): Promise<Someone | null> {
    let cached = this.byUser.get(userId);
    if (!this.fresh(cached)) {
      let user: UserProfile;
      try {
        user = await this.client.getUser(userId);
      } catch (error) {
        if (isNotFound(error) || (error instanceof MattermostApiError && error.status === 400)) return null;
        throw error;
      }
      cached = { value: user, at: this.clock.now().getTime() };
      this.byUser.set(userId, cached);
    }
    const user = cached.value;
    return { user, person: await this.personOf(user), locale: this.localeOf(user) };
  }

  private async personOf(user: UserProfile): Promise<string | undefined> {
    const username = user.username.toLowerCase();
    const email = user.email?.toLowerCase();
    const match = this.programme.people.find((p) =>
      p.mattermost
        ? p.mattermost.toLowerCase() === username
        : email !== undefined && email !== '' && p.email.toLowerCase() === email,
    );
    if (match) {
      this.remember(match.id, user);
      return match.id;
    }
    // The server may hide e-mail addresses in profiles; a person looked up by e-mail before is still known.
    for (const [person, entry] of this.byPerson) {
      if (this.fresh(entry) && entry.value?.id === user.id) return person;
    }
    return undefined;
  }

  localeOf(user: UserProfile): Locale {
    const locale = (user.locale ?? '').toLowerCase();
    if (locale.startsWith('fr')) return 'fr';
    if (locale.startsWith('en')) return 'en';
    return this.programme.locale;
  }
}
