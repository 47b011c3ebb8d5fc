import { chat } from './chat.ts';
import { cli } from './cli.ts';
import { commands } from './commands.ts';
import { config } from './config.ts';
import { dashboard } from './dashboard.ts';
import { data } from './data.ts';
import { dates } from './dates.ts';
import { email } from './email.ts';
import { mattermost } from './mattermost.ts';
import { pack } from './pack.ts';
import { report } from './report.ts';
import { sandbox } from './sandbox.ts';
import { slack } from './slack.ts';
import { status } from './status.ts';

export const fr = {
  chat,
  cli,
  commands,
  config,
  data,
  dates,
  report,
  status,
  slack,
  mattermost,
  email,
  sandbox,
  dashboard,
  pack,
};
