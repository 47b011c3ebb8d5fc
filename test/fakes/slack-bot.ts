// The bot on Slack for a test: a local Slack whose token has the scopes of manifest.yml, the bot's context on a real
// SQLite file, the Slack platform started for real (auth.test, Bolt), and the bot's HTTP server on an ephemeral port.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Env } from '../../src/config/env.ts';
import type { Programme } from '../../src/core/programme.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { createSlackPlatform, type SlackOptions } from '../../src/platforms/slack/index.ts';
import {
  type BotOptions,
  exampleProgramme,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';
import { FakeSlack, type FakeSlackOptions } from './slack-server.ts';
import { SlackWorkspace } from './slack-workspace.ts';

export const BOT_TOKEN = 'xoxb-local-bot-token';
export const APP_TOKEN = 'xapp-local-app-token';
export const SIGNING_SECRET = 'local-signing-secret';

const MANIFEST = fileURLToPath(new URL('../../manifest.yml', import.meta.url));

export function manifest(): { oauth_config: { scopes: { bot: string[] } } } & Record<string, unknown> {
  return parse(readFileSync(MANIFEST, 'utf8'));
}

export function manifestScopes(): string[] {
  return manifest().oauth_config.scopes.bot;
}

export interface SlackBot {
  slack: FakeSlack;
  workspace: SlackWorkspace;
  platform: Platform;
  bot: TestBot;
  clock: TestClock;
  programme: Programme;
  http?: HttpServer;
  /** Slack user id of a person of the programme. */
  slackId(personId: string): string;
  close(): Promise<void>;
}

/** People of the example programme whom the workspace knows; `strangers` are left out of it. */
export async function startSlackBot(
  options: {
    socketMode?: boolean;
    strangers?: string[];
    fake?: Partial<FakeSlackOptions>;
    slackOptions?: SlackOptions;
    programme?: Programme;
    start?: boolean;
  } & BotOptions = {},
): Promise<SlackBot> {
  const programme = options.programme ?? exampleProgramme();
  const slack = await FakeSlack.start({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    scopes: manifestScopes(),
    ...options.fake,
  });
  for (const person of programme.people) {
    if (options.strangers?.includes(person.id)) continue;
    slack.addUser({ ...(person.slack ? { id: person.slack } : {}), name: person.name, email: person.email });
  }
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-20', 14);
  const env: Env = {
    programmeFile: '',
    databaseUrl: '',
    host: '127.0.0.1',
    port: 0,
    publicUrl: '',
    logLevel: 'error',
    slack: {
      botToken: BOT_TOKEN,
      apiUrl: slack.apiUrl,
      ...(options.socketMode ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
    },
  };
  // Tests do not wait a second between two messages to one person; the pacing itself is tested on its own.
  const slackOptions = { pace: { perSecond: 1000, perConversationMs: 0 }, ...options.slackOptions };
  const { bot, platform } = await openBotOn(
    tempDatabaseUrl(),
    programme,
    clock,
    (deps) => createSlackPlatform(deps, env, slackOptions),
    options,
  );
  const http = options.socketMode
    ? undefined
    : await startHttpServer({ host: '127.0.0.1', port: 0, logger: bot.ctx.logger, routes: platform.routes });
  if (options.start !== false) await platform.start();
  const workspace = new SlackWorkspace(
    slack,
    http ? { url: `${http.url}/slack/events`, signingSecret: SIGNING_SECRET } : { socket: true },
  );
  const ids = new Map(
    programme.people.map((p) => [p.id, [...slack.users.values()].find((u) => u.email === p.email)?.id]),
  );
  return {
    slack,
    workspace,
    platform,
    bot,
    clock,
    programme,
    ...(http ? { http } : {}),
    slackId: (personId) => {
      const id = ids.get(personId);
      if (!id) throw new Error(`${personId} has no Slack account here`);
      return id;
    },
    close: async () => {
      await platform.stop();
      await http?.close();
      await slack.close();
      bot.close();
    },
  };
}
