// A disk the database cannot grow on. The bot never says "recorded" about what it did not store, says why in the log
// (a code, never the words typed), turns unready, and keeps what it had stored; `start` says it in one sentence.
// Two ways to fill the disk deterministically: SQLite's own page limit (`max_page_count`, a write needing a new page is
// refused with SQLITE_FULL) inside the test, and a file-size limit on a child process (`ulimit -f`, the WAL cannot
// grow: the write fails at commit, where a full disk makes it fail in WAL mode).
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readiness } from '../../src/cli/readiness.ts';
import type { Logger } from '../../src/core/ports.ts';
import { dashboardSecret } from '../../src/http/dashboard/secret.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { type Child, COACHING_BOT, ROOT, startChild } from '../support/child.ts';
import { exampleProgramme, openBot, TestClock } from '../support/fixtures.ts';

const RECORDED = 'Séance de coaching enregistrée pour Alice Martin';
/** A bound on the attempts: the disk is full long before. */
const ATTEMPTS = 200;

describe('a full disk, inside SQLite', () => {
  let s: SlackBot;
  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  it('/coaching log says "recorded" only for what is stored, then "not recorded: no room left"', async () => {
    const lines: { level: string; obj: object; msg?: string }[] = [];
    const at = (level: string) => (obj: object, msg?: string) =>
      lines.push({ level, obj, ...(msg ? { msg } : {}) });
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    s = await startSlackBot({ logger });
    const { sqlite } = s.bot.database;
    // The file may not grow by a single page any more.
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true })}`);
    const julien = s.slackId('julien');
    const alice = s.slackId('alice');

    const replies: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const notes = `séance ${i} : ${'notes confidentielles '.repeat(10)}`;
      const reply = await s.workspace.ask(julien, '/coaching', `log <@${alice}> 30min ${notes}`);
      replies.push(reply.text);
      if (!reply.text.includes(RECORDED)) break;
    }
    const recorded = replies.filter((text) => text.includes(RECORDED)).length;
    // How many fit depends on how full the pages were; some did, so that "none lost" means something.
    expect(recorded, replies.at(-1)).toBeGreaterThanOrEqual(1);
    expect(replies.at(-1)).toBe(
      'Votre séance de coaching n’a pas été enregistrée : le serveur du bot n’a plus de place pour écrire. Réessayez plus tard ; si cela dure, prévenez l’administrateur du bot.',
    );
    // Every "recorded" is in the database, and the refusal lost none of them.
    const stored = await s.bot.ctx.store.listCoachingSessions({});
    expect(stored.map((session) => session.notes.split(' :')[0])).toEqual(
      Array.from({ length: recorded }, (_, i) => `séance ${i}`),
    );
    expect(lines.find((l) => l.msg === 'storage: refused by the database, nothing recorded')).toMatchObject({
      level: 'error',
      obj: { action: 'coaching_log', code: 'storage_full', cause: 'SQLITE_FULL' },
    });
    expect(JSON.stringify(lines)).not.toContain('confidentielles');
    // A page may still be written (the probe's), but the bot's own writes are refused: not ready.
    const ready = await readiness({
      database: s.bot.storage,
      platforms: [],
      scheduler: () => ({ running: true, stop: async () => {} }),
      stopping: () => false,
    });
    expect(ready).toEqual({ ready: false, checks: { database: 'full', scheduler: 'ok', platforms: {} } });
  });
});

describe('a full disk, for the bot’s process', () => {
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  it('the running bot never reports a failed write as done, turns unready, and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-full-'));
    // A copy of the example: the bundled file would fill the sandbox with example weeks at start.
    const programmeFile = join(dir, 'programme.yml');
    copyFileSync(join(ROOT, 'examples/programme.yml'), programmeFile);
    const path = join(dir, 'bot.db');
    // The database as the bot left it at its last start: migrated, the programme synced, the dashboard key made.
    const programme = exampleProgramme();
    // Monday of the first check-in week, before any job of the week is due: a session today counts for it.
    const clock = new TestClock(new Date('2026-10-12T08:00:00Z'));
    const before = await openBot(`file:${path}`, programme, clock, undefined);
    await dashboardSecret(before.storage.secrets, undefined);
    before.close();

    const bot = startChild(
      ['--import', 'tsx', 'test/support/sandbox-child.ts'],
      {
        PROGRAMME_FILE: programmeFile,
        DATABASE_URL: `file:${path}`,
        HOST: '127.0.0.1',
        PORT: '0',
        // Nothing is due at start.
        CLOCK_START: clock.now().toISOString(),
      },
      // 48 KB per file: room for a few pages in the WAL, and the -shm's 32 KB.
      { fileSizeLimit: 96 },
    );
    children.push(bot);
    const [, url] = (await bot.line(/(http:\/\/127\.0\.0\.1:\d+)/)) as [string, string];
    const readyz = async () => {
      const response = await fetch(`${url}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks: { database: string } } };
    };
    const command = async (text: string) => {
      const posted = await fetch(`${url}/sandbox/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ as: 'julien', text }).toString(),
        redirect: 'manual',
      });
      expect(posted.status).toBe(303);
      return (await fetch(new URL(posted.headers.get('location') ?? '', url))).text();
    };
    expect((await readyz()).body.checks.database).toBe('ok');

    const replies: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const page = await command(`/coaching log @alice 30min séance ${i} notes confidentielles`);
      replies.push(
        page.includes(RECORDED)
          ? 'recorded'
          : (/<section id="ephemeral"[\s\S]*?<\/section>/.exec(page)?.[0] ?? page),
      );
      if (!page.includes(RECORDED)) break;
    }
    const recorded = replies.filter((r) => r === 'recorded').length;
    expect(recorded, replies.at(-1)).toBeGreaterThanOrEqual(1);
    expect(replies.at(-1)).toContain(
      'Votre séance de coaching n’a pas été enregistrée : le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.',
    );
    expect(await readyz()).toMatchObject({ status: 503, body: { checks: { database: 'unavailable' } } });
    // Tried again, refused again.
    expect(await command('/coaching log @alice 30min encore une séance')).not.toContain(RECORDED);

    const logs = bot
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.find((l) => l.msg === 'storage: refused by the database, nothing recorded')).toMatchObject({
      level: 50,
      action: 'coaching_log',
      code: 'storage_unavailable',
      cause: 'SQLITE_IOERR_WRITE',
    });
    expect(bot.stderr()).not.toContain('confidentielles');

    bot.process.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    // Everything the bot said it recorded is there once the disk has room again (no limit for this process).
    const reader = new BetterSqlite3(path, { readonly: true });
    const notes = reader.prepare('SELECT notes FROM coaching_sessions ORDER BY id').pluck().all();
    reader.close();
    expect(notes).toEqual(Array.from({ length: recorded }, (_, i) => `séance ${i} notes confidentielles`));
  }, 60_000);

  it('`start` on a full disk says so in one sentence and exits 1, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-full-'));
    const path = join(dir, 'data', 'bot.db');
    const bot = startChild(
      [...COACHING_BOT, 'start'],
      { DATABASE_URL: `file:${path}`, HOST: '127.0.0.1', PORT: '0' },
      { fileSizeLimit: 64 },
    );
    children.push(bot);
    expect((await bot.exited).code).toBe(1);
    expect(bot.stderr()).toBe(
      `L’écriture dans la base ${path} a échoué (SQLITE_IOERR_WRITE) : disque plein, quota de l’utilisateur atteint, taille de fichier limitée ou disque défaillant. Rien n’a été écrit, ce qui était déjà enregistré est intact. Libérez de la place ou réparez le disque, puis relancez.\n`,
    );
  }, 30_000);
});
