// A real programme, a real SQLite file, a clock the test moves.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppContext, silentLogger } from '../../src/app/context.ts';
import { loadProgrammeFile } from '../../src/config/programme-file.ts';
import { instantAt } from '../../src/core/calendar.ts';
import type { ChatPort, Clock } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { closeDatabase, type DatabaseHandle, migrate, openDatabase } from '../../src/storage/database.ts';
import { sqliteDatabase } from '../../src/storage/sqlite-database.ts';
import type { StoragePorts, WriteCheck } from '../../src/storage/storage.ts';

export function exampleProgramme(): Programme {
  const load = loadProgrammeFile(join(import.meta.dirname, '../../examples/programme.yml'));
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return load.programme;
}

export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  /** Sets the clock to a wall time in Paris. */
  setParis(date: string, hour: number, minute = 0): void {
    this.current = instantAt(date, hour, minute, 'Europe/Paris');
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function tempDatabaseUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), 'coaching-bot-')), 'bot.db')}`;
}

export interface TestBot {
  ctx: AppContext;
  /** The SQLite connection, for what only the file can show. */
  database: DatabaseHandle;
  /** The storage's ports over that connection, as `openStorage` gives them. */
  storage: StoragePorts & { probe(): Promise<WriteCheck> };
  close(): void;
}

let instances = 0;

/** A context over its own connection to `url`: two of them on one file behave like two processes. */
export async function openBot(
  url: string,
  programme: Programme,
  clock: Clock,
  chat: ChatPort | undefined,
): Promise<TestBot> {
  const database = openDatabase(url);
  migrate(database);
  const sqlite = sqliteDatabase(database);
  const storage = { ...sqlite.ports(programme.key, `test-${++instances}`), probe: () => sqlite.probe() };
  const store = storage.store;
  await store.syncProgramme(programme, clock.now());
  const ctx: AppContext = { programme, store, clock, logger: silentLogger, ...(chat ? { chat } : {}) };
  return { ctx, database, storage, close: () => closeDatabase(database) };
}
