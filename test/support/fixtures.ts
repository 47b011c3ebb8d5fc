// A real programme, a real SQLite file, a clock the test moves.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppContext, silentLogger } from '../../src/app/context.ts';
import type { DashboardLinks } from '../../src/app/dashboard-link.ts';
import { loadProgrammeFile } from '../../src/config/programme-file.ts';
import { instantAt } from '../../src/core/calendar.ts';
import type { ChatPort, Clock, Logger, Store } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import type { Platform, PlatformDeps, PlatformOutbound } from '../../src/platforms/platform.ts';
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
  readonly ctx: AppContext;
  /** The SQLite connection, for what only the file can show. */
  database: DatabaseHandle;
  /** The storage's ports over that connection, as `openStorage` gives them. */
  storage: StoragePorts & { probe(): Promise<WriteCheck> };
  close(): void;
}

let instances = 0;

/** What a test may give its bot's context besides the programme, the clock and the chat port. */
export interface BotOptions {
  logger?: Logger;
  publicUrl?: string;
  /** The store, made over the bot's database (one whose calls a test counts, say); the storage's own by default. */
  store?: (database: DatabaseHandle, programme: Programme) => Store;
  /** How `/phase dashboard` signs links, from the bot's storage (see `dashboardLinks`). */
  dashboard?: (storage: TestStorage) => DashboardLinks | Promise<DashboardLinks>;
}

type TestStorage = TestBot['storage'];

/** A connection to `url`, migrated, and the storage's ports over it for `programme` (one test instance each). */
function openTestStorage(
  url: string,
  programme: Programme,
): { database: DatabaseHandle; storage: TestStorage } {
  const database = openDatabase(url);
  migrate(database);
  const sqlite = sqliteDatabase(database);
  const storage = { ...sqlite.ports(programme.key, `test-${++instances}`), probe: () => sqlite.probe() };
  return { database, storage };
}

/** The context over an open storage, built once and complete as the composition root builds it. */
async function botOver(
  opened: { database: DatabaseHandle; storage: TestStorage },
  programme: Programme,
  clock: Clock,
  chat: ChatPort | undefined,
  options: BotOptions,
): Promise<TestBot> {
  const { database, storage } = opened;
  const store = options.store?.(database, programme) ?? storage.store;
  await store.syncProgramme(programme, clock.now());
  const dashboard = options.dashboard ? await options.dashboard(storage) : undefined;
  const ctx: AppContext = Object.freeze({
    programme,
    store,
    clock,
    logger: options.logger ?? silentLogger,
    ...(chat ? { chat } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(dashboard ? { dashboard } : {}),
  });
  return { ctx, database, storage, close: () => closeDatabase(database) };
}

/**
 * A context over its own connection to `url`: two of them on one file behave like two processes. Built once,
 * complete, as the composition root builds it; a test that needs another context builds another.
 */
export async function openBot(
  url: string,
  programme: Programme,
  clock: Clock,
  chat: ChatPort | undefined,
  options: BotOptions = {},
): Promise<TestBot> {
  return botOver(openTestStorage(url, programme), programme, clock, chat, options);
}

/**
 * A bot on one platform, wired as src/runtime.ts wires the real one: the platform's outbound half, the context that
 * holds its chat port, then the whole platform over that context.
 */
export async function openBotOn<P extends Platform>(
  url: string,
  programme: Programme,
  clock: Clock,
  outbound: (deps: PlatformDeps) => PlatformOutbound<P>,
  options: BotOptions = {},
): Promise<{ bot: TestBot; platform: P }> {
  const opened = openTestStorage(url, programme);
  const half = outbound({
    programme,
    clock,
    logger: options.logger ?? silentLogger,
    storage: opened.storage,
  });
  const bot = await botOver(opened, programme, clock, half.chat, options);
  return { bot, platform: half.attach(bot.ctx) };
}

/** A platform's dependencies from a bot's context and storage (`extra` replaces some, e.g. another programme). */
export function depsOf(bot: TestBot, extra: Partial<PlatformDeps> = {}): PlatformDeps {
  return { ...bot.ctx, storage: bot.storage, ...extra };
}
