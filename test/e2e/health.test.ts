// The Dockerfile's and the systemd unit's start command, as they run it: `node bin/coaching-bot.js start` on a fresh
// database and a free port answers /healthz and /readyz, then stops on SIGTERM with exit code 0.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { readinessRoute } from '../../src/cli/readiness.ts';
import type { ChatPort } from '../../src/core/ports.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { closeDatabase, migrate, openDatabase } from '../../src/storage/database.ts';
import { type Child, ROOT, startChild } from '../support/child.ts';

/** The image cannot be built here; what it runs can. */
function dockerfile(): { cmd: string[]; text: string } {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(text)?.[1];
  if (!cmd) throw new Error('no CMD in the Dockerfile');
  return { cmd: JSON.parse(cmd) as string[], text };
}

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('health endpoints', () => {
  const children: Child[] = [];
  const servers: HttpServer[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
    for (const server of servers.splice(0)) await server.close();
  });

  it('the image is multi-stage, on a current Node LTS, runs as a non-root user and keeps its data on /data', () => {
    const { cmd, text } = dockerfile();
    // The same command as `npm start`, Node options included.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(cmd).toEqual(pkg.scripts.start.split(' '));
    expect(cmd).toEqual(['node', '--max-semi-space-size=4', 'bin/coaching-bot.js', 'start']);
    const stages = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:(22|24)-bookworm-slim$/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(text).toContain('DATABASE_URL=file:/data/coaching-bot.db');
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines;
    expect(engines).toEqual({ node: '>=20' });
  });

  it('the container’s start command answers /healthz and /readyz, then stops on SIGTERM with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-health-'));
    const [node, ...args] = dockerfile().cmd;
    expect(node).toBe('node');
    const bot = startChild(args, {
      PROGRAMME_FILE: join(ROOT, 'examples/programme.yml'),
      DATABASE_URL: `file:${join(dir, 'data', 'coaching-bot.db')}`,
      HOST: '127.0.0.1',
      PORT: '0',
    });
    children.push(bot);
    const [, url] = await bot.line(/(http:\/\/127\.0\.0\.1:\d+)/);

    expect(await get(`${url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await get(`${url}/readyz`);
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', scheduler: 'ok' } },
    });

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it('/readyz answers 503 and says what is not ready', async () => {
    const database = openDatabase(':memory:');
    migrate(database);
    const chat = {} as ChatPort;
    const platform = (name: string, ready: () => Promise<boolean>): Platform => ({
      name,
      chat,
      routes: {},
      reaches: async () => true,
      start: async () => {},
      stop: async () => {},
      ready,
    });
    let scheduler: { running: boolean; stop(): Promise<void> } | undefined;
    const route = readinessRoute({
      database,
      platforms: [
        platform('slack', async () => true),
        platform('mattermost', async () => {
          throw new Error('ECONNREFUSED');
        }),
      ],
      scheduler: () => scheduler,
      stopping: () => false,
    });
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: { 'GET /readyz': route },
    });
    servers.push(server);

    expect(await get(`${server.url}/readyz`)).toEqual({
      status: 503,
      body: {
        status: 'not_ready',
        checks: {
          database: 'ok',
          scheduler: 'starting',
          platforms: { slack: 'ok', mattermost: 'unreachable' },
        },
      },
    });
    scheduler = { running: false, stop: async () => {} };
    closeDatabase(database);
    expect(await get(`${server.url}/readyz`)).toMatchObject({
      status: 503,
      body: { checks: { database: 'unreachable', scheduler: 'not_running' } },
    });
  });
});
