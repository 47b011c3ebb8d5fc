// A PostgreSQL connection pool as the modules of this folder use it (opened by database.ts).
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { StorageHealth, StorageTarget } from '../storage-errors.ts';
import type * as schema from './schema.ts';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PgHandle extends StorageTarget {
  readonly pool: pg.Pool;
  readonly db: PgDb;
  /** The server and database, without the password. */
  readonly path: string;
  readonly server: true;
  readonly lockPatienceMs: number;
  readonly health: StorageHealth;
}
