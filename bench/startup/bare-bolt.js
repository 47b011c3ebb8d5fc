// The yardstick of `npm run bench -- startup`: a bare Bolt app, plain JavaScript like the compiled bot, started with
// the same Node options, on the same local Slack, with an HTTP receiver on a port and a `/healthz` route. Nothing of
// the bot in it. Reads SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, HOST and PORT, as the bot does.
import bolt from '@slack/bolt';

const { App, LogLevel } = bolt;
const env = process.env;

const app = new App({
  token: env.SLACK_BOT_TOKEN,
  signingSecret: env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
app.command('/phase', async ({ ack }) => {
  await ack('Phase : pré-incubation.');
});

await app.start({ port: Number(env.PORT), host: env.HOST });
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
