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
  /** The database file (or server and database), named in the operator's sentence. */
  readonly path: string;
  /** A PostgreSQL server: its refusals are read as such (`serverStorageError`). */
  readonly server?: boolean;
  readonly lockPatienceMs: number;
  /** Where the last refusal is kept, for `/readyz`. */
  readonly health?: StorageHealth;
}

/** The last time the database refused a unit of work (other than for a lock, which `/readyz` sees by itself). */
export interface StorageHealth {
  refused?: { code: StorageErrorCode; cause: string; at: number };
}

/** What `/readyz` says of the database: writable, or why not. */
export type WriteCheck = 'ok' | 'locked' | 'full' | 'read_only' | 'unavailable' | 'unreachable';

/** How long a refused write keeps the bot unready, whatever the probe's own write. */
const REFUSAL_MEMORY_MS = 30_000;

/** The check a storage error code stands for (a probe's own, or a refusal the bot met lately). */
export function writeCheckOf(code: StorageErrorCode | undefined): WriteCheck {
  switch (code) {
    case 'storage_busy':
      return 'locked';
    case 'storage_full':
      return 'full';
    case 'storage_read_only':
      return 'read_only';
    case 'storage_unavailable':
      return 'unavailable';
    default:
      return 'unreachable';
  }
}

/** After a probe's write went through: still unready while a write the bot made was refused lately. */
export function afterProbe(health: StorageHealth): WriteCheck {
  const refused = health.refused;
  return refused && Date.now() - refused.at < REFUSAL_MEMORY_MS ? writeCheckOf(refused.code) : 'ok';
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

/**
 * The storage error a PostgreSQL server's refusal stands for: SQLSTATE codes and the network's. `where` names the
 * server and database without the password; `detail` is the server's or the network's own sentence (never holding
 * the password), for the operator.
 */
export function serverStorageError(error: unknown, where: string): StorageError | undefined {
  if (isStorageError(error)) return error;
  if (error instanceof AppError) return undefined;
  const cause = errorCode(error);
  const message = error instanceof Error ? error.message : undefined;
  // node-postgres says so in words when the server did not answer in time, or the connection ended.
  const code =
    cause !== undefined
      ? SERVER_CODES[cause]
      : message !== undefined && /timeout|terminated|Connection ended|closed/i.test(message)
        ? 'storage_unavailable'
        : undefined;
  if (code === undefined) return undefined;
  return new AppError(code, {
    path: where,
    cause: cause ?? 'connection',
    server: true,
    ...(message ? { detail: message } : {}),
  }) as StorageError;
}

/** PostgreSQL's SQLSTATE codes (and the network's) that are about the database, not about the bot's query. */
const SERVER_CODES: Record<string, StorageErrorCode> = {
  '53100': 'storage_full', // disk_full
  '53200': 'storage_unavailable', // out_of_memory
  '53300': 'storage_busy', // too_many_connections: others will leave
  '40001': 'storage_busy', // serialization_failure
  '40P01': 'storage_busy', // deadlock_detected
  '55P03': 'storage_busy', // lock_not_available
  '57014': 'storage_busy', // query_canceled (statement or lock timeout)
  '25006': 'storage_read_only', // read_only_sql_transaction: a standby, or a database set read-only
  '42501': 'storage_read_only', // insufficient_privilege
  '57P01': 'storage_unavailable', // admin_shutdown
  '57P02': 'storage_unavailable', // crash_shutdown
  '57P03': 'storage_unavailable', // cannot_connect_now
  '58030': 'storage_unavailable', // io_error
  '3D000': 'storage_unavailable', // invalid_catalog_name: no such database
  '28000': 'storage_unavailable', // invalid_authorization_specification
  '28P01': 'storage_unavailable', // invalid_password
  '08000': 'storage_unavailable',
  '08001': 'storage_unavailable',
  '08003': 'storage_unavailable',
  '08004': 'storage_unavailable',
  '08006': 'storage_unavailable',
  ECONNREFUSED: 'storage_unavailable',
  ECONNRESET: 'storage_unavailable',
  ENOTFOUND: 'storage_unavailable',
  EAI_AGAIN: 'storage_unavailable',
  ETIMEDOUT: 'storage_unavailable',
  EHOSTUNREACH: 'storage_unavailable',
  ENETUNREACH: 'storage_unavailable',
  EPIPE: 'storage_unavailable',
};

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
 * Runs `work` (synchronous calls on a SQLite connection, or a PostgreSQL transaction) and, while another connection
 * holds the lock it needs, runs it again a little later, up to `lockPatienceMs` in all. Each attempt waits only
 * SQLite's short busy timeout. A failure is thrown as a storage error; a transaction that failed was rolled back, so
 * running it again is safe.
 */
export async function withStorage<T>(target: StorageTarget, work: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + target.lockPatienceMs;
  for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LONGEST_RETRY_MS)) {
    try {
      return await work();
    } catch (error) {
      const failure = target.server
        ? serverStorageError(error, target.path)
        : storageError(error, target.path);
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
