// The bot's own account and team. At start each is checked with a sentence that says what to fix; the CLI verbs,
// which send without starting the platform, look them up on first use.
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { PlatformError } from '../platform.ts';
import { type BotClient, MattermostApiError, MattermostUnreachable } from './client.ts';

export const PLATFORM = 'mattermost';

/** Why the bot cannot work on this server, in a sentence; `transient` when it may work again by itself. */
export class AccountError extends PlatformError {
  constructor(
    readonly code: string,
    message: string,
    readonly transient: boolean,
  ) {
    super(PLATFORM, message);
  }
}

export class BotAccount {
  private me?: Promise<UserProfile>;
  private team?: Promise<Team>;

  constructor(
    private readonly client: BotClient,
    private readonly settings: { url: string; team?: string },
    private readonly locale: Locale,
  ) {}

  private get t() {
    return messages(this.locale).mattermost.start;
  }

  /** The bot's user, checked: the server answers, accepts the token, and the token is a bot's. */
  self(): Promise<UserProfile> {
    this.me ??= this.checkSelf().catch((error: unknown) => {
      this.me = undefined;
      throw error;
    });
    return this.me;
  }

  private async checkSelf(): Promise<UserProfile> {
    const url = this.settings.url;
    let me: UserProfile;
    try {
      me = await this.client.getMe();
    } catch (error) {
      if (error instanceof MattermostUnreachable)
        throw new AccountError('unreachable', this.t.unreachable(url, error.message), true);
      if (error instanceof MattermostApiError) {
        if (error.status === 401) throw new AccountError('unauthorized', this.t.badToken(url), true);
        if (error.status === 404 || error.status === 405) {
          throw new AccountError('not_mattermost', this.t.notMattermost(url, error.status), false);
        }
        const refused = this.t.refused(error.request, error.status, error.message);
        throw new AccountError('refused', refused, error.status >= 500);
      }
      throw error;
    }
    // A web page or a proxy's answer instead of Mattermost's JSON.
    if (typeof me !== 'object' || me === null || typeof me.id !== 'string') {
      throw new AccountError('not_mattermost', this.t.notMattermost(url, 200), false);
    }
    if (!me.is_bot) throw new AccountError('not_a_bot', this.t.notBot(me.username), false);
    return me;
  }

  /** The team of the slash commands and of the digest channel: MATTERMOST_TEAM, else the bot's only team. */
  currentTeam(): Promise<Team> {
    this.team ??= this.findTeam().catch((error: unknown) => {
      this.team = undefined;
      throw error;
    });
    return this.team;
  }

  private async findTeam(): Promise<Team> {
    const me = await this.self();
    const name = this.settings.team;
    if (name) {
      try {
        return await this.client.getTeamByName(name);
      } catch (error) {
        if (error instanceof MattermostApiError && (error.status === 404 || error.status === 403)) {
          throw new AccountError('team_not_found', this.t.teamNotFound(name, me.username), false);
        }
        throw error;
      }
    }
    const teams = (await this.client.getMyTeams()).filter((team) => team.delete_at === 0);
    const [only] = teams;
    if (!only) throw new AccountError('team_not_found', this.t.noTeam(me.username), false);
    if (teams.length > 1) {
      const names = teams.map((x) => x.name).join(', ');
      throw new AccountError('team_ambiguous', this.t.severalTeams(me.username, names), false);
    }
    return only;
  }

  forget(): void {
    this.me = undefined;
    this.team = undefined;
  }
}
