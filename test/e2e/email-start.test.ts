// `coaching-bot start` with e-mail: a mail server that refuses the bot stops the start with a sentence saying what
// to fix (never the password); a missing MAIL_FROM or PUBLIC_URL is named before anything starts. Then the real
// server, in a child process with the mail server of this test as its only platform, runs a week by e-mail alone:
// Friday's prompts, answers confirmed on the mails' pages, Monday's reminder, Tuesday's alerts and digest.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { main } from '../../src/cli/main.ts';
import { instantAt } from '../../src/core/calendar.ts';
import { createEmailPlatform } from '../../src/platforms/email/index.ts';
import { systemClock } from '../../src/runtime.ts';
import { startChild } from '../support/child.ts';
import { emailEnv } from '../support/email-bot.ts';
import { depsOf, exampleProgramme, openBot, tempDatabaseUrl } from '../support/fixtures.ts';
import { confirm, linkTo, open } from '../support/mail-links.ts';
import { type MailServer, startMailServer } from '../support/mail-server.ts';

const WEEK = '2026-W47';

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, output: { out: (t: string) => lines.out.push(t), err: (t: string) => lines.err.push(t) } };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

const BASE_ENV = {
  PROGRAMME_FILE: join(import.meta.dirname, '../../examples/programme.yml'),
  HOST: '127.0.0.1',
  PORT: '0',
  MAIL_FROM: '"Startups de Territoire" <coaching@region.example>',
  PUBLIC_URL: 'https://coaching.region.example',
  LOG_LEVEL: 'error',
};

describe('starting with e-mail', () => {
  let mail: MailServer | undefined;

  afterEach(async () => {
    await mail?.close();
    mail = undefined;
  });

  /** `coaching-bot start` in a child process, as an operator runs it: its exit code and what it printed. */
  async function start(env: Record<string, string>) {
    const bot = startChild(['--import', 'tsx', 'test/support/main-child.ts', 'start'], {
      ...BASE_ENV,
      DATABASE_URL: tempDatabaseUrl(),
      ...env,
    });
    const { code } = await bot.exited;
    return { code, err: bot.stderr() };
  }

  it('names the password to fix when the mail server refuses it, without writing it', async () => {
    mail = await startMailServer({ auth: { user: 'bot', pass: 'the-right-one' } });
    const { code, err } = await start({ SMTP_URL: `smtp://bot:hunter2-wrong@127.0.0.1:${mail.port}` });
    expect(code).toBe(1);
    expect(err).toContain(
      `email: Le serveur d’e-mail 127.0.0.1:${mail.port} refuse l’identifiant ou le mot de passe`,
    );
    expect(err).not.toContain('hunter2');
  });

  it('names the server it cannot reach', async () => {
    const port = await freePort();
    const { code, err } = await start({ SMTP_URL: `smtp://bot:secret@127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(err).toContain(`Le serveur d’e-mail 127.0.0.1:${port} est injoignable`);
    expect(err).not.toContain('secret');
  });

  it('names the encryption that failed when the server’s certificate is not trusted', async () => {
    mail = await startMailServer({ security: 'starttls' });
    const { code, err } = await start({ SMTP_URL: `smtp://127.0.0.1:${mail.port}` });
    expect(code).toBe(1);
    expect(err).toContain(`La connexion chiffrée au serveur d’e-mail 127.0.0.1:${mail.port} a échoué`);
  });

  it('warns when PUBLIC_URL is this machine, whose links would open nowhere else', async () => {
    const server = await startMailServer();
    mail = server;
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_: object, msg?: string) => void warnings.push(msg ?? '') };
    const databaseUrl = tempDatabaseUrl();
    const bot = await openBot(databaseUrl, exampleProgramme(), systemClock, undefined);
    for (const publicUrl of ['http://127.0.0.1:3000', 'https://coaching.region.example']) {
      const env = emailEnv({ databaseUrl, publicUrl, smtpUrl: server.url });
      const ctx = { ...bot.ctx, logger };
      const platform = createEmailPlatform(depsOf(bot, { logger }), env).attach(ctx);
      await platform.start();
      await platform.stop();
    }
    bot.close();
    expect(warnings).toEqual([
      'PUBLIC_URL vaut http://127.0.0.1:3000 : les liens des e-mails ne s’ouvriront que sur cette machine. Indiquez l’adresse publique du bot.',
    ]);
  });

  it('names what is missing beside SMTP_URL, before anything starts', async () => {
    const { lines, output } = capture();
    const code = await main(['status'], output, {
      PROGRAMME_FILE: BASE_ENV.PROGRAMME_FILE,
      SMTP_URL: 'smtp://bot:hunter2@mail.region.example:587',
    });
    expect(code).toBe(1);
    const err = lines.err.join('\n');
    expect(err).toContain('MAIL_FROM: obligatoire pour envoyer des e-mails');
    expect(err).toContain('PUBLIC_URL: obligatoire pour envoyer des e-mails');
    expect(err).not.toContain('hunter2');
  });

  it('runs a week by e-mail alone: prompt, answers on the pages, reminder, alerts, digest', async () => {
    const server = await startMailServer();
    mail = server;
    const port = await freePort();
    const env = {
      ...BASE_ENV,
      DATABASE_URL: tempDatabaseUrl(),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: server.url,
      SMTP_RATE: '100',
    };
    /** `coaching-bot start` at a moment of the week (its clock then runs at the real pace); it catches up the job due. */
    const startAt = async (date: string, hour: number) => {
      const bot = startChild(['--import', 'tsx', 'test/support/sandbox-child.ts'], {
        ...env,
        CLOCK_START: instantAt(date, hour, 0, 'Europe/Paris').toISOString(),
      });
      await bot.line(/coaching-bot écoute sur/);
      return bot;
    };
    const until = async (done: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const stop = async (bot: ReturnType<typeof startChild>) => {
      bot.process.kill('SIGTERM');
      expect((await bot.exited).code).toBe(0);
    };
    const people = exampleProgramme().people;
    const to = (id: string) => server.to(people.find((p) => p.id === id)?.email ?? '');

    // Friday afternoon: the prompt missed at 14:00 goes out at start, one mail to each intrapreneur.
    let bot = await startAt('2026-11-20', 15);
    await server.waitFor(6, 20_000);
    expect(bot.stdout()).not.toContain('Bac à sable');
    const [alice] = to('alice');
    const [nicolas] = to('nicolas');
    if (!alice || !nicolas) throw new Error('prompts missing');
    expect(alice.messageId).toBe(`<prompt.alice.${WEEK}@[127.0.0.1]>`);
    // Everyone answers but Nicolas; Alice was released half a day only.
    await confirm(linkTo(alice, 'Une demi-journée (½)'));
    for (const id of ['camille', 'mehdi', 'elodie', 'pierre']) {
      const [prompt] = to(id);
      await confirm(linkTo(prompt as NonNullable<typeof prompt>, 'Un jour'));
    }
    await stop(bot);

    // Monday morning: one reminder, to Nicolas, in the thread of his prompt.
    bot = await startAt('2026-11-23', 10);
    await server.waitFor(7, 20_000);
    expect(to('nicolas').map((m) => m.inReplyTo)).toEqual([
      undefined,
      `<prompt.nicolas.${WEEK}@[127.0.0.1]>`,
    ]);
    await stop(bot);

    // Tuesday morning: Alice's manager, on e-mail only, hears of it; the owners get the digest with the dashboard.
    bot = await startAt('2026-11-24', 10);
    const digests = () =>
      ['claire', 'thomas'].flatMap((id) => to(id).filter((m) => m.subject.startsWith('Synthèse')));
    await until(() => digests().length === 2 && to('isabelle').length === 1, 'the digests and the alert');
    expect(to('isabelle').map((m) => m.subject)).toEqual(['Jour libéré non respecté — Alice Martin']);
    const [digest] = digests();
    expect(digest?.text).toContain('Jour libéré : 4/6 respectés, 1 manqué, 1 sans réponse, 0 exempté.');
    const board = await open(linkTo(digest as NonNullable<typeof digest>, 'Ouvrir le tableau de bord'));
    expect(board.status).toBe(200);
    expect(board.text).toContain('Alice Martin');
    // Without the link, the dashboard is closed: e-mail is a real platform.
    expect((await open(`http://127.0.0.1:${port}/dashboard`)).status).toBe(401);
    await stop(bot);
  }, 90_000);
});
