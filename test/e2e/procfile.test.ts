// The Procfile a PaaS (Scalingo, Clever Cloud, Heroku…) runs: such a platform sets PORT and routes to it from outside,
// but sets no HOST, and the bot listens on loopback unless told otherwise (the sandbox's safe default on a laptop).
// Procfile runners run the line in a shell: it must give the bot a HOST that listens on every interface, keep one the
// operator set, and start what `npm start` starts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import { type Child, ROOT, startChild } from '../support/child.ts';
import { freePort } from '../support/postgres-server.ts';

/** The processes of the Procfile, by name. */
function procfile(): Record<string, string> {
  const lines = readFileSync(join(ROOT, 'Procfile'), 'utf8').trim().split('\n');
  return Object.fromEntries(lines.map((line) => line.split(/:\s+(.*)/s).slice(0, 2)));
}

/** A folder holding an `npm` that runs `script` instead of the real one, to put first in PATH. */
function fakeNpm(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-procfile-'));
  writeFileSync(join(dir, 'npm'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, 'npm'), 0o755);
  return dir;
}

/** The web process's line run as a Procfile runner runs it: `sh -c`, with only the platform's environment. */
function shellEnv(npm: string, env: Record<string, string>): Record<string, string> {
  return { PATH: `${npm}:${process.env.PATH ?? ''}`, ...env };
}

describe('the Procfile', () => {
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  it('has one web process, which runs npm start with a HOST on every interface unless one is set', () => {
    const { web, ...others } = procfile();
    expect(others).toEqual({});
    const printing = fakeNpm('echo "HOST=$HOST PORT=$PORT npm $*"');
    const run = (env: Record<string, string>) =>
      execFileSync('/bin/sh', ['-c', web ?? ''], { env: shellEnv(printing, env), encoding: 'utf8' }).trim();
    expect(run({ PORT: '5000' })).toBe('HOST=0.0.0.0 PORT=5000 npm start');
    expect(run({ PORT: '5000', HOST: '::' })).toBe('HOST=:: PORT=5000 npm start');
    // What `npm start` runs is `coaching-bot start`; without HOST, outside the Procfile, the bot stays on loopback.
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toMatch(/ bin\/coaching-bot\.js start$/);
    expect(readEnv({ PORT: '5000' }).host).toBe('127.0.0.1');
  });

  it('starts the bot listening on every interface at the PORT the platform gave', async () => {
    // `npm start` from the sources (bin/coaching-bot.js runs the compiled dist/, which production.test.ts builds).
    const npm = fakeNpm(
      `[ "$1" = start ] && exec "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${join(ROOT, 'src/cli/run.ts')}" start`,
    );
    const { web } = procfile();
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-procfile-'));
    const bot = startChild(
      ['-c', web ?? ''],
      shellEnv(npm, { PORT: String(port), DATABASE_URL: `file:${dir}/bot.db` }),
      {
        command: '/bin/sh',
      },
    );
    children.push(bot);
    const [, url] = (await bot.line(/coaching-bot écoute sur (\S+)/)) as [string, string];
    expect(url).toBe(`http://0.0.0.0:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
  });
});
