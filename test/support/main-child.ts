// The `coaching-bot` command in a child process, as bin/coaching-bot.js runs it, for tests that need its real exit
// code and output. Run with `node --import tsx test/support/main-child.ts <verb> [options]`.
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
