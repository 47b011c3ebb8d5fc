// A fresh clone's `npm start` (`coaching-bot start` with no environment but a database path and a free port): the
// sandbox starts, filled with the example's past weeks, says where to open it, and its page answers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Child, COACHING_BOT, startChild } from '../support/child.ts';

describe('npm start with nothing configured', () => {
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  it('prints the sandbox URL, serves the page, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-start-'));
    const bot = startChild([...COACHING_BOT, 'start'], {
      DATABASE_URL: `file:${join(dir, 'data', 'coaching-bot.db')}`,
      PORT: '0',
    });
    children.push(bot);
    const [line, url] = (await bot.line(/Bac à sable : ouvrez (http:\/\/127\.0\.0\.1:\d+)\/ .*/)) as [
      string,
      string,
    ];
    expect(line).toBe(`Bac à sable : ouvrez ${url}/ dans votre navigateur.`);

    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    const body = await home.text();
    expect(body).toContain('Qui êtes-vous ?');
    for (const name of [
      'Claire Dubois',
      'Julien Moreau',
      'Alice Martin',
      'Élodie Fournier',
      'Isabelle Roux',
    ]) {
      expect(body).toContain(name);
    }
    const owner = await (await fetch(`${url}/?as=claire`)).text();
    expect(owner).toContain('Jouer une semaine');
    expect((await fetch(`${url}/dashboard`)).status).toBe(200);
    expect((await fetch(`${url}/assets/dsfr/dsfr.min.css`)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
  });
});
