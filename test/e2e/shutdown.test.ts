// SIGTERM in the middle of a fan-out, then a restart: the real server code in a child process, a platform shared
// by both processes through a file. The message in flight is finished, the rest handed back, and after the restart
// every intrapreneur has had the prompt exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { instantAt } from '../../src/core/calendar.ts';
import { closeDatabase, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { type Child, ROOT, startChild } from '../support/child.ts';
import { readSent } from '../support/file-platform.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const WEEK = '2026-W47';
const INTRAPRENEURS = ['alice', 'camille', 'elodie', 'mehdi', 'nicolas', 'pierre'];

describe('graceful shutdown', () => {
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  function startBot(dir: string, extra: Record<string, string> = {}): Child {
    const child = startChild(['--import', 'tsx', 'test/support/serve-child.ts'], {
      PROGRAMME_FILE: join(ROOT, 'examples/programme.yml'),
      DATABASE_URL: `file:${join(dir, 'bot.db')}`,
      HOST: '127.0.0.1',
      PORT: '0',
      SENT_FILE: join(dir, 'sent.jsonl'),
      // Friday 14:05 in Paris: the week's prompts are due, and the catch-up at start sends them.
      CLOCK_START: instantAt('2026-11-20', 14, 5, 'Europe/Paris').toISOString(),
      ...extra,
    });
    children.push(child);
    return child;
  }

  async function outbox(dir: string) {
    const database = openDatabase(`file:${join(dir, 'bot.db')}`, { readonly: true });
    try {
      return await new DrizzleStore(database, exampleProgramme().key).listOutbox({
        week: WEEK,
        kind: 'prompt',
      });
    } finally {
      closeDatabase(database);
    }
  }

  it('finishes the message in flight, hands the rest back, and sends each prompt once after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-shutdown-'));
    const first = startBot(dir, { HOLD_AT: '3' });
    const [, inFlight] = await first.line(/in-flight (\S+)/);
    first.process.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toContain('"msg":"stopped"');

    // The third prompt was on its way: it reached the platform and is recorded as sent; three are back in line.
    const afterStop = readSent(join(dir, 'sent.jsonl'));
    expect(afterStop.map((m) => m.key)).toHaveLength(3);
    expect(afterStop.at(-1)?.key).toBe(inFlight);
    const stored = await outbox(dir);
    expect(stored.filter((e) => e.status === 'sent')).toHaveLength(3);
    expect(stored.filter((e) => e.status === 'pending').map((e) => e.lastError)).toEqual([
      'shutdown',
      'shutdown',
      'shutdown',
    ]);

    // Started again a minute later (each process's clock starts from CLOCK_START).
    const second = startBot(dir, {
      CLOCK_START: instantAt('2026-11-20', 14, 6, 'Europe/Paris').toISOString(),
    });
    await second.line(/écoute sur (http:\/\/\S+)/);
    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const sent = readSent(join(dir, 'sent.jsonl'));
    expect(sent.map((m) => m.to).sort()).toEqual(INTRAPRENEURS);
    expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);
    expect((await outbox(dir)).every((e) => e.status === 'sent')).toBe(true);
  });

  it('stops at once when idle, and a second start does not send anything twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-shutdown-'));
    const first = startBot(dir);
    await first.line(/écoute sur/);
    first.process.kill('SIGINT');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    const second = startBot(dir);
    await second.line(/écoute sur/);
    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(
      readSent(join(dir, 'sent.jsonl'))
        .map((m) => m.to)
        .sort(),
    ).toEqual(INTRAPRENEURS);
  });
});
