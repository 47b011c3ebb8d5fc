// Opening a PostgreSQL database: a small pool of connections (node-postgres), checked at once so that a wrong address
// or password stops the start with a sentence rather than at the first write; migrations applied by one process at a
// time, whatever the number of instances starting together, under an advisory lock.
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { DatabaseTarget } from '../../config/database-url.ts';
import { AppError } from '../../core/errors.ts';
import { LOCK_PATIENCE_MS, serverStorageError, withStorage } from '../storage-errors.ts';
import type { Database } from '../storage-types.ts';
import type { PgHandle } from './handle.ts';
import { postgresPorts } from './ports.ts';
import { erasePerson, findPersonData } from './privacy.ts';
import { probeWrite } from './probe.ts';
import * as schema from './schema.ts';

export type { PgDb, PgHandle } from './handle.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle/pg', import.meta.url));
const MIGRATIONS_SCHEMA = 'drizzle';
const MIGRATIONS_TABLE = '__drizzle_migrations';
/** Any number the bot alone uses: every instance takes this advisory lock around its migrations. */
const MIGRATION_LOCK = 7_301_845_201;
/**
 * Connections per instance. The bot's work is a sequence of short transactions (a click, a claim, a batch of marks);
 * a few connections serve requests while the scheduler sends, and two or three instances stay far below the limit
 * of a small managed server (often 20 to 100 connections in all).
 */
const POOL_SIZE = 5;
/** A server that does not answer within this is reported unreachable rather than waited for. */
const CONNECT_TIMEOUT_MS = 10_000;

export async function connectPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
): Promise<Database> {
  const handle = openPostgres(target);
  try {
    // A wrong address, user, password or database name is said now, not at the first write.
    await withStorage(handle, () => handle.pool.query('select 1'));
  } catch (error) {
    await handle.pool.end();
    throw error;
  }
  return postgresDatabase(handle);
}

export function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  options: { poolSize?: number; lockPatienceMs?: number } = {},
): PgHandle {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Identifies the bot's connections in pg_stat_activity.
    application_name: 'coaching-bot',
  });
  // A connection the server closed while idle (a restart, a failover) is dropped by the pool: the next query opens a
  // new one. Without a listener, its error would stop the process.
  pool.on('error', () => {});
  return {
    pool,
    db: drizzle(pool, { schema }),
    path: target.where,
    server: true,
    lockPatienceMs: options.lockPatienceMs ?? LOCK_PATIENCE_MS,
    health: {},
  };
}

export function postgresDatabase(handle: PgHandle): Database & { handle: PgHandle } {
  return {
    kind: 'postgres',
    where: handle.path,
    handle,
    migrate: () => migrate(handle),
    ports: (programmeKey, instance) => postgresPorts(handle, programmeKey, instance),
    probe: () => probeWrite(handle),
    findPersonData: (programmeKey, person) =>
      withStorage(handle, () => findPersonData(handle, programmeKey, person)),
    erasePerson: (programmeKey, person, at) =>
      withStorage(handle, () => erasePerson(handle, programmeKey, person, at)),
    // A deleted or updated row's old version stays in its page until VACUUM reclaims it; autovacuum does so soon
    // after, and the server's files are the operator's (see the README): nothing the bot can empty from here.
    clearErased: async () => true,
    backup: async () => {
      throw new Error('PostgreSQL is backed up with pg_dump');
    },
    close: () => handle.pool.end(),
  };
}

/** Applies the migrations of `drizzle/pg` that the database has not seen, one instance at a time. */
export async function migrate(handle: PgHandle): Promise<void> {
  try {
    const client = await handle.pool.connect();
    try {
      // The lock is the session's: taken and released on this connection, which also runs the migrations.
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await refuseNewer(client, handle.path);
        await drizzleMigrate(drizzle(client), {
          migrationsFolder: MIGRATIONS_FOLDER,
          migrationsSchema: MIGRATIONS_SCHEMA,
          migrationsTable: MIGRATIONS_TABLE,
        });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    throw serverStorageError(error, handle.path) ?? error;
  }
}

/** A database migrated by a newer bot is left as it is: its schema may no longer be what this code expects. */
async function refuseNewer(client: pg.PoolClient, where: string): Promise<void> {
  const known = new Set(
    readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis),
  );
  const table = await client.query<{ found: string | null }>('select to_regclass($1) as found', [
    `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`,
  ]);
  if (!table.rows[0]?.found) return;
  const applied = await client.query<{ created_at: string }>(
    `select created_at from "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`,
  );
  if (applied.rows.some((row) => !known.has(Number(row.created_at)))) {
    throw new AppError('database_newer', { path: where });
  }
}
