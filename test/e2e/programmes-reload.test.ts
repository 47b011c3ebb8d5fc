// SIGHUP reads the programme files again: a programme added to the directory is served without a restart; a file with
// a problem is refused, said in the log, and the programmes already served go on.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Child, COACHING_BOT, ROOT, startChild } from '../support/child.ts';

/** A port nobody listens on now, so that the bot comes back on the same one after a reload. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

/** Polls until `url` answers `expected` (the bot reloads in the background). */
async function until(url: string, expected: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  let last = await status(url);
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await status(url);
  }
  return last;
}

describe('SIGHUP', () => {
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  it('serves a programme added to the directory, and keeps serving when a file is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-reload-'));
    const programmes = join(dir, 'programmes');
    mkdirSync(programmes);
    copyFileSync(join(ROOT, 'examples/programme.yml'), join(programmes, 'hauts-de-france.yml'));
    const port = await freePort();
    const bot = startChild(COACHING_BOT.concat(['start']), {
      PROGRAMME_FILE: programmes,
      DATABASE_URL: `file:${join(dir, 'bot.db')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX: 'off',
      LOG_LEVEL: 'info',
    });
    children.push(bot);
    await bot.line(/écoute sur/);
    const base = `http://127.0.0.1:${port}`;
    expect(await status(`${base}/dashboard`)).toBe(200);
    // One programme: no national view.
    expect(await status(`${base}/overview`)).toBe(404);

    copyFileSync(join(ROOT, 'examples/programmes/reunion.yml'), join(programmes, 'reunion.yml'));
    bot.process.kill('SIGHUP');
    expect(await until(`${base}/overview`, 200)).toBe(200);
    expect(await status(`${base}/dashboard?p=reunion`)).toBe(200);
    expect(bot.stderr()).toContain('"msg":"reload: programme files loaded again"');

    writeFileSync(join(programmes, 'wrong.yml'), 'programme:\n  name: Sans rien\n');
    bot.process.kill('SIGHUP');
    const deadline = Date.now() + 10_000;
    while (!bot.stderr().includes('reload: programme file refused') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(bot.stderr()).toContain(
      '"msg":"reload: programme file refused, the programmes being served go on"',
    );
    expect(await status(`${base}/dashboard?p=reunion`)).toBe(200);

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
