// Whether a write can be made now, for `/readyz`. Reading says nothing of a full disk, a file turned read-only or a
// write lock held by another process: the probe takes the write lock without SQLite's busy wait (a lock held elsewhere
// is waited for briefly between turns of the event loop), writes one page and commits it. The page is the header's
// `user_version`, written with the value it already has: the WAL grows by a page, nothing else changes. A page may
// still fit where the bot's own writes, of several pages, no longer do: a write of the bot refused a moment ago
// counts too.
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseHandle } from './database.ts';
import { afterProbe, storageError, type WriteCheck, withStorage, writeCheckOf } from './storage-errors.ts';

export type { WriteCheck };

/** A probe must answer before the prober gives up on it; a lock held longer than this is reported as such. */
const PROBE_PATIENCE_MS = 1_000;

export async function probeWrite(handle: DatabaseHandle): Promise<WriteCheck> {
  if (!handle.sqlite.open) return 'unreachable';
  try {
    const probe = { path: handle.path, lockPatienceMs: PROBE_PATIENCE_MS };
    await withStorage(probe, () => writeOnePage(handle.sqlite));
  } catch (error) {
    return writeCheckOf(storageError(error, handle.path)?.code);
  }
  return afterProbe(handle.health);
}

function writeOnePage(sqlite: BetterSqlite3.Database): void {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const version = sqlite.pragma('user_version', { simple: true }) as number;
      sqlite.pragma(`user_version = ${version}`);
      sqlite.exec('COMMIT');
    } finally {
      // A commit that failed on a full disk is rolled back by SQLite; one that found the database busy is not.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    }
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}
