// The bot's side of the e-mail benchmark, as production runs it: plain JavaScript importing the compiled modules of
// dist/ (built by the benchmark first), with `npm start`'s Node options, no TypeScript loader. Driven over IPC by
// bench/email.ts: it receives the programme and the SMTP server's URL, sends the week's prompts, and answers with
// the time taken and the process's peak resident memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

process.once('message', async ({ programme, smtpUrl, publicUrl, from }) => {
  try {
    const [
      { silentLogger },
      { sendPrompts },
      { createEmailPlatform },
      { openRuntime, systemClock },
      { weekOfInstant },
    ] = await Promise.all([
      load('app/context.js'),
      load('app/prompts.js'),
      load('platforms/email/index.js'),
      load('runtime.js'),
      load('core/week.js'),
    ]);
    const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'bench-email-db-')), 'bot.db')}`;
    const env = {
      programmeFile: '',
      databaseUrl,
      host: '127.0.0.1',
      port: 0,
      publicUrl,
      logLevel: 'error',
      // Pacing out of the way: the benchmark measures the bot, not SMTP_RATE.
      email: { url: smtpUrl, from, rate: 1_000_000 },
    };
    // Wired as `coaching-bot start` wires it: the platform's outbound half, the context holding its chat port, then the
    // whole platform.
    const runtime = await openRuntime(env, {
      logger: silentLogger,
      programme,
      platforms: (deps) => [createEmailPlatform(deps, env)],
    });
    const [platform] = runtime.platforms;
    await platform.start();
    const week = weekOfInstant(systemClock.now(), programme.timezone);
    const baseRssMb = process.memoryUsage().rss / 2 ** 20;
    const started = performance.now();
    const result = await sendPrompts(runtime.ctx, week);
    const seconds = (performance.now() - started) / 1000;
    const unsent = (await runtime.ctx.store.listOutbox({ week })).filter((e) => e.status !== 'sent').length;
    await platform.stop();
    await runtime.close();
    process.send({ seconds, result, unsent, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 });
  } catch (error) {
    process.send({ error: String(error?.stack ?? error) });
  }
});
process.send({ started: true });
