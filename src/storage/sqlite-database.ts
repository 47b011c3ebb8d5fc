// The `Database` of `storage.ts` over a SQLite file: better-sqlite3 is synchronous, so each call is one unit of work
// run by `withStorage`, which waits between turns of the event loop for a lock another process holds.
import { backupDatabase } from './backup.ts';
import { closeDatabase, type DatabaseHandle, migrate, openDatabase, truncateWal } from './database.ts';
import { erasePerson, findPersonData } from './privacy.ts';
import { sqlitePorts } from './sqlite-storage.ts';
import { withStorage } from './storage-errors.ts';
import type { Database } from './storage-types.ts';
import { probeWrite } from './write-probe.ts';

export function connectSqlite(url: string): Database {
  return sqliteDatabase(openDatabase(url));
}

/** A `Database` over a connection already open (tests reach its handle for what only SQLite can show). */
export function sqliteDatabase(handle: DatabaseHandle): Database & { handle: DatabaseHandle } {
  return {
    kind: 'sqlite',
    where: handle.path,
    handle,
    migrate: async () => migrate(handle),
    ports: (programmeKey, instance) => sqlitePorts(handle, programmeKey, instance),
    probe: () => probeWrite(handle),
    findPersonData: (programmeKey, person) =>
      withStorage(handle, () => findPersonData(handle, programmeKey, person)),
    erasePerson: (programmeKey, person, at) =>
      withStorage(handle, () => erasePerson(handle, programmeKey, person, at)),
    clearErased: () => truncateWal(handle),
    backup: (file) => backupDatabase(handle, file),
    close: async () => closeDatabase(handle),
  };
}
