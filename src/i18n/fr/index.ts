import { chat } from './chat.ts';
import { cli } from './cli.ts';
import { commands } from './commands.ts';
import { config } from './config.ts';
import { dates } from './dates.ts';
import { report } from './report.ts';
import { status } from './status.ts';

export const fr = { chat, cli, commands, config, dates, report, status };
