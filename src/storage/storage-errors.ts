// When the database refuses. SQLite's and the file system's error codes become the bot's storage errors (a stable code
// the platforms turn into "not recorded", the CLI into what to do). And the wait for a write lock that another process
// holds (a backup, a CLI verb) is done here, between turns of the event loop: inside SQLite's busy handler it would
// stop the whole process, Slack's acknowledgements included, for as long as it waits.
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isStorageError, type StorageError, type StorageErrorCode } from '../core/errors.ts';

/** How long a unit of work waits, in all, for a write lock held elsewhere before the person is told to try again. */
export const LOCK_PATIENCE_MS = 5_000;
const FIRST_RETRY_MS = 10;
const LONGEST_RETRY_MS = 250;

export interface StorageTarget {
  /** The database file, named in the operator's sentence. */
  readonly path: string;
  readonly lockPatienceMs: number;
  /** Where the last refusal is kept, for `/readyz`. */
  readonly health?: StorageHealth;
}

/** The last time the database refused a unit of work (other than for a lock, which `/readyz` sees by itself). */
export interface StorageHealth {
  refused?: { code: StorageErrorCode; cause: string; at: number };
}

/** The storage error `error` stands for, or undefined when it is something else (a bug, a constraint). */
export function storageError(error: unknown, path: string, file?: string): StorageError | undefined {
  if (isStorageError(error)) return error;
  if (error instanceof AppError) return undefined;
  const cause = errorCode(error);
  const code = cause === undefined ? undefined : storageCode(cause);
  return code === undefined
    ? undefined
    : (new AppError(code, { path, cause, ...(file ? { file } : {}) }) as StorageError);
}

/** SQLite's or the system's code, also when Drizzle wrapped the error (`cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    e = cause;
  }
  return undefined;
}

function storageCode(cause: string): StorageErrorCode | undefined {
  // SQLite reports a short write as SQLITE_FULL; a quota or a file-size limit can also end as SQLITE_IOERR_WRITE.
  if (cause === 'SQLITE_FULL' || cause === 'ENOSPC' || cause === 'EDQUOT') return 'storage_full';
  if (cause.startsWith('SQLITE_BUSY') || cause.startsWith('SQLITE_LOCKED')) return 'storage_busy';
  if (cause.startsWith('SQLITE_READONLY') || cause === 'SQLITE_PERM') return 'storage_read_only';
  if (cause === 'EACCES' || cause === 'EPERM' || cause === 'EROFS') return 'storage_read_only';
  if (cause.startsWith('SQLITE_IOERR') || cause.startsWith('SQLITE_CANTOPEN') || cause === 'SQLITE_NOLFS') {
    return 'storage_unavailable';
  }
  if (cause === 'EIO' || cause === 'ENOTDIR' || cause === 'EISDIR' || cause === 'EEXIST')
    return 'storage_unavailable';
  return undefined;
}

/**
 * Runs `work` (synchronous calls on the connection) and, while another connection holds the write lock, runs it again
 * a little later, up to `lockPatienceMs` in all. Each attempt waits only SQLite's short busy timeout. A failure is
 * thrown as a storage error; a transaction that failed was rolled back by SQLite, so running it again is safe.
 */
export async function withStorage<T>(target: StorageTarget, work: () => T): Promise<T> {
  const deadline = Date.now() + target.lockPatienceMs;
  for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LONGEST_RETRY_MS)) {
    try {
      return work();
    } catch (error) {
      const failure = storageError(error, target.path);
      const left = deadline - Date.now();
      if (failure?.code !== 'storage_busy' || left <= 0) {
        if (failure && failure.code !== 'storage_busy' && target.health) {
          target.health.refused = { code: failure.code, cause: String(failure.params.cause), at: Date.now() };
        }
        throw failure ?? error;
      }
      await sleep(Math.min(delay, left));
    }
  }
}
