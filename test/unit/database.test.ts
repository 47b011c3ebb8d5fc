// Opening and migrating the SQLite file, and refusing the files the bot must not touch.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Programme } from '../../src/core/programme.ts';
import {
  closeDatabase,
  type DatabaseHandle,
  databasePath,
  migrate,
  openDatabase,
} from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { contractProgramme } from '../contract/store-contract.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TABLES = [
  'alerts',
  'bot_secrets',
  'checkins',
  'coaching_sessions',
  'corrections',
  'evaluations',
  'inbound_deliveries',
  'intrapreneurs',
  'job_runs',
  'leases',
  'outbox',
  'people',
  'programmes',
  'projects',
  'sandbox_messages',
];
const T0 = new Date('2026-11-27T13:00:00Z');

let dir: string;
let handles: DatabaseHandle[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coaching-bot-db-'));
  handles = [];
});
afterEach(() => {
  for (const handle of handles) closeDatabase(handle);
  rmSync(dir, { recursive: true, force: true });
});

function open(path: string, options?: { readonly?: boolean }): DatabaseHandle {
  const handle = openDatabase(`file:${path}`, options);
  handles.push(handle);
  return handle;
}

function tables(handle: DatabaseHandle): string[] {
  const rows = handle.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function refusal(action: () => unknown): { code?: unknown; params?: unknown } {
  try {
    action();
  } catch (error) {
    return error as { code?: unknown; params?: unknown };
  }
  throw new Error('expected the database to be refused');
}

describe('openDatabase and migrate', () => {
  it('creates the parent folder and every table on a fresh file', () => {
    const path = join(dir, 'nested', 'data', 'bot.db');
    const handle = open(path);
    migrate(handle);
    expect(existsSync(path)).toBe(true);
    expect(tables(handle)).toEqual(['__drizzle_migrations', ...TABLES]);
  });

  it('runs in WAL mode with a short busy timeout, foreign keys and secure deletion on', () => {
    const handle = open(join(dir, 'bot.db'));
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // SQLite's own wait blocks the process: the longer wait for a lock is `withStorage`'s, asynchronous.
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(20);
    expect(handle.lockPatienceMs).toBe(5000);
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('does nothing when migrated again, in the same connection or a later one', async () => {
    const path = join(dir, 'bot.db');
    const first = open(path);
    migrate(first);
    await new DrizzleStore(first, 'hdf').markEvaluated('2026-W48', T0);
    migrate(first);
    closeDatabase(first);

    const second = open(path);
    migrate(second);
    const journal = JSON.parse(readFileSync(join(ROOT, 'drizzle/meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: journal.entries.length,
    });
    expect(await new DrizzleStore(second, 'hdf').isEvaluated('2026-W48')).toBe(true);
  });

  it('migrates a fresh file from several processes starting at once', {
    tags: ['processes'],
    timeout: 60_000,
  }, async () => {
    const path = join(dir, 'bot.db');
    const child = `
      const { openDatabase, migrate, closeDatabase } = await import(process.env.DATABASE_MODULE);
      const handle = openDatabase(process.env.DATABASE_URL);
      migrate(handle);
      closeDatabase(handle);
    `;
    const runs = Array.from(
      { length: 4 },
      () =>
        new Promise<string>((done, fail) => {
          const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
            cwd: ROOT,
            env: {
              ...process.env,
              DATABASE_URL: `file:${path}`,
              DATABASE_MODULE: new URL('../../src/storage/database.ts', import.meta.url).href,
            },
          });
          let stderr = '';
          proc.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          proc.on('error', fail);
          proc.on('close', (code) => done(code === 0 ? 'ok' : stderr));
        }),
    );
    expect(await Promise.all(runs)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const handle = open(path);
    expect(tables(handle)).toEqual(['__drizzle_migrations', ...TABLES]);
    const migrations = readFileSync(join(ROOT, 'drizzle/meta/_journal.json'), 'utf8').match(/"tag"/g)?.length;
    expect(handle.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({
      n: migrations,
    });
  });

  it('opens read-only without writing', () => {
    const path = join(dir, 'bot.db');
    migrate(open(path));
    const reader = open(path, { readonly: true });
    expect(tables(reader)).toContain('outbox');
    expect(() =>
      reader.sqlite.exec("INSERT INTO programmes (key, name, created_at) VALUES ('x', 'x', 0)"),
    ).toThrow();
  });

  it('understands file: URLs, bare paths and memory', () => {
    expect(databasePath('file:./data/bot.db')).toBe(resolve('data/bot.db'));
    expect(databasePath('data/bot.db')).toBe(resolve('data/bot.db'));
    expect(databasePath(pathToFileURL('/var/lib/bot.db').href)).toBe('/var/lib/bot.db');
    expect(databasePath('file::memory:')).toBe(':memory:');
    const memory = openDatabase(':memory:');
    handles.push(memory);
    migrate(memory);
    expect(tables(memory)).toEqual(['__drizzle_migrations', ...TABLES]);
  });
});

describe('files the bot refuses', () => {
  it.each([
    ['a text file', () => Buffer.from('programme:\n  name: not a database\n'.repeat(200))],
    ['random bytes', () => randomBytes(16_384)],
  ])('refuses %s as corrupt and leaves it as it was', (_name, content) => {
    const path = join(dir, 'bot.db');
    writeFileSync(path, content());
    const before = sha256(path);
    expect(refusal(() => openDatabase(`file:${path}`))).toMatchObject({
      code: 'database_corrupt',
      params: { path },
    });
    expect(sha256(path)).toBe(before);
  });

  it('refuses a database whose pages are damaged, and leaves it as it was', () => {
    const path = join(dir, 'bot.db');
    const raw = new BetterSqlite3(path);
    raw.exec('CREATE TABLE notes (body TEXT)');
    const insert = raw.prepare('INSERT INTO notes VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run('x'.repeat(200));
    })();
    raw.close();
    const bytes = readFileSync(path);
    randomBytes(4096).copy(bytes, 4096 * 3);
    writeFileSync(path, bytes);
    const before = sha256(path);
    expect(refusal(() => openDatabase(`file:${path}`))).toMatchObject({ code: 'database_corrupt' });
    expect(sha256(path)).toBe(before);
  });

  it('refuses a database migrated by a newer version of the bot, and leaves it as it was', () => {
    const path = join(dir, 'bot.db');
    const handle = open(path);
    migrate(handle);
    // What a later release would have added: a migration our journal does not know.
    handle.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('f'.repeat(64), Date.now() + 86_400_000);
    closeDatabase(handle);
    const before = sha256(path);

    expect(refusal(() => openDatabase(`file:${path}`))).toMatchObject({
      code: 'database_newer',
      params: { path },
    });
    expect(refusal(() => openDatabase(`file:${path}`, { readonly: true }))).toMatchObject({
      code: 'database_newer',
    });
    expect(sha256(path)).toBe(before);
  });

  it('refuses to migrate an open database that a newer bot migrated meanwhile', () => {
    const handle = open(':memory:');
    migrate(handle);
    handle.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f', 1);
    expect(refusal(() => migrate(handle))).toMatchObject({ code: 'database_newer' });
  });
});

describe('several programmes in one database', () => {
  // The same person and project ids in both files: each programme has its own.
  const programme = (key: string, name: string): Programme =>
    contractProgramme((p) => {
      p.key = key;
      p.name = name;
      p.people = p.people.map((person) => ({ ...person, name: `${person.name} (${name})` }));
    });

  it('keeps each programme to its own rows, even with the same ids and keys', async () => {
    const handle = open(join(dir, 'bot.db'));
    migrate(handle);
    const first = new DrizzleStore(handle, 'hauts-de-france');
    const second = new DrizzleStore(handle, 'occitanie');

    await first.syncProgramme(programme('hauts-de-france', 'HdF'), T0);
    expect((await second.syncProgramme(programme('occitanie', 'Occ'), T0)).people.added).toBe(5);
    await first.saveAnswer({
      intrapreneur: 'alice',
      week: '2026-W48',
      answeredBy: 'alice',
      answeredAt: T0,
      updatedAt: T0,
    });
    await first.addCoachingSession({
      intrapreneur: 'alice',
      loggedBy: 'claire',
      date: '2026-11-24',
      notes: 'x',
      loggedAt: T0,
    });
    await first.recordAlert(
      {
        kind: 'no_answer',
        intrapreneur: 'alice',
        week: '2026-W48',
        recipients: ['claire'],
        reason: { required: 1 },
      },
      T0,
    );
    await first.markEvaluated('2026-W48', T0);
    const message = { kind: 'reminder', week: '2026-W48', intrapreneur: 'alice' } as const;
    const item = {
      key: 'reminder:alice:2026-W48',
      kind: 'reminder',
      week: '2026-W48',
      recipient: 'alice',
      message,
      dueAt: T0,
    } as const;
    await first.enqueue([item]);
    await first.claimJobRun('prompt', '2026-W48', T0);

    expect(await second.getAnswer('alice', '2026-W48')).toBeUndefined();
    expect(await second.listAnswers({ from: '2026-W01', to: '2026-W53' })).toEqual([]);
    expect(await second.listCoachingSessions({})).toEqual([]);
    expect(await second.listAlerts({})).toEqual([]);
    expect(await second.isEvaluated('2026-W48')).toBe(false);
    expect(await second.claimDue(T0, 10, 60_000)).toEqual([]);
    expect(await second.listJobRuns()).toEqual([]);
    // The same keys are free in the other programme.
    expect(await second.enqueue([item])).toBe(1);
    expect(await second.claimJobRun('prompt', '2026-W48', T0)).toBe(true);
    expect(await second.markEvaluated('2026-W48', T0)).toBe(true);

    // An id from the other programme changes nothing here.
    const [theirs] = await first.claimDue(T0, 1, 60_000);
    expect(theirs?.key).toBe('reminder:alice:2026-W48');
    await second.markFailed(theirs?.id ?? 0, 'wrong programme', T0);
    expect((await first.listOutbox({}))[0]?.status).toBe('sending');

    // Leaving one file does not deactivate anyone in the other.
    await first.syncProgramme({ ...programme('hauts-de-france', 'HdF'), people: [], projects: [] }, T0);
    expect(await first.activePeople()).toEqual([]);
    expect(await second.activePeople()).toEqual(['alice', 'bob', 'claire', 'marc', 'nora']);
  });

  it('refuses to sync another programme than its own', async () => {
    const handle = open(join(dir, 'bot.db'));
    migrate(handle);
    await expect(
      new DrizzleStore(handle, 'hauts-de-france').syncProgramme(programme('occitanie', 'Occ'), T0),
    ).rejects.toThrow(/occitanie/);
  });
});
