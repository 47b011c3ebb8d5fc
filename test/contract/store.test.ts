// The storage contract on every implementation, then what only a shared database can show, on SQLite and on
// PostgreSQL: several instances and several processes claiming from the same outbox and the same job table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItem, Store } from '../../src/core/ports.ts';
import { closeDatabase, type DatabaseHandle, migrate, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { InMemoryStore } from '../../src/storage/memory-store.ts';
import { connectDatabase, openStorage, type Storage } from '../../src/storage/storage.ts';
import { newPostgresDatabase } from '../support/postgres.ts';
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

storeContract('PgStore on PostgreSQL', async () => {
  const database = await connectDatabase(await newPostgresDatabase('contract'));
  await database.migrate();
  return {
    store: database.ports(CONTRACT_PROGRAMME_KEY, 'contract').store,
    close: () => database.close(),
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

/** Where several connections meet: a fresh SQLite file, or a fresh PostgreSQL database. */
const SHARED: { name: string; url: () => Promise<string> }[] = [
  { name: 'one SQLite file', url: async () => `file:${join(tempDir(), 'bot.db')}` },
  { name: 'one PostgreSQL database', url: () => newPostgresDatabase('shared') },
];

for (const shared of SHARED) {
  describe(`Several instances on ${shared.name}`, () => {
    let url: string;
    let opened: Storage[];

    beforeEach(async () => {
      url = await shared.url();
      opened = [];
    });
    afterEach(async () => {
      for (const storage of opened) await storage.close();
    });

    async function instance(name: string): Promise<Store> {
      const storage = await openStorage(url, { programmeKey: CONTRACT_PROGRAMME_KEY, instance: name });
      opened.push(storage);
      return storage.store;
    }

    it('never claims the same outbox entry twice and lets one of them win each job run', async () => {
      const a = await instance('a');
      const b = await instance('b');
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
        a.claimJobRun('evaluate', '2026-W48', T0, new Date(T0.getTime() + 60_000)),
        b.claimJobRun('evaluate', '2026-W48', T0, new Date(T0.getTime() + 60_000)),
      ]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await a.listJobRuns()).toEqual(await b.listJobRuns());
    });

    it('lets only the instance that holds a claim mark it, once another took it over after its lease', async () => {
      const a = await instance('a');
      const b = await instance('b');
      await a.enqueue(reminders(2));
      const [first, second] = await a.claimDue(T0, 2, 60_000);
      if (!first || !second) throw new Error('nothing claimed');
      // `a` stalls past the lease: `b` takes both over, uncertain.
      const later = new Date(T0.getTime() + 60_000);
      expect((await b.claimDue(later, 10, 60_000)).map((e) => [e.id, e.uncertain])).toEqual([
        [first.id, true],
        [second.id, true],
      ]);
      // `a` wakes up: none of its marks count any more.
      const sent = { platform: 'slack', ref: 'D1/1.0' };
      expect(await a.markSent([{ id: first.id, sent, at: later }])).toBe(0);
      expect(await a.markRetry(second.id, later, 'ratelimited')).toBe(false);
      expect(await a.markFailed(second.id, 'channel_not_found', later)).toBe(false);
      expect((await b.listOutbox({})).map((e) => e.status)).toEqual(['sending', 'sending']);
      // `b`'s own marks do.
      expect(await b.markSent([{ id: first.id, sent, at: later }])).toBe(1);
      expect(await b.markRetry(second.id, later, 'ratelimited')).toBe(true);
      expect((await a.listOutbox({})).map((e) => [e.status, e.sent?.ref])).toEqual([
        ['sent', 'D1/1.0'],
        ['pending', undefined],
      ]);
    });

    it('lets another instance take over a run whose instance died, and only the new holder finish it', async () => {
      const a = await instance('a');
      const b = await instance('b');
      const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
      expect(await a.claimJobRun('prompt', '2026-W48', T0, minutes(5))).toBe(true);
      expect(await b.claimJobRun('prompt', '2026-W48', minutes(1), minutes(6))).toBe(false);
      // `b` cannot move `a`'s lease, nor finish `a`'s run.
      expect(await b.holdJobRun('prompt', '2026-W48', minutes(1))).toBe(false);
      expect(await b.finishJobRun('prompt', '2026-W48', minutes(1))).toBe(false);
      // `a` died: past its lease, `b` takes the run over, and `a`'s late word changes nothing.
      expect(await b.claimJobRun('prompt', '2026-W48', minutes(5), minutes(10))).toBe(true);
      expect(await a.holdJobRun('prompt', '2026-W48', minutes(20))).toBe(false);
      expect(await a.finishJobRun('prompt', '2026-W48', minutes(6))).toBe(false);
      expect(await b.finishJobRun('prompt', '2026-W48', minutes(7))).toBe(true);
      expect(await a.listJobRuns()).toEqual([
        { job: 'prompt', week: '2026-W48', at: minutes(5), finishedAt: minutes(7) },
      ]);
    });

    it('lets one instance hold a lease at a time, until it gives it back or lets it lapse', async () => {
      const [a, b] = [await instance('a'), await instance('b')];
      const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
      // Both ask at the same moment: one gets it.
      const first = await Promise.all([
        a.takeLease('outbox-sender', T0, seconds(30)),
        b.takeLease('outbox-sender', T0, seconds(30)),
      ]);
      expect(first.filter(Boolean)).toHaveLength(1);
      const [holder, other] = first[0] ? [a, b] : [b, a];
      // Renewed by its holder; the other can neither take it nor give it back.
      expect(await holder.takeLease('outbox-sender', seconds(20), seconds(50))).toBe(true);
      expect(await other.takeLease('outbox-sender', seconds(40), seconds(70))).toBe(false);
      expect(await other.releaseLease('outbox-sender')).toBe(false);
      // The holder went silent: once its lease is over, the other takes it, and the first cannot renew it.
      expect(await other.takeLease('outbox-sender', seconds(50), seconds(80))).toBe(true);
      expect(await holder.takeLease('outbox-sender', seconds(51), seconds(81))).toBe(false);
      expect(await holder.releaseLease('outbox-sender')).toBe(false);
      // Given back: free at once, long before its end.
      expect(await other.releaseLease('outbox-sender')).toBe(true);
      expect(await holder.takeLease('outbox-sender', seconds(52), seconds(82))).toBe(true);
    });

    it('hands each outbox entry and each job run to exactly one process', async () => {
      const setup = await instance('setup');
      await setup.enqueue(reminders(120));

      const children = Array.from({ length: 4 }, () => startChild(url));
      await Promise.all(children.map((c) => c.ready));
      for (const child of children) child.go();
      const results = await Promise.all(children.map((c) => c.done));

      const claimed = results.flatMap((r) => r.claimed);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed).toHaveLength(120);
      const jobs = results.flatMap((r) => r.jobs);
      expect(new Set(jobs).size).toBe(jobs.length);
      expect(jobs).toHaveLength(40);
    }, 60_000);
  });
}

// Each child process opens the database itself, waits for "go" so that all of them start together, then tries every
// job run, and claims one entry at a time until none is left; it prints what it won. The pause after each claim
// stands for the sending: without it, the first process re-takes SQLite's write lock before the others wake from
// their busy wait and claims everything alone, which would prove nothing.
const CHILD = `
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
const { openStorage } = await import(process.env.STORAGE_MODULE);
const storage = await openStorage(process.env.DATABASE_URL, { programmeKey: process.env.PROGRAMME_KEY });
const store = storage.store;
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
await storage.close();
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
      STORAGE_MODULE: new URL('../../src/storage/storage.ts', import.meta.url).href,
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
