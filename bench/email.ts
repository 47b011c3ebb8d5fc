// Benchmark: e-mail. A fan-out of 10,000 check-in prompts to a local SMTP server: coaching-bot (outbox, SQLite,
// rendering, signed links, the pooled transport) beside a bare nodemailer pooled transport sending the same 10,000
// mails, rendered beforehand, to the same server. The server, the bot and the bare sender each run in a process of
// their own, one after the other, twice each; the best time of each counts. The bot runs as production runs it:
// the compiled dist/ (built first), `npm start`'s Node options, no TypeScript loader. Its peak memory is its
// process's maximum resident set; every intrapreneur must hold exactly one mail.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FanOutResult } from '../src/app/prompts.ts';
import { CONNECTIONS } from '../src/platforms/email/transport.ts';
import { systemClock } from '../src/runtime.ts';
import { benchProgramme, FROM, type Message, PUBLIC_URL } from './email-local.ts';
import { startOptions } from './evaluation.ts';
import type { BenchResult } from './run.ts';

export const name = 'email';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COUNT = 10_000;
const ROUNDS = 2;
const TIME_TARGET = 1.2;
const RSS_TARGET_MB = 150;

interface Role {
  child: ChildProcess;
  ask<T>(message: unknown): Promise<T>;
  close(): Promise<void>;
}

function start(role: Message['role'] | 'bot', args: string[]): Promise<Role> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (reply: unknown) => {
        if ((reply as { started?: boolean }).started) return;
        child.off('message', onMessage);
        const error = (reply as { error?: string }).error;
        if (error) reject(new Error(`${role}: ${error}`));
        else resolve(reply as T);
      };
      child.on('message', onMessage);
      child.send(message as object);
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () => resolve({ child, ask, close }));
  });
}

interface Summary {
  mails: number;
  ids: number;
  duplicated: number;
  recipients: number;
}

export async function run(log: (line: string) => void): Promise<BenchResult> {
  log('building dist/ (the bot runs compiled, as in production)');
  const built = spawnSync(process.execPath, ['scripts/build.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error('npm run build failed');
  const typescript = (...options: string[]) => [...options, '--import', 'tsx', 'bench/email-local.ts'];
  const programme = benchProgramme(COUNT, systemClock.now());
  const smtp = await start('smtp', typescript());
  const { ready: smtpUrl } = await smtp.ask<{ ready: string }>({ role: 'smtp' });
  const times = { bot: [] as number[], bare: [] as number[] };
  let peakRssMb = 0;
  let baseRssMb = 0;
  let lost = 0;
  let duplicated = 0;
  let extra = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await smtp.ask({ reset: true });
      const bare = await start('bare', typescript(...startOptions()));
      const b = await bare.ask<{ seconds: number }>({ role: 'bare', smtpUrl, count: COUNT });
      await bare.close();
      times.bare.push(b.seconds);
      log(`round ${round + 1}: bare nodemailer ${b.seconds.toFixed(1)} s`);

      await smtp.ask({ reset: true });
      const bot = await start('bot', [...startOptions(), 'bench/email/bot.js']);
      const r = await bot.ask<{
        seconds: number;
        result: FanOutResult;
        unsent: number;
        baseRssMb: number;
        peakRssMb: number;
      }>({ programme, smtpUrl, publicUrl: PUBLIC_URL, from: FROM });
      baseRssMb = Math.max(baseRssMb, r.baseRssMb);
      await bot.close();
      const summary = await smtp.ask<Summary>({ summary: true });
      times.bot.push(r.seconds);
      peakRssMb = Math.max(peakRssMb, r.peakRssMb);
      lost = Math.max(lost, COUNT - summary.recipients + r.unsent);
      duplicated = Math.max(duplicated, summary.duplicated);
      extra = Math.max(extra, summary.mails - summary.ids);
      log(
        `round ${round + 1}: coaching-bot ${r.seconds.toFixed(1)} s, ${summary.mails} mails, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    await smtp.close();
  }
  const best = (xs: number[]) => Math.min(...xs);
  const ratio = best(times.bot) / best(times.bare);
  const f = (n: number) => n.toFixed(1);
  return {
    tables: [
      {
        title: `Fan-out of ${COUNT.toLocaleString('en')} prompts to a local SMTP server (best of ${ROUNDS}, s)`,
        columns: ['subject', 'time', 'mails/s'],
        rows: [
          ['coaching-bot (outbox, SQLite, rendering, pool)', f(best(times.bot)), f(COUNT / best(times.bot))],
          ['bare nodemailer pool, same mails pre-rendered', f(best(times.bare)), f(COUNT / best(times.bare))],
          ['ratio bot / bare', ratio.toFixed(2), ''],
        ],
      },
      {
        title: 'coaching-bot’s fan-out',
        columns: ['measure', 'value'],
        rows: [
          ['peak RSS (MB)', peakRssMb.toFixed(0)],
          ['  RSS before the fan-out (MB)', baseRssMb.toFixed(0)],
          ['lost', String(lost)],
          ['duplicated (one Message-ID twice)', String(duplicated)],
          ['mails beyond one per Message-ID', String(extra)],
        ],
      },
    ],
    checks: [
      { label: `time ≤ ${TIME_TARGET}× the bare pool (${ratio.toFixed(2)}×)`, ok: ratio <= TIME_TARGET },
      {
        label: `peak RSS ≤ ${RSS_TARGET_MB} MB (${peakRssMb.toFixed(0)} MB)`,
        ok: peakRssMb <= RSS_TARGET_MB,
      },
      { label: '0 prompts lost, 0 duplicated', ok: lost === 0 && duplicated === 0 && extra === 0 },
    ],
    notes: [
      `Both send over ${CONNECTIONS} pooled connections; the bot with SMTP_RATE set out of the way, the bare pool unpaced.`,
      'The SMTP server, the bot and the bare sender run in processes of their own, one after the other, with npm start’s Node options.',
      'The bot runs the compiled dist/ as production does; the worst peak RSS of the rounds is reported.',
    ],
  };
}
