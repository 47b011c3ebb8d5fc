// The `coaching-bot` process. bin/coaching-bot.js runs its compiled copy (dist/cli/run.js); `npm run dev` and the
// tests run this file from the sources through tsx (`node --import tsx src/cli/run.ts <verb>`).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
