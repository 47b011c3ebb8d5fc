// A consistent copy of the database while the bot runs, through SQLite's online backup: pages are copied in steps,
// and a write by another connection in between makes SQLite start over, so the copy is always one committed state.
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { DatabaseHandle } from './database.ts';

export class BackupOntoDatabaseError extends Error {
  constructor(readonly file: string) {
    super(`${file} is the database itself`);
    this.name = 'BackupOntoDatabaseError';
  }
}

export interface BackupResult {
  file: string;
  pages: number;
}

/**
 * Writes the copy next to `target` and renames it into place once checked, so that `target` is never a half-written
 * file, even when a scheduled backup is interrupted. The copy is a single file (no WAL beside it), readable only by
 * its owner: it holds personal data.
 */
export async function backupDatabase(handle: DatabaseHandle, target: string): Promise<BackupResult> {
  const file = resolve(target);
  if (file === handle.path) throw new BackupOntoDatabaseError(file);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    const { totalPages } = await handle.sqlite.backup(partial);
    const copy = new BetterSqlite3(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    return { file, pages: totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    throw error;
  }
}
