// The processes of bench/slack.ts, one role each, so that none counts another's work: the local Slack (another
// machine, for the bot), the bot on Slack, and a bare Bolt app. Each reads its options from the JSON file given,
// prints `{"url": …}` once it listens, and serves until SIGTERM.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { silentLogger } from '../src/app/context.ts';
import type { Env } from '../src/config/env.ts';
import { startHttpServer } from '../src/http/server.ts';
import { createSlackPlatform } from '../src/platforms/slack/index.ts';
import { loadProgramme, openRuntime } from '../src/runtime.ts';
import { FakeSlack, type FakeSlackOptions } from '../test/fakes/slack-server.ts';

export interface LocalConfig {
  slack?: FakeSlackOptions & { users: { id: string; name: string; email: string }[] };
  bot?: { env: Env; programmeFile: string };
  bare?: { apiUrl: string; botToken: string; signingSecret: string };
}

const [role, file] = process.argv.slice(2);
const config = JSON.parse(readFileSync(file ?? '', 'utf8')) as LocalConfig;
const stops: (() => Promise<void>)[] = [];
let url = '';

if (role === 'slack' && config.slack) {
  const slack = await FakeSlack.start(config.slack);
  for (const user of config.slack.users) slack.addUser(user);
  url = slack.url;
  stops.push(() => slack.close());
} else if (role === 'bot' && config.bot) {
  const runtime = await openRuntime(config.bot.env, {
    logger: silentLogger,
    programme: loadProgramme(config.bot.programmeFile),
    platforms: (deps, env) => [createSlackPlatform(deps, env)],
  });
  const [platform] = runtime.platforms;
  if (!platform) throw new Error('no Slack platform');
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    routes: platform.routes,
  });
  await platform.start();
  url = `${http.url}/slack/events`;
  stops.push(
    () => http.close(),
    async () => runtime.close(),
  );
} else if (role === 'bare' && config.bare) {
  // A Bolt app with nothing of the bot in it: it acknowledges `/phase` with a constant.
  const receiver = new HTTPReceiver({ signingSecret: config.bare.signingSecret, endpoints: '/slack/events' });
  const app = new App({
    token: config.bare.botToken,
    receiver,
    clientOptions: { slackApiUrl: config.bare.apiUrl, retryConfig: { retries: 0 } },
    deferInitialization: true,
    convoStore: false,
  });
  app.command('/phase', async ({ ack }) => {
    await ack('Phase : pré-incubation.');
  });
  await app.init();
  const server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
} else {
  throw new Error(`unknown role ${role}`);
}

process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', () => {
  void Promise.all(stops.map((stop) => stop())).then(() => process.exit(0));
});
