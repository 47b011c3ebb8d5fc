// `coaching-bot backup FILE` while the bot writes: the copy is one committed state of the database, opens on its own,
// and restoring it (copy it back, start) gives the bot its data back.
import { copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import type { ChatPort, Delivery, SentMessage } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { backupDatabase } from '../../src/storage/backup.ts';
import { closeDatabase, databasePath, openDatabase } from '../../src/storage/database.ts';
import { ROOT } from '../support/child.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const WEEK = '2026-W47';
const COHORT = 150;

/** The example programme with many more intrapreneurs, so that a fan-out lasts long enough to back up during it. */
function largeProgramme(): Programme {
  const base = exampleProgramme();
  const extra = Array.from({ length: COHORT }, (_, i) => `agent${i}`);
  return {
    ...base,
    people: [...base.people, ...extra.map((id) => ({ id, name: `Agent ${id}`, email: `${id}@example.org` }))],
    projects: [
      ...base.projects,
      ...extra.map((id) => ({
        id: `projet-${id}`,
        name: `Projet ${id}`,
        coach: 'julien',
        status: 'pre_incubation' as const,
        intrapreneurs: [{ person: id, manager: 'isabelle' }],
      })),
    ],
  };
}

/** A platform that takes a turn of the event loop per message, and lets the test act at the n-th one. */
class SlowChat implements ChatPort {
  readonly platform = 'slow';
  sent = 0;
  constructor(private readonly onSend: (n: number) => void) {}
  async send(_delivery: Delivery): Promise<SentMessage> {
    await new Promise((resolve) => setImmediate(resolve));
    this.sent++;
    this.onSend(this.sent);
    return { platform: this.platform, ref: String(this.sent) };
  }
  async findSent(): Promise<SentMessage | null> {
    return null;
  }
}

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t) };
}

describe('backup', () => {
  const bots: TestBot[] = [];
  afterEach(() => {
    for (const bot of bots.splice(0)) bot.close();
  });

  it('takes a consistent copy while a fan-out writes', async () => {
    const programme = largeProgramme();
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    const url = tempDatabaseUrl();
    const file = join(mkdtempSync(join(tmpdir(), 'coaching-bot-backup-')), 'copy.db');
    // The backup runs on its own connection, as `coaching-bot backup` does beside the running bot.
    const other = openDatabase(url);
    let backup: Promise<unknown> | undefined;
    let sentWhenStarted = 0;
    const chat = new SlowChat((n) => {
      if (n === 40) {
        sentWhenStarted = n;
        backup = backupDatabase(other, file);
      }
    });
    const bot = await openBot(url, programme, clock, chat);
    bots.push(bot);
    await recordAnswer(bot.ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 1 } },
    });

    const fanOut = await sendPrompts(bot.ctx, WEEK);
    await backup;
    closeDatabase(other);
    expect(fanOut).toMatchObject({ status: 'done', total: COHORT + 6, sent: COHORT + 6 });

    // The copy stands alone (no WAL beside it), passes SQLite's checks, and holds one moment of the fan-out.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const copy = new BetterSqlite3(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      const statuses = Object.fromEntries(
        (
          copy.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
            status: string;
            n: number;
          }[]
        ).map((r) => [r.status, r.n]),
      );
      // Every prompt was enqueued in one transaction before the first send: all of them, or none.
      expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(COHORT + 6);
      // Taken after the 40th send: at least those were claimed; marks are written in groups, so some may be marked.
      const sent = statuses.sent ?? 0;
      expect(sent + (statuses.sending ?? 0)).toBeGreaterThanOrEqual(sentWhenStarted);
      expect(sent).toBeLessThanOrEqual(chat.sent);
      // A row says sent exactly when it has the platform's reference.
      expect(
        copy
          .prepare("SELECT count(*) FROM outbox WHERE (status = 'sent') <> (sent_ref IS NOT NULL)")
          .pluck()
          .get(),
      ).toBe(0);
      expect(copy.prepare('SELECT count(*) FROM people').pluck().get()).toBe(programme.people.length);
      expect(copy.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('`coaching-bot backup FILE` writes a copy that restores the bot’s data', async () => {
    const programme = exampleProgramme();
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    const url = tempDatabaseUrl();
    const bot = await openBot(url, programme, clock, undefined);
    bots.push(bot);
    await recordAnswer(bot.ctx, {
      actor: 'nicolas',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0.5 } },
    });
    const env = { PROGRAMME_FILE: join(ROOT, 'examples/programme.yml'), DATABASE_URL: url };
    const file = join(mkdtempSync(join(tmpdir(), 'coaching-bot-backup-')), 'nightly', 'coaching-bot.db');

    const out = capture();
    expect(await main(['backup', file], out, env)).toBe(0);
    expect(out.lines.join('\n')).toContain(`Sauvegarde écrite et vérifiée : ${file}`);

    // Restore: the copy put where a new database goes, and the bot started on it.
    const restoredUrl = tempDatabaseUrl();
    copyFileSync(file, databasePath(restoredUrl));
    const restored = await openBot(restoredUrl, programme, clock, undefined);
    bots.push(restored);
    expect((await restored.ctx.store.getAnswer('nicolas', WEEK))?.release).toEqual({
      kind: 'days',
      days: 0.5,
    });

    const onto = capture();
    expect(await main(['backup', databasePath(url)], onto, env)).toBe(1);
    expect(onto.errors.join('\n')).toContain('est la base elle-même');
    const missing = capture();
    expect(await main(['backup'], missing, env)).toBe(1);
    expect(missing.errors).toEqual(['Indiquez le fichier de sauvegarde : coaching-bot backup FICHIER']);
    const noDatabase = capture();
    expect(await main(['backup', file], noDatabase, { ...env, DATABASE_URL: tempDatabaseUrl() })).toBe(1);
    expect(noDatabase.errors.join('\n')).toContain('Aucune base de données');
  });
});
