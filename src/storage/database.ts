// Opening the SQLite database. A file the bot cannot trust (corrupt, or migrated by a newer version of the bot) is
// inspected through a read-only connection and refused before anything is written to it: switching to WAL or
// migrating would otherwise rewrite its header and make the damage worse or the downgrade irreversible. A file the bot
// cannot write (its folder, its owner, an immutable flag, a read-only mount) is refused before it is opened, with a
// storage error that tells the operator what to fix rather than a stack trace at the first write.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import { databaseTarget } from '../config/database-url.ts';
import { AppError } from '../core/errors.ts';
import * as schema from './schema.ts';
import { LOCK_PATIENCE_MS, type StorageHealth, type StorageTarget, storageError } from './storage-errors.ts';

export type Schema = typeof schema;

export interface DatabaseHandle extends StorageTarget {
  /** The better-sqlite3 connection, for pragmas and raw transactions. */
  readonly sqlite: BetterSqlite3.Database;
  readonly db: BetterSQLite3Database<Schema>;
  /** File path, or `:memory:`. */
  readonly path: string;
  /** How long a write waits, in all, for a lock another process holds (`withStorage`). */
  readonly lockPatienceMs: number;
  /** The last refusal met on this connection, for `/readyz`. */
  readonly health: StorageHealth;
}

// Resolved from this module, not from the working directory, so the bot migrates correctly wherever it is started.
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
const MIGRATIONS_TABLE = '__drizzle_migrations';
const MEMORY = ':memory:';
/** SQLite's page cache per connection, 2 MB (a negative `cache_size` is in KiB). */
const CACHE_KIB = -2000;
/**
 * How long SQLite itself waits for a lock, blocking the process. Short: the longer wait for a lock held by another
 * process is `withStorage`'s, between turns of the event loop, so that requests keep being answered meanwhile.
 */
export const BUSY_TIMEOUT_MS = 20;
/**
 * Opening (turning a new file to WAL) and migrating happen before the bot serves anything: they may block while
 * another process starting at the same moment finishes doing the same.
 */
const MIGRATION_BUSY_TIMEOUT_MS = 5_000;

/** `file:PATH`, `file:///abs/path`, a bare path, or `:memory:` / `file::memory:`. Another scheme is refused. */
export function databasePath(url: string): string {
  const target = databaseTarget(url);
  if (target.kind !== 'sqlite')
    throw new AppError('database_url_unsupported', {
      scheme: 'scheme' in target ? target.scheme : target.kind,
    });
  return target.path;
}

export function openDatabase(
  url: string,
  options: { readonly?: boolean; lockPatienceMs?: number } = {},
): DatabaseHandle {
  const path = databasePath(url);
  const readonly = options.readonly ?? false;
  try {
    if (path !== MEMORY && !readonly) prepareFiles(path);
    if (path !== MEMORY && existsSync(path)) inspect(path);
    return whileBusy(() => connect(path, readonly, options.lockPatienceMs ?? LOCK_PATIENCE_MS));
  } catch (error) {
    throw storageError(error, path) ?? error;
  }
}

/**
 * Connects again while SQLite answers busy without waiting: when several processes open a new file at once, the one
 * turning it to WAL makes the others' statements fail at once rather than wait (SQLite's deadlock avoidance). Before
 * the bot serves anything, so waiting here holds nothing up; within the opening's patience.
 */
function whileBusy<T>(connecting: () => T): T {
  const until = Date.now() + MIGRATION_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return connecting();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() > until) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function connect(path: string, readonly: boolean, lockPatienceMs: number): DatabaseHandle {
  const sqlite = new BetterSqlite3(path, {
    readonly,
    fileMustExist: readonly,
    timeout: MIGRATION_BUSY_TIMEOUT_MS,
  });
  try {
    sqlite.pragma('foreign_keys = ON');
    // What is deleted or overwritten (an erased person, a corrected comment, notes past their retention) is zeroed in
    // the file, not left readable in its free space; `truncateWal` then clears the older copies the WAL still holds.
    sqlite.pragma('secure_delete = ON');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection; 2 MB is SQLite's own default. The bot's
    // large reads (an evaluation, a report) go through their pages once and the operating system caches the file
    // anyway: the larger cache bought no time in the evaluation benchmark, only memory.
    sqlite.pragma(`cache_size = ${CACHE_KIB}`);
    // WAL lets the scheduler, a CLI verb and the server read and write the same file at once.
    if (path !== MEMORY && !readonly) sqlite.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL syncs the WAL at checkpoints, not at every commit: a commit costs a write, not an fsync
    // (an evaluation makes thousands of small commits, one per message marked sent). The database stays consistent
    // whatever happens, and a crash of the process loses nothing; only a power cut or an OS crash can lose the last
    // commits, and what they held is mended as after a kill: an alert or a digest whose enqueueing is lost is raised
    // again by the next run (the keys make it once), and a message sent but no longer marked sent is found on the
    // platform (`findSent`) before it would be sent again. better-sqlite3's SQLite already opens a WAL file with
    // NORMAL, but not the connection that turns a new file to WAL: said here, it holds for every connection.
    if (path !== MEMORY && !readonly) sqlite.pragma('synchronous = NORMAL');
    // Once open, a lock held by another process is waited for by `withStorage`, between turns of the event loop.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), path, lockPatienceMs, health: {} };
}

/**
 * Creates the folder when it is missing, and refuses a path the bot could not write: a folder that is a file, a file
 * that is a folder, or a file (or its WAL, or the folder SQLite creates them in) that this user may not write.
 */
function prepareFiles(path: string): void {
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw storageError(error, path, folder) ?? error;
  }
  if (!statSync(folder).isDirectory()) {
    throw new AppError('storage_unavailable', { path, cause: 'ENOTDIR', file: folder });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new AppError('storage_unavailable', { path, cause: 'EISDIR', file: path });
  }
  const files = [path, `${path}-wal`, `${path}-shm`];
  // SQLite creates the file, its WAL and its shared memory in the folder: it must be writable unless they all exist.
  const creates = files.some((file) => !existsSync(file));
  for (const file of creates ? [folder, ...files] : files) {
    if (!existsSync(file)) continue;
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch (error) {
      throw storageError(error, path, file) ?? error;
    }
  }
}

export function closeDatabase(handle: DatabaseHandle): void {
  if (handle.sqlite.open) handle.sqlite.close();
}

/** Applies the migrations of `drizzle/` that the database has not seen; a no-op when it is up to date. */
export function migrate(handle: DatabaseHandle): void {
  try {
    migrateIfNeeded(handle);
  } catch (error) {
    throw storageError(error, handle.path) ?? error;
  }
}

function migrateIfNeeded(handle: DatabaseHandle): void {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const known = new Set(migrations.map((m) => m.folderMillis));
  const complete = () => {
    const applied = appliedMigrations(handle.sqlite);
    return [...known].every((at) => applied.includes(at));
  };
  if (appliedMigrations(handle.sqlite).some((at) => !known.has(at))) {
    throw new AppError('database_newer', { path: handle.path });
  }
  if (complete()) return;
  // Two processes starting together can both find the migrations missing: the write lock, taken before reading what
  // is applied, makes the second wait for the first and then find nothing left to do.
  handle.sqlite.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
  try {
    handle.sqlite.transaction(() => applyMigrations(handle.sqlite, migrations)).immediate();
  } finally {
    handle.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * What Drizzle's migrator does (same table, same rows), in better-sqlite3's own transaction: Drizzle's issues a
 * ROLLBACK after SQLite has already rolled back a failed commit (a full disk), and the error of that ROLLBACK hides
 * the reason the migration failed.
 */
function applyMigrations(sqlite: BetterSqlite3.Database, migrations: MigrationMeta[]): void {
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  const last = sqlite
    .prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`)
    .pluck()
    .get();
  const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
  for (const migration of migrations) {
    if (last !== undefined && Number(last) >= migration.folderMillis) continue;
    for (const statement of migration.sql) sqlite.exec(statement);
    record.run(migration.hash, migration.folderMillis);
  }
}

/**
 * Writes what the WAL holds back into the file and empties the WAL, after an erasure: the WAL keeps the pages as they
 * were before, erased words included, until a checkpoint. False when other connections kept it from completing for
 * as long as the bot waits for a lock (a read in progress still needs the old pages).
 */
export async function truncateWal(handle: DatabaseHandle): Promise<boolean> {
  if (handle.path === MEMORY) return true;
  const deadline = Date.now() + handle.lockPatienceMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 250)) {
    if (checkpoint(handle)) return true;
    if (Date.now() + delay > deadline) return false;
    await sleep(delay);
  }
}

/** True once the WAL is written back and emptied; false while other connections keep it from being so. */
function checkpoint(handle: DatabaseHandle): boolean {
  try {
    const [result] = handle.sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } catch (error) {
    const failure = storageError(error, handle.path);
    if (failure?.code === 'storage_busy') return false;
    throw failure ?? error;
  }
}

/** Refuses a file that is not a sound SQLite database, or that a newer bot migrated. Writes nothing. */
function inspect(path: string): void {
  let reader: BetterSqlite3.Database | undefined;
  try {
    reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    // The check reads every page once: a large cache would only raise the memory the bot holds from its start.
    reader.pragma(`cache_size = ${CACHE_KIB}`);
    const check = reader.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new AppError('database_corrupt', { path, detail: String(check) });
    const known = knownMigrations();
    if (appliedMigrations(reader).some((at) => !known.has(at))) {
      throw new AppError('database_newer', { path });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (!isCorruption(error)) throw error;
    throw new AppError('database_corrupt', { path, detail: (error as Error).message });
  } finally {
    reader?.close();
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

// Drizzle identifies a migration by its journal timestamp (`when`, stored as `created_at`); it decides what to apply
// by comparing those, so they are what tells a database migrated by a newer bot apart from ours.
function knownMigrations(): Set<number> {
  return new Set(readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis));
}

function appliedMigrations(sqlite: BetterSqlite3.Database): number[] {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  if (!table) return [];
  const rows = sqlite.prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}"`).all() as {
    created_at: unknown;
  }[];
  return rows.map((r) => Number(r.created_at));
}
