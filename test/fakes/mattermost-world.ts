// A Mattermost server on loopback with the programme's people in it, and the bot connected to it over real HTTP:
// the bot's own HTTP server (routes of the Mattermost platform) and the real `@mattermost/client` talking to the
// local Mattermost.

import { silentLogger } from '../../src/app/context.ts';
import type { Env } from '../../src/config/env.ts';
import type { Person, Programme } from '../../src/core/programme.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createMattermostPlatform } from '../../src/platforms/mattermost/index.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import {
  type BotOptions,
  depsOf,
  exampleProgramme,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';
import { FakeMattermost, type FakeUser } from './mattermost-server.ts';

export const BOT_TOKEN = 'bot-token-4f2c9a';
export const TEAM = 'region-hdf';

/** Mattermost usernames that are neither the programme id nor the e-mail's local part, as on a real server. */
export function usernameOf(person: Person): string {
  if (person.mattermost) return person.mattermost;
  const [first = '', last = ''] = person.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(' ');
  return `${first[0]}${last}`;
}

export interface MattermostWorld {
  mm: FakeMattermost;
  bot: FakeUser;
  programme: Programme;
  clock: TestClock;
  app: TestBot;
  platform: Platform;
  http: HttpServer;
  env: Env;
  /** Another platform on the same database and environment, and a new `app` whose context holds it (a restarted bot). */
  newPlatform(): Platform;
  close(): Promise<void>;
}

export async function mattermostWorld(
  options: {
    programme?: Programme;
    /** People without a Mattermost account. */
    absent?: string[];
    locales?: Record<string, string>;
  } & BotOptions = {},
): Promise<MattermostWorld> {
  const programme = options.programme ?? exampleProgramme();
  const mm = await new FakeMattermost().start();
  const bot = mm.addUser({ username: 'coaching-bot', is_bot: true, locale: 'fr' }, BOT_TOKEN);
  const people = programme.people
    .filter((p) => !(options.absent ?? []).includes(p.id))
    .map((p) => {
      const [first_name = '', last_name = ''] = p.name.split(' ');
      return mm.addUser({
        username: usernameOf(p),
        email: p.email,
        first_name,
        last_name,
        locale: options.locales?.[p.id] ?? 'fr',
      });
    });
  const teamId = mm.addTeam(TEAM, [bot, ...people]);
  const owners = programme.owners.map((id) =>
    people.find((u) => u.email === programme.people.find((p) => p.id === id)?.email),
  );
  mm.addChannel(
    teamId,
    'pilotage',
    'O',
    owners.filter((u): u is FakeUser => u !== undefined),
  );
  // The administrator made the bot a team admin, so that it may register its slash commands.
  mm.commandManagers.add(bot.id);

  const clock = new TestClock(new Date());
  clock.setParis('2026-11-20', 14);
  let platform: Platform | undefined;
  // The bot's URL is known once it listens; its routes are the platform's, made with that URL.
  const route =
    (key: string) =>
    (req: Parameters<Platform['routes'][string]>[0], res: Parameters<Platform['routes'][string]>[1]) =>
      platform?.routes[key]?.(req, res);
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: options.logger ?? silentLogger,
    routes: Object.fromEntries(
      ['POST /mattermost/command', 'POST /mattermost/action', 'POST /mattermost/dialog'].map((k) => [
        k,
        route(k),
      ]),
    ),
  });
  const env: Env = {
    programmeFile: '',
    databaseUrl: '',
    host: '127.0.0.1',
    port: 0,
    publicUrl: http.url,
    logLevel: 'error',
    mattermost: { url: mm.url, botToken: BOT_TOKEN, team: TEAM },
  };
  const opened = await openBotOn(
    tempDatabaseUrl(),
    programme,
    clock,
    (deps) => createMattermostPlatform(deps, env),
    options,
  );
  platform = opened.platform;
  const world: MattermostWorld = {
    mm,
    bot,
    programme,
    clock,
    app: opened.bot,
    platform,
    http,
    env,
    newPlatform: () => {
      // A restarted bot: a new platform, and a new context that holds its chat port, on the same database.
      const outbound = createMattermostPlatform(depsOf(world.app), env);
      const ctx = Object.freeze({ ...world.app.ctx, chat: outbound.chat });
      platform = outbound.attach(ctx);
      world.app = { ...world.app, ctx };
      world.platform = platform;
      return platform;
    },
    close: async () => {
      await http.close();
      await mm.close();
      world.app.close();
    },
  };
  return world;
}
