// Databases on the test PostgreSQL server (`postgres-server.ts`): each call makes a new, empty one, so that test files
// and tests never see one another's rows, however they run side by side.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The URL of a new, empty database on the test server. */
export async function newPostgresDatabase(label = 'test'): Promise<string> {
  const admin = inject('postgresAdminUrl');
  const name =
    `cb_${label.replace(/[^a-z0-9]/gi, '_').slice(0, 20)}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
