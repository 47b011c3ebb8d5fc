// E-mail as a platform of the bot (SMTP through nodemailer), for everyone no chat platform reaches: the same messages
// as mails, whose check-in links open a page on the bot where the answer is confirmed. It comes after the chat
// platforms and reaches anyone with an address, unless a person's `channel:` says otherwise.
import { dashboardLink } from '../../app/dashboard-link.ts';
import type { Env } from '../../config/env.ts';
import type { Choice } from '../../core/choice.ts';
import type { Clock, SecretStore } from '../../core/ports.ts';
import type { Programme } from '../../core/programme.ts';
import { botSecret, dashboardSecret } from '../../http/dashboard/secret.ts';
import { messages } from '../../i18n/index.ts';
import { type Platform, type PlatformDeps, PlatformError, type PlatformOutbound } from '../platform.ts';
import type { MailLinks } from './compose.ts';
import { mailHost } from './headers.ts';
import { inboundRoutes } from './inbound.ts';
import { checkinUrl, linkExpiry, signCheckinToken } from './links.ts';
import { EmailChat } from './outbound.ts';
import {
  CONNECTIONS,
  createMailTransport,
  PLATFORM,
  serverName,
  startError,
  type TransportOptions,
} from './transport.ts';

/** The name of the links' key among the bot's secrets (beside the dashboard's). */
export const LINK_SECRET = 'email_link';

const READY_CHECK_MS = 60_000;

export interface EmailPlatform extends Platform {
  readonly chat: EmailChat;
}

export type EmailOutbound = PlatformOutbound<EmailPlatform>;

interface Keys {
  link: string;
  dashboard: string;
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/**
 * One programme's keys and links. Its keys are read once from the database, on first use (a CLI verb that sends
 * nothing never reads them), from the programme's own secrets; in a deployment of several programmes its links name
 * it, so that each is answered in its own programme.
 */
function emailLane(
  programme: Programme,
  parts: { secrets: SecretStore; env: Env; clock: Clock; several: boolean },
): { keys: () => Promise<Keys>; links: () => Promise<MailLinks> } {
  const { secrets, env, clock, several } = parts;
  let keys: Promise<Keys> | undefined;
  const keysOf = (): Promise<Keys> => {
    keys ??= Promise.all([
      botSecret(secrets, LINK_SECRET),
      dashboardSecret(secrets, env.dashboardSecret),
    ]).then(([link, dashboard]) => ({ link, dashboard }));
    // A failed read is tried again at the next use, not remembered.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  };

  // The end of a week's links is the same for every mail of the week, and costs time-zone arithmetic.
  const expiries = new Map<string, Date>();
  const expiryOf = (week: string): Date => {
    let at = expiries.get(week);
    if (!at) {
      at = linkExpiry(week, programme.timezone);
      expiries.set(week, at);
    }
    return at;
  };
  const named = several ? { programme: programme.key } : {};

  const links = async (): Promise<MailLinks> => {
    const { link, dashboard } = await keysOf();
    return {
      checkin: (intrapreneur: string, week: string) => {
        const grant = { person: intrapreneur, week, expiresAt: expiryOf(week), ...named };
        const token = signCheckinToken(link, grant);
        return (choice?: Choice) => checkinUrl(env.publicUrl, token, choice);
      },
      dashboard: (owner: string) =>
        dashboardLink({ secret: dashboard, baseUrl: env.publicUrl, ...named }, owner, clock.now()),
    };
  };
  return { keys: keysOf, links };
}

export function createEmailPlatform(
  deps: PlatformDeps,
  env: Env,
  options: TransportOptions = {},
): EmailOutbound {
  const settings = env.email;
  if (!settings) throw new PlatformError(PLATFORM, messages(deps.programme.locale).email.start.notConfigured);
  const { programme, logger, clock } = deps;
  const transport = createMailTransport(settings, options);
  const host = mailHost(env.publicUrl);
  const served = deps.programmes ?? [programme];
  const several = served.length > 1;
  // One transport (and its pool of connections) for every programme; keys, links and a chat port per programme.
  const lanes = new Map(
    served.map((p) => {
      const lane = emailLane(p, {
        secrets: (deps.storageOf?.(p.key) ?? deps.storage).secrets,
        env,
        clock,
        several,
      });
      const chat = new EmailChat({
        transport,
        from: settings.from,
        host,
        programme: p,
        links: lane.links,
        logger,
        // Twice the connections: while a connection sends one mail, the next one is being written, ready to go.
        // One mail in hand per connection: more in flight keeps no connection busier, and holds more memory.
        concurrency: options.connections ?? CONNECTIONS,
      });
      return [p.key, { ...lane, chat }] as const;
    }),
  );
  const home = lanes.get(programme.key) ?? [...lanes.values()][0];
  if (!home) throw new Error('the e-mail platform serves at least one programme');
  const { chat } = home;
  let started = false;
  // `/readyz` may be probed every few seconds: the server is asked at most once a minute.
  let checked: { at: number; ok: boolean } | undefined;

  // Everyone in the programme file has an address; whether it exists, only the server can say when it is used.
  const reaches = async () => true;

  return {
    name: PLATFORM,
    chat,
    lastResort: true,
    reaches,
    chatFor: (p) => (lanes.get(p.key) ?? home).chat,
    attach: (ctx, programmes) => ({
      name: PLATFORM,
      chat,
      lastResort: true,
      routes: inboundRoutes({
        lanes: (programmes?.several ? programmes.all : [ctx]).map((c) => {
          const lane = lanes.get(c.programme.key) ?? home;
          return { ctx: c, linkKey: async () => (await lane.keys()).link };
        }),
        publicUrl: env.publicUrl,
      }),
      reaches,
      async start() {
        try {
          await transport.verify();
        } catch (error) {
          throw startError(error, settings.url, programme.locale);
        }
        for (const lane of lanes.values()) await lane.keys();
        if (isLoopback(env.publicUrl)) {
          logger.warn(
            { publicUrl: env.publicUrl },
            messages(programme.locale).email.start.loopbackPublicUrl(env.publicUrl),
          );
        }
        logger.info(
          {
            platform: PLATFORM,
            server: serverName(settings.url),
            from: settings.from.address,
            rate: settings.rate,
          },
          'email: mail server ready',
        );
        started = true;
      },
      async stop() {
        started = false;
        transport.close();
      },
      async ready() {
        if (!started) return false;
        const now = Date.now();
        if (!checked || now - checked.at > READY_CHECK_MS) {
          const ok = await transport.verify().then(
            () => true,
            () => false,
          );
          checked = { at: now, ok };
        }
        return checked.ok;
      },
    }),
  };
}
