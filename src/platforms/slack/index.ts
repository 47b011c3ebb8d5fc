// Slack as a platform of the bot: the chat port (outbound.ts), Bolt's listeners (inbound/), and the life cycle.
// HTTP mode mounts Bolt's own receiver on the bot's HTTP server at `POST /slack/events`, so Bolt checks every
// request's signature; Socket Mode (when SLACK_APP_TOKEN is set) connects out to Slack and needs no public URL.
import { App, HTTPReceiver } from '@slack/bolt';
import {
  type WebAPICallResult,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRequestError,
} from '@slack/web-api';
import type { Env } from '../../config/env.ts';
import type { DeliveryLedger } from '../../core/ports.ts';
import type { Locale, Person, Programme } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { platformLedger } from '../delivery-ledger.ts';
import { type Platform, type PlatformDeps, PlatformError, type PlatformOutbound } from '../platform.ts';
import { clientOptions, createClient, sdkLogger } from './client.ts';
import { SlackDirectory } from './directory.ts';
import { registerCheckin } from './inbound/checkin.ts';
import { registerCommands } from './inbound/commands.ts';
import { guardSlackRequests } from './inbound/guard.ts';
import { AfterAck, type Inbound } from './inbound/shared.ts';
import { SlackChat } from './outbound.ts';
import { DEFAULT_PACE, Pacer, type PacerOptions } from './pacer.ts';

/** The bot scopes of manifest.yml, checked at start so that a missing one is named before anyone clicks. */
export const BOT_SCOPES = [
  'chat:write',
  'im:write',
  'commands',
  'users:read',
  'users:read.email',
  'im:history',
];

export interface SlackOptions {
  /** How fast messages leave (tests and benchmarks set the workspace cap of their local Slack). */
  pace?: Partial<PacerOptions>;
  /** The requests already taken in; the bot's database's ledger (`deps.storage`) when not given. */
  deliveries?: DeliveryLedger;
}

/** The sentence an administrator needs when Slack refuses to start. */
function startError(error: unknown, locale: Locale, token: 'bot' | 'app') {
  const t = messages(locale).slack.startup;
  if (error instanceof PlatformError) return error;
  if (error instanceof WebAPIPlatformError) {
    const code = String(error.data.error);
    if (token === 'app') return new PlatformError('slack', t.appToken(code));
    if (code === 'invalid_auth' || code === 'not_authed') return new PlatformError('slack', t.invalidAuth);
    if (code === 'missing_scope')
      return new PlatformError(
        'slack',
        t.missingScope(String((error.data as { needed?: string }).needed ?? '')),
      );
    return new PlatformError('slack', t.revoked(code));
  }
  if (error instanceof WebAPIHTTPError)
    return new PlatformError('slack', t.unreachable(`HTTP ${error.statusCode}`));
  if (error instanceof WebAPIRequestError)
    return new PlatformError('slack', t.unreachable(error.original.message));
  return new PlatformError('slack', t.unreachable(error instanceof Error ? error.message : String(error)));
}

function missingScopes(result: WebAPICallResult): string[] {
  const granted = result.response_metadata?.scopes;
  // Slack reports the token's scopes in a header; without it there is nothing to check.
  if (!granted) return [];
  return BOT_SCOPES.filter((scope) => !granted.includes(scope));
}

export function createSlackPlatform(
  deps: PlatformDeps,
  env: Env,
  options: SlackOptions = {},
): PlatformOutbound {
  const config = env.slack;
  if (!config) throw new PlatformError('slack', messages(deps.programme.locale).slack.startup.notConfigured);
  const { logger, programme } = deps;
  const client = createClient(config.botToken, config.apiUrl, logger);
  // One workspace, one pace for every programme; a directory and a chat port per programme, whose people they know.
  const pacer = new Pacer({ ...DEFAULT_PACE, ...options.pace });
  const lanes = new Map<string, { directory: SlackDirectory; chat: SlackChat; programme: Programme }>();
  const served = deps.programmes ?? [programme];
  for (const one of served) {
    const directory = new SlackDirectory(client, one, { clock: deps.clock });
    const chat = new SlackChat({
      client,
      directory,
      pacer,
      programme: one,
      several: served.length > 1,
      logger,
      stopping: () => deps.signal,
    });
    lanes.set(one.key, { directory, chat, programme: one });
  }
  const home = lanes.get(programme.key) ?? [...lanes.values()][0];
  if (!home) throw new Error('the Slack platform serves at least one programme');
  const { directory, chat } = home;
  /** The directory of the programme whose file lists this very entry (ids may repeat across files). */
  const directoryOf = (person: Person) =>
    [...lanes.values()].find((lane) => lane.programme.people.includes(person))?.directory ?? directory;
  const reaches = async (person: Person) => {
    try {
      return (await directoryOf(person).userId(person)) !== null;
    } catch {
      // Slack is unreachable right now: sending will say so, and the outbox will try again.
      return true;
    }
  };

  return {
    name: 'slack',
    chat,
    reaches,
    chatFor: (served) => lanes.get(served.key)?.chat ?? chat,
    attach: (ctx, programmes): Platform => {
      const socketMode = config.appToken !== undefined;
      const receiver = socketMode
        ? undefined
        : new HTTPReceiver({
            signingSecret: config.signingSecret ?? '',
            endpoints: '/slack/events',
            logger: sdkLogger(logger),
          });
      const app = new App({
        token: config.botToken,
        ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken }),
        clientOptions: clientOptions(config.apiUrl, logger),
        logger: sdkLogger(logger),
        // auth.test runs in start(), where a refusal becomes a sentence, not at construction.
        deferInitialization: true,
        convoStore: false,
      });
      const afterAck = new AfterAck();
      const inbound: Inbound = {
        ctx,
        chat,
        directory,
        client,
        afterAck,
        ...(programmes?.several
          ? {
              lanes: programmes.all.map((c) => {
                const lane = lanes.get(c.programme.key) ?? home;
                return { ctx: c, chat: lane.chat, directory: lane.directory };
              }),
            }
          : {}),
      };
      registerCommands(app, inbound);
      registerCheckin(app, inbound);
      app.error(async (error) => {
        logger.error({ platform: 'slack', code: error.code, err: error.message }, 'slack: listener failed');
      });

      const guarded = receiver
        ? guardSlackRequests(
            {
              signingSecret: config.signingSecret ?? '',
              ledger: platformLedger(options.deliveries ?? deps.storage.deliveries, 'slack'),
              logger,
            },
            receiver.requestListener,
          )
        : undefined;

      let started = false;
      return {
        name: 'slack',
        chat,
        routes: guarded
          ? {
              'POST /slack/events': (req, res) => {
                afterAck.track(res);
                return guarded(req, res);
              },
            }
          : {},
        reaches,
        async start() {
          try {
            const identity = await client.auth.test();
            const missing = missingScopes(identity);
            if (missing.length > 0) {
              throw new PlatformError(
                'slack',
                messages(programme.locale).slack.startup.missingScope(missing.join(', ')),
              );
            }
            await app.init();
            logger.info(
              { platform: 'slack', mode: socketMode ? 'socket' : 'http', team: identity.team_id },
              'slack: ready',
            );
          } catch (error) {
            throw startError(error, programme.locale, 'bot');
          }
          if (socketMode) {
            try {
              await app.start();
            } catch (error) {
              throw startError(error, programme.locale, 'app');
            }
          }
          started = true;
        },
        async stop() {
          if (socketMode && started) await app.stop();
          started = false;
        },
        async ready() {
          if (!started) return false;
          try {
            await client.auth.test();
            return true;
          } catch {
            return false;
          }
        },
      };
    },
  };
}
