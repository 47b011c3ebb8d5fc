// The local Slack in a process of its own, for bench/slack.ts: Slack is another machine for the bot, so its work
// must not be counted in the bot's. Reads its options from the JSON file given, prints its URL, serves until killed.
import { readFileSync } from 'node:fs';
import { FakeSlack, type FakeSlackOptions } from '../test/fakes/slack-server.ts';

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as FakeSlackOptions & {
  users: { id: string; name: string; email: string }[];
};
const slack = await FakeSlack.start(config);
for (const user of config.users) slack.addUser(user);
process.stdout.write(`${JSON.stringify({ url: slack.url })}\n`);
process.once('SIGTERM', () => {
  void slack.close().then(() => process.exit(0));
});
