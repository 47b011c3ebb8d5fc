// Another process holding SQLite's write lock (a backup, a long CLI verb), played by a second connection to the file:
// SQLite locks connections of one process against each other as it locks processes.
import BetterSqlite3 from 'better-sqlite3';

export interface WriteLock {
  release(): void;
}

export function holdWriteLock(path: string): WriteLock {
  const other = new BetterSqlite3(path);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      if (!other.open) return;
      other.exec('ROLLBACK');
      other.close();
    },
  };
}
