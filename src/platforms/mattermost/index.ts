// Mattermost: a bot account driven over the REST API v4 (`@mattermost/client`). Slash commands, button clicks and
// dialog submissions reach the bot over HTTP at PUBLIC_URL; nothing needs a websocket. One account serves every
// programme of the deployment (lanes.ts).
import type { Env } from '../../config/env.ts';
import type { Person } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { platformLedger } from '../delivery-ledger.ts';
import { type Platform, type PlatformDeps, PlatformError, type PlatformOutbound } from '../platform.ts';
import { programmeScopedKey } from '../programme-chat.ts';
import { AccountError, BotAccount, PLATFORM } from './account.ts';
import { actionRoute, dialogRoute } from './actions.ts';
import { BotClient, deliveryError, MattermostApiError, MattermostUnreachable } from './client.ts';
import { commandRoute } from './commands.ts';
import { Directory } from './directory.ts';
import type { Lane } from './lanes.ts';
import { MattermostChat } from './outbound.ts';
import { registerCommands } from './registration.ts';
import { CommandTokens, ContextSigner } from './signing.ts';

export function createMattermostPlatform(deps: PlatformDeps, env: Env): PlatformOutbound {
  const settings = env.mattermost;
  const { programme, logger } = deps;
  const locale = programme.locale;
  if (!settings) throw new PlatformError(PLATFORM, messages(locale).mattermost.start.notConfigured);
  const base = env.publicUrl.replace(/\/+$/, '');
  const urls = {
    command: `${base}/mattermost/command`,
    action: `${base}/mattermost/action`,
    dialog: `${base}/mattermost/dialog`,
  };
  const client = new BotClient(settings.url, settings.botToken);
  const account = new BotAccount(client, settings, locale);
  const signer = new ContextSigner(settings.botToken);
  // One account, one client and one set of commands for every programme; a directory, buttons and a chat port per
  // programme, whose people they know.
  const served = deps.programmes ?? [programme];
  const several = served.length > 1;
  const parts = new Map(
    served.map((p) => {
      const directory = new Directory(client, p, deps.clock, logger);
      const links = { actionUrl: urls.action, signer, ...(several ? { programme: p.key } : {}) };
      const chat = new MattermostChat(client, account, directory, p, links, logger);
      return [p.key, { programme: p, directory, links, chat }] as const;
    }),
  );
  const home = parts.get(programme.key) ?? [...parts.values()][0];
  if (!home) throw new Error('the Mattermost platform serves at least one programme');
  const { chat } = home;
  /** The directory of the programme whose file lists this very entry (ids may repeat across files). */
  const directoryOf = (person: Person) =>
    ([...parts.values()].find((part) => part.programme.people.includes(person)) ?? home).directory;
  const reaches = async (person: Person): Promise<boolean> => {
    try {
      return (await directoryOf(person).userOf(person)) !== null;
    } catch (error) {
      throw deliveryError(error);
    }
  };

  return {
    name: PLATFORM,
    chat,
    reaches,
    chatFor: (p) => (parts.get(p.key) ?? home).chat,
    attach: (ctx, programmes): Platform => {
      const tokens = new CommandTokens();
      const replays = platformLedger(deps.storage.deliveries, PLATFORM);
      const contexts = programmes?.several ? programmes.all : [ctx];
      const lanes: Lane[] = contexts.map((c) => {
        const part = parts.get(c.programme.key) ?? home;
        return {
          ctx: c,
          directory: part.directory,
          links: part.links,
          keyOf: (key) => (several ? programmeScopedKey(c.programme.key, key) : key),
        };
      });
      const actions = { lanes, client, account, signer, dialogUrl: urls.dialog };
      let started = false;
      return {
        name: PLATFORM,
        chat,
        routes: {
          'POST /mattermost/command': commandRoute({ lanes, tokens, replays }),
          'POST /mattermost/action': actionRoute(actions),
          'POST /mattermost/dialog': dialogRoute(actions),
        },
        reaches,
        async start(): Promise<void> {
          account.forget();
          try {
            const me = await account.self();
            const team = await account.currentTeam();
            await registerCommands({ client, me, team, url: urls.command, locale, tokens, logger });
            logger.info({ bot: me.username, team: team.name, url: settings.url }, 'mattermost: connected');
            started = true;
          } catch (error) {
            if (error instanceof PlatformError) throw error;
            const t = messages(locale).mattermost.start;
            if (error instanceof MattermostUnreachable) {
              throw new AccountError('unreachable', t.unreachable(settings.url, error.message), true);
            }
            if (error instanceof MattermostApiError) {
              throw new AccountError(
                'refused',
                t.refused(error.request, error.status, error.message),
                error.status >= 500,
              );
            }
            throw error;
          }
        },
        async stop(): Promise<void> {
          started = false;
          tokens.clear();
        },
        async ready(): Promise<boolean> {
          if (!started) return false;
          try {
            await client.getMe();
            return true;
          } catch {
            return false;
          }
        },
      };
    },
  };
}
