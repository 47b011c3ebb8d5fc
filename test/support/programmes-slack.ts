// One Slack app over a directory of programme files, for the tests of several programmes: the runtime with the Slack
// platform (Bolt's own receiver behind the bot's HTTP server), the local Slack with the people of every file (each
// once, matched by e-mail), and a workspace that signs requests as Slack does.
import type { AppContext } from '../../src/app/context.ts';
import { silentLogger } from '../../src/app/context.ts';
import type { Env } from '../../src/config/env.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createSlackPlatform } from '../../src/platforms/slack/index.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { BOT_TOKEN, manifestScopes, SIGNING_SECRET } from '../fakes/slack-bot.ts';
import { FakeSlack } from '../fakes/slack-server.ts';
import { SlackWorkspace } from '../fakes/slack-workspace.ts';
import { type TestClock, tempDatabaseUrl } from './fixtures.ts';

export interface ProgrammesOnSlack {
  slack: FakeSlack;
  runtime: Runtime;
  workspace: SlackWorkspace;
  /** A person's Slack user id, by their e-mail. */
  slackId(email: string): string;
  /** A programme's context, by its key. */
  contextOf(key: string): AppContext;
  close(): Promise<void>;
}

/** The environment of a bot serving the programmes of `dir` on a fresh SQLite file. */
export function programmesEnv(dir: string, extra: Partial<Env> = {}): Env {
  return {
    programmeFile: dir,
    databaseUrl: tempDatabaseUrl(),
    host: '127.0.0.1',
    port: 0,
    publicUrl: '',
    logLevel: 'error',
    ...extra,
  };
}

export async function startProgrammesOnSlack(dir: string, clock: TestClock): Promise<ProgrammesOnSlack> {
  const slack = await FakeSlack.start({ botToken: BOT_TOKEN, scopes: manifestScopes() });
  const env = programmesEnv(dir, {
    slack: { botToken: BOT_TOKEN, apiUrl: slack.apiUrl, signingSecret: SIGNING_SECRET },
  });
  let runtime: Runtime | undefined;
  let http: HttpServer | undefined;
  const close = async () => {
    for (const platform of runtime?.platforms ?? []) await platform.stop();
    await http?.close();
    await slack.close();
    await runtime?.close();
  };
  try {
    runtime = await openRuntime(env, {
      logger: silentLogger,
      clock,
      platforms: (deps) => [
        createSlackPlatform(deps, env, { pace: { perSecond: 1000, perConversationMs: 0 } }),
      ],
    });
    // The people of every file, each once (a coach or an owner may be in several).
    const ids = new Map<string, string>();
    for (const ctx of runtime.programmes.all) {
      for (const person of ctx.programme.people) {
        if (ids.has(person.email)) continue;
        const user = slack.addUser({
          ...(person.slack ? { id: person.slack } : {}),
          name: person.name,
          email: person.email,
        });
        ids.set(person.email, user.id);
      }
    }
    const [platform] = runtime.platforms;
    if (!platform) throw new Error('no Slack platform');
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: platform.routes,
    });
    await platform.start();
    const workspace = new SlackWorkspace(slack, {
      url: `${http.url}/slack/events`,
      signingSecret: SIGNING_SECRET,
    });
    const served = runtime;
    return {
      slack,
      runtime: served,
      workspace,
      slackId: (email) => {
        const id = ids.get(email);
        if (!id) throw new Error(`nobody with e-mail ${email}`);
        return id;
      },
      contextOf: (key) => {
        const ctx = served.programmes.get(key);
        if (!ctx) throw new Error(`no programme ${key}`);
        return ctx;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
