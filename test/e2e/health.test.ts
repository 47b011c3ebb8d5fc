// The readiness endpoint says what is not ready. (The production command answering /healthz and /readyz, then stopping
// on SIGTERM: test/e2e/production.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { readinessRoute } from '../../src/cli/readiness.ts';
import type { ChatPort } from '../../src/core/ports.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { closeDatabase, migrate, openDatabase } from '../../src/storage/database.ts';
import { sqliteDatabase } from '../../src/storage/sqlite-database.ts';

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe('health endpoints', () => {
  const servers: HttpServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
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
      database: sqliteDatabase(database),
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
