// Mattermost: a bot account driven over the REST API v4 (`@mattermost/client`). Slash commands, button clicks and
// dialog submissions reach the bot over HTTP at PUBLIC_URL; nothing needs a websocket.
import type { Env } from '../../config/env.ts';
import type { Person } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { platformLedger } from '../delivery-ledger.ts';
import { type Platform, type PlatformDeps, PlatformError, type PlatformOutbound } from '../platform.ts';
import { AccountError, BotAccount, PLATFORM } from './account.ts';
import { actionRoute, dialogRoute } from './actions.ts';
import { BotClient, deliveryError, MattermostApiError, MattermostUnreachable } from './client.ts';
import { commandRoute } from './commands.ts';
import { Directory } from './directory.ts';
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
  const directory = new Directory(client, programme, deps.clock, logger);
  const signer = new ContextSigner(settings.botToken);
  const links = { actionUrl: urls.action, signer };
  const chat = new MattermostChat(client, account, directory, programme, links, logger);
  const reaches = async (person: Person): Promise<boolean> => {
    try {
      return (await directory.userOf(person)) !== null;
    } catch (error) {
      throw deliveryError(error);
    }
  };

  return {
    name: PLATFORM,
    chat,
    reaches,
    attach: (ctx): Platform => {
      const tokens = new CommandTokens();
      const replays = platformLedger(deps.storage.deliveries, PLATFORM);
      const actions = { ctx, client, account, directory, signer, links, dialogUrl: urls.dialog };
      let started = false;
      return {
        name: PLATFORM,
        chat,
        routes: {
          'POST /mattermost/command': commandRoute({ ctx, directory, tokens, links, replays }),
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
