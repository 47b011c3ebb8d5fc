// Whether a write can be made now, for `/readyz`, on PostgreSQL: a reachable server may still refuse writes (a
// standby after a failover, a database set read-only, a full disk, a lock held too long). The probe writes one row in
// a transaction it then rolls back: the write is made and checked, nothing stays. A write of the bot refused a moment
// ago counts too, as on SQLite.
import { randomBytes } from 'node:crypto';
import { afterProbe, serverStorageError, type WriteCheck, writeCheckOf } from '../storage-errors.ts';
import type { PgHandle } from './handle.ts';

/** A probe must answer before the prober gives up on it. */
const PROBE_TIMEOUT_MS = 1_000;

export async function probeWrite(handle: PgHandle): Promise<WriteCheck> {
  if (handle.pool.ending || handle.pool.ended) return 'unreachable';
  try {
    const client = await handle.pool.connect();
    try {
      await client.query('begin');
      try {
        await client.query(`set local lock_timeout = ${PROBE_TIMEOUT_MS}`);
        await client.query(`set local statement_timeout = ${PROBE_TIMEOUT_MS}`);
        await client.query('insert into inbound_deliveries (key, held_until) values ($1, now())', [
          `readyz:${randomBytes(8).toString('hex')}`,
        ]);
      } finally {
        await client.query('rollback');
      }
    } finally {
      client.release();
    }
  } catch (error) {
    return writeCheckOf(serverStorageError(error, handle.path)?.code);
  }
  return afterProbe(handle.health);
}
