// The storage contract on every implementation, then what only a shared SQLite file can show: several connections
// and several processes claiming from the same outbox and the same job table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src/core/ports.ts';
import { closeDatabase, type DatabaseHandle, migrate, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { InMemoryStore } from '../../src/storage/memory-store.ts';
import { CONTRACT_PROGRAMME_KEY, storeContract } from './store-contract.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const T0 = new Date('2026-11-27T13:00:00Z');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'coaching-bot-store-'));
}

function openMigrated(path: string): DatabaseHandle {
  const handle = openDatabase(`file:${path}`);
  migrate(handle);
  return handle;
}

function reminders(count: number): OutboxItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `reminder:p${i}:2026-W48`,
    kind: 'reminder',
    week: '2026-W48',
    recipient: `p${i}`,
    message: { kind: 'reminder', week: '2026-W48', intrapreneur: `p${i}` },
    dueAt: T0,
  }));
}

storeContract('InMemoryStore', async () => ({ store: new InMemoryStore(), close: async () => {} }));

storeContract('DrizzleStore on a SQLite file', async () => {
  const dir = tempDir();
  const handle = openMigrated(join(dir, 'bot.db'));
  return {
    store: new DrizzleStore(handle, CONTRACT_PROGRAMME_KEY),
    close: async () => {
      closeDatabase(handle);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('DrizzleStore: an answer and its correction', () => {
  it('are stored in one write: a correction the database refuses leaves the answer as it was', async () => {
    const dir = tempDir();
    const handle = openMigrated(join(dir, 'bot.db'));
    try {
      const store = new DrizzleStore(handle, CONTRACT_PROGRAMME_KEY);
      const base = { intrapreneur: 'alice', week: '2026-W47', answeredAt: T0, updatedAt: T0 };
      await store.saveAnswer({ ...base, release: { kind: 'days', days: 0 }, answeredBy: 'alice' });
      const bad = {
        intrapreneur: 'alice',
        week: '2026-W47',
        field: 'comment' as 'release',
        after: '1' as const,
      };
      await expect(
        store.saveAnswer(
          { ...base, release: { kind: 'days', days: 1 }, answeredBy: 'claire' },
          { ...bad, before: '0', by: 'claire', at: T0 },
        ),
      ).rejects.toThrow(/CHECK constraint failed/);
      expect((await store.getAnswer('alice', '2026-W47'))?.release).toEqual({ kind: 'days', days: 0 });
      expect(await store.listCorrections({})).toEqual([]);
    } finally {
      closeDatabase(handle);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DrizzleStore: two connections to the same file', () => {
  let dir: string;
  let handles: DatabaseHandle[];

  beforeEach(() => {
    dir = tempDir();
    handles = [];
  });
  afterEach(() => {
    for (const handle of handles) closeDatabase(handle);
    rmSync(dir, { recursive: true, force: true });
  });

  function connect(): DrizzleStore {
    const handle = openMigrated(join(dir, 'bot.db'));
    handles.push(handle);
    return new DrizzleStore(handle, CONTRACT_PROGRAMME_KEY);
  }

  it('never claims the same outbox entry twice and lets one of them win each job run', async () => {
    const a = connect();
    const b = connect();
    expect(await a.enqueue(reminders(30))).toBe(30);
    expect(await b.enqueue(reminders(30))).toBe(0);

    const claimed: number[] = [];
    for (let turn = 0; turn < 20; turn++) {
      const store = turn % 2 === 0 ? a : b;
      claimed.push(...(await store.claimDue(T0, 2, 60_000)).map((e) => e.id));
    }
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(30);

    const wins = await Promise.all([
      a.claimJobRun('evaluate', '2026-W48', T0),
      b.claimJobRun('evaluate', '2026-W48', T0),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await a.listJobRuns()).toEqual(await b.listJobRuns());
  });
});

// Each child process opens the file itself, waits for "go" so that all of them start together, then tries every job run,
// and claims one entry at a time until none is left; it prints what it won. The pause after each claim stands
// for the sending: without it, the first process re-takes the write lock before the others wake from their busy wait
// and claims everything alone, which would prove nothing.
const CHILD = `
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
const { openDatabase, migrate, closeDatabase } = await import(process.env.DATABASE_MODULE);
const { DrizzleStore } = await import(process.env.STORE_MODULE);
const handle = openDatabase(process.env.DATABASE_URL);
migrate(handle);
const store = new DrizzleStore(handle, process.env.PROGRAMME_KEY);
const now = new Date(process.env.NOW);
// Warm up (module loading, statement preparation), so that no process is still starting when the others race.
await store.claimJobRun('prompt', 'warm-up-' + process.pid, now);
await store.claimDue(new Date(0), 1, 0);
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const jobs = [];
for (let week = 1; week <= 40; week++) {
  const id = '2026-W' + String(week).padStart(2, '0');
  if (await store.claimJobRun('reminder', id, now)) jobs.push(id);
  await sleep(3);
}
const claimed = [];
for (;;) {
  const batch = await store.claimDue(now, 1, 60000);
  if (batch.length === 0) break;
  claimed.push(...batch.map((e) => e.id));
  await sleep(1);
}
closeDatabase(handle);
console.log(JSON.stringify({ claimed, jobs }));
`;

interface ChildResult {
  claimed: number[];
  jobs: string[];
}

function startChild(url: string): { ready: Promise<void>; go(): void; done: Promise<ChildResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_MODULE: new URL('../../src/storage/database.ts', import.meta.url).href,
      STORE_MODULE: new URL('../../src/storage/drizzle-store.ts', import.meta.url).href,
      PROGRAMME_KEY: CONTRACT_PROGRAMME_KEY,
      NOW: T0.toISOString(),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.slice('ready\n'.length)) as ChildResult);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('DrizzleStore: several processes on the same file', { tags: ['processes'] }, () => {
  it('hands each outbox entry and each job run to exactly one process', async () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'bot.db');
      const setup = openMigrated(path);
      await new DrizzleStore(setup, CONTRACT_PROGRAMME_KEY).enqueue(reminders(120));
      closeDatabase(setup);

      const children = Array.from({ length: 4 }, () => startChild(`file:${path}`));
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.go();
      const results = await Promise.all(children.map((c) => c.done));

      const claimed = results.flatMap((r) => r.claimed);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed).toHaveLength(120);
      const jobs = results.flatMap((r) => r.jobs);
      expect(new Set(jobs).size).toBe(jobs.length);
      expect(jobs).toHaveLength(40);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
