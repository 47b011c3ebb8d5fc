// Opening the SQLite database. A file the bot cannot trust (corrupt, or migrated by a newer version of the bot) is
// inspected through a read-only connection and refused before anything is written to it: switching to WAL or
// migrating would otherwise rewrite its header and make the damage worse or the downgrade irreversible.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../core/errors.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;

export interface DatabaseHandle {
  /** The better-sqlite3 connection, for pragmas and raw transactions. */
  readonly sqlite: BetterSqlite3.Database;
  readonly db: BetterSQLite3Database<Schema>;
  /** File path, or `:memory:`. */
  readonly path: string;
}

// Resolved from this module, not from the working directory, so the bot migrates correctly wherever it is started.
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
const MIGRATIONS_TABLE = '__drizzle_migrations';
const MEMORY = ':memory:';

/** `file:PATH`, `file:///abs/path`, a bare path, or `:memory:` / `file::memory:`. */
export function databasePath(url: string): string {
  if (url === MEMORY || url === `file:${MEMORY}`) return MEMORY;
  if (url.startsWith('file://')) return fileURLToPath(url);
  return resolve(url.startsWith('file:') ? url.slice('file:'.length) : url);
}

export function openDatabase(url: string, options: { readonly?: boolean } = {}): DatabaseHandle {
  const path = databasePath(url);
  if (path !== MEMORY && existsSync(path)) inspect(path);
  if (path !== MEMORY && !options.readonly) mkdirSync(dirname(path), { recursive: true });

  const sqlite = new BetterSqlite3(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // WAL lets the scheduler, a CLI verb and the server read and write the same file at once.
    if (path !== MEMORY && !options.readonly) sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return { sqlite, db: drizzle(sqlite, { schema }), path };
}

export function closeDatabase(handle: DatabaseHandle): void {
  if (handle.sqlite.open) handle.sqlite.close();
}

/** Applies the migrations of `drizzle/` that the database has not seen; a no-op when it is up to date. */
export function migrate(handle: DatabaseHandle): void {
  const known = knownMigrations();
  const complete = () => {
    const applied = appliedMigrations(handle.sqlite);
    return [...known].every((at) => applied.includes(at));
  };
  if (appliedMigrations(handle.sqlite).some((at) => !known.has(at))) {
    throw new AppError('database_newer', { path: handle.path });
  }
  if (complete()) return;
  // Two processes starting together can both find the migrations missing: the second fails on the tables the first
  // just created, or on the lock it held. Either way, once the first is done, the database is as we want it.
  for (let attempt = 1; ; attempt++) {
    try {
      drizzleMigrate(handle.db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsTable: MIGRATIONS_TABLE });
      return;
    } catch (error) {
      if (complete()) return;
      if (attempt === 2) throw error;
    }
  }
}

/** Refuses a file that is not a sound SQLite database, or that a newer bot migrated. Writes nothing. */
function inspect(path: string): void {
  let reader: BetterSqlite3.Database | undefined;
  try {
    reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
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
