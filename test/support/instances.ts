// Several `coaching-bot start` processes on one PostgreSQL database, with the local Slack of the test: each a real
// bot (test/support/slack-serve-child.ts), its own HTTP server, scheduler and connections, sharing only the database
// and Slack. What they did is read from the local Slack and the database, never from their memory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Programme } from '../../src/core/programme.ts';
import { manifestScopes } from '../fakes/slack-bot.ts';
import { FakeSlack } from '../fakes/slack-server.ts';
import { SlackWorkspace } from '../fakes/slack-workspace.ts';
import { type Child, ROOT, startChild } from './child.ts';
import { newPostgresDatabase } from './postgres.ts';

export const BOT_TOKEN = 'xoxb-instances';
export const SIGNING_SECRET = 'instances-signing-secret';
const CHILD = ['--import', import.meta.resolve('tsx'), join(ROOT, 'test/support/slack-serve-child.ts')];

export interface World {
  databaseUrl: string;
  programme: Programme;
  programmeFile: string;
  slack: FakeSlack;
  /** Slack user id of a person of the programme. */
  slackId(person: string): string;
  /** Runs one query on the shared database. */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface Instance {
  child: Child;
  /** Where Slack sends this instance's requests (its `/slack/events`). */
  url: string;
  workspace: SlackWorkspace;
  /** Its log lines, parsed. */
  logs(): { msg?: string; instance?: string; [key: string]: unknown }[];
}

export async function startWorld(
  programme: Programme,
  yaml: string,
  options: { postsPerSecond?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-instances-'));
  const programmeFile = join(dir, 'programme.yml');
  writeFileSync(programmeFile, yaml);
  const slack = await FakeSlack.start({
    botToken: BOT_TOKEN,
    scopes: manifestScopes(),
    ...(options.postsPerSecond ? { postsPerSecond: options.postsPerSecond } : {}),
  });
  const ids = new Map<string, string>();
  for (const person of programme.people) {
    const user = slack.addUser({
      ...(person.slack ? { id: person.slack } : {}),
      name: person.name,
      email: person.email,
    });
    ids.set(person.id, user.id);
  }
  const databaseUrl = await newPostgresDatabase('instances');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const world: World = {
    databaseUrl,
    programme,
    programmeFile,
    slack,
    slackId: (person) => {
      const id = ids.get(person);
      if (!id) throw new Error(`${person} is not in the workspace`);
      return id;
    },
    query: async (text, values) => (await pool.query(text, values)).rows,
    close: async () => {
      await pool.end();
      await slack.close();
    },
  };
  return world;
}

/** Starts a bot process; resolves once it listens (after its start-up catch-up, which may send a whole fan-out). */
export function startInstance(
  world: World,
  options: { clockStart: string; clockJumpMs?: number; pace?: number },
): { child: Child; ready: Promise<Instance> } {
  const child = startChild(CHILD, {
    PROGRAMME_FILE: world.programmeFile,
    DATABASE_URL: world.databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: world.slack.apiUrl,
    LOG_LEVEL: 'info',
    CLOCK_START: options.clockStart,
    CLOCK_JUMP_MS: String(options.clockJumpMs ?? 0),
    SLACK_PACE: String(options.pace ?? 1000),
  });
  const logs = () =>
    child
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; instance?: string });
  const ready = child.line(/écoute sur (http:\/\/\S+)/).then((match) => {
    const url = `${match[1]}/slack/events`;
    return {
      child,
      url,
      workspace: new SlackWorkspace(world.slack, { url, signingSecret: SIGNING_SECRET }),
      logs,
    };
  });
  return { child, ready };
}

/** How many prompts of `week` each person got, by person id. */
export function promptsOf(world: World, people: string[], week: string): Record<string, number> {
  return Object.fromEntries(
    people.map((person) => [
      person,
      world.slack
        .directMessages(world.slackId(person))
        .filter((m) => m.metadata?.event_payload.key === `prompt:${person}:${week}`).length,
    ]),
  );
}
