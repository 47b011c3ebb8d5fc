// The bot with e-mail for a test: a real SMTP server in the process, the e-mail platform over a real SQLite file, and
// the bot's HTTP server on an ephemeral port (its address is PUBLIC_URL, so the links in the mails open on it).
// Other platforms' routes can be mounted on the same server afterwards.

import { silentLogger } from '../../src/app/context.ts';
import type { Env } from '../../src/config/env.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { type HttpServer, type Route, startHttpServer } from '../../src/http/server.ts';
import { assetRoutes } from '../../src/http/web/assets.ts';
import { createEmailPlatform, type EmailPlatform } from '../../src/platforms/email/index.ts';
import type { PlatformDeps } from '../../src/platforms/platform.ts';
import { depsOf, exampleProgramme, openBotOn, type TestBot, TestClock, tempDatabaseUrl } from './fixtures.ts';
import { type MailServer, type MailServerOptions, startMailServer, TEST_CA } from './mail-server.ts';

export interface EmailBot {
  mail: MailServer;
  platform: EmailPlatform;
  bot: TestBot;
  clock: TestClock;
  env: Env;
  http: HttpServer;
  /** Adds routes to the HTTP server (another platform's, the dashboard's). */
  mount(routes: Record<string, Route>): void;
  close(): Promise<void>;
}

/** An HTTP server whose routes can be added after it listens: PUBLIC_URL must be known before the platform exists. */
async function lateServer(logger: Logger): Promise<{ http: HttpServer; table: Record<string, Route> }> {
  const table: Record<string, Route> = { ...assetRoutes() };
  const dispatch: Route = (req, res) => {
    const key = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
    const prefix = Object.keys(table).find((k) => k.endsWith('*') && key.startsWith(k.slice(0, -1)));
    const route = table[key] ?? (prefix ? table[prefix] : undefined);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    return route(req, res);
  };
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    routes: {},
    fallback: dispatch,
  });
  return { http, table };
}

export function emailEnv(base: {
  databaseUrl: string;
  publicUrl: string;
  smtpUrl: string;
  rate?: number;
}): Env {
  return {
    programmeFile: '',
    databaseUrl: base.databaseUrl,
    host: '127.0.0.1',
    port: 0,
    publicUrl: base.publicUrl,
    logLevel: 'error',
    email: {
      url: base.smtpUrl,
      from: { name: 'Startups de Territoire', address: 'coaching@region.example' },
      rate: base.rate ?? 1000,
    },
  };
}

export async function startEmailBot(
  options: MailServerOptions & {
    programme?: Programme;
    /** Reuse a bot (its database and clock) instead of opening a new one. */
    bot?: { bot: TestBot; clock: TestClock };
    start?: boolean;
    connections?: number;
  } = {},
): Promise<EmailBot> {
  const mail = await startMailServer(options);
  const reused = options.bot;
  const clock = reused?.clock ?? new TestClock(new Date());
  if (!reused) clock.setParis('2026-11-20', 14);
  const databaseUrl = reused ? `file:${reused.bot.database.path}` : tempDatabaseUrl();
  const { http, table } = await lateServer(reused?.bot.ctx.logger ?? silentLogger);
  const env = emailEnv({ databaseUrl, publicUrl: http.url, smtpUrl: mail.url });
  const outbound = (deps: PlatformDeps) =>
    createEmailPlatform(deps, env, {
      tls: { ca: TEST_CA },
      ...(options.connections ? { connections: options.connections } : {}),
    });
  // A reused bot keeps its chat port: the e-mail platform only answers its links there.
  const { bot, platform } = reused
    ? { bot: reused.bot, platform: outbound(depsOf(reused.bot)).attach(reused.bot.ctx) }
    : await openBotOn(databaseUrl, options.programme ?? exampleProgramme(), clock, outbound);
  Object.assign(table, platform.routes);
  if (options.start !== false) await platform.start();
  return {
    mail,
    platform,
    bot,
    clock,
    env,
    http,
    mount: (routes) => Object.assign(table, routes),
    close: async () => {
      await platform.stop();
      await http.close();
      await mail.close();
      if (!options.bot) bot.close();
    },
  };
}
