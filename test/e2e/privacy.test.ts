// A data-protection request, end to end: several weeks of a programme, then `coaching-bot export --person alice`
// (everything stored about her) and `coaching-bot erase --person alice` (nothing names her any more, her words are
// gone, and the programme's weekly figures are what they were).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { logCoaching } from '../../src/app/coaching.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { loadFacts } from '../../src/app/facts.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { complianceReport } from '../../src/app/report.ts';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import type { AnswerChange } from '../../src/core/checkin.ts';
import { weekFigures } from '../../src/core/compliance.ts';
import type { IntrapreneurRole, Programme } from '../../src/core/programme.ts';
import type { DatabaseHandle } from '../../src/storage/database.ts';
import { anonymiseMessage } from '../../src/storage/person-data.ts';
import { erasePerson } from '../../src/storage/privacy.ts';
import { sandboxMessages } from '../../src/storage/schema.ts';
import { COACHING_BOT, ROOT } from '../support/child.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const WEEKS = [
  { week: '2026-W45', friday: '2026-11-06', monday: '2026-11-09', tuesday: '2026-11-10' },
  { week: '2026-W46', friday: '2026-11-13', monday: '2026-11-16', tuesday: '2026-11-17' },
  { week: '2026-W47', friday: '2026-11-20', monday: '2026-11-23', tuesday: '2026-11-24' },
];
const PROGRAMME_FILE = join(ROOT, 'examples/programme.yml');
const SECRET_WORDS = [
  'Alice Martin',
  'alice',
  'ma fille est malade',
  'tension avec Isabelle',
  'burn-out évoqué',
];

/** Rows of every table that hold `needle` in some column, by table. */
function rowsHolding(database: DatabaseHandle, needle: string): Record<string, number> {
  const tables = database.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const found: Record<string, number> = {};
  for (const table of tables) {
    const rows = database.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    const n = rows.filter((row) => Object.values(row).some((v) => String(v).includes(needle))).length;
    if (n > 0) found[table] = n;
  }
  return found;
}

/** The roles as the database recorded them: the programme file may have dropped someone since. */
function storedRoles(database: DatabaseHandle): IntrapreneurRole[] {
  return database.sqlite
    .prepare(
      `SELECT i.person, i.project, i.manager, p.coach FROM intrapreneurs i
       JOIN projects p ON p.programme_id = i.programme_id AND p.id = i.project ORDER BY i.project`,
    )
    .all() as IntrapreneurRole[];
}

function capture(
  ask?: (question: string) => Promise<string>,
): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t), ...(ask ? { ask } : {}) };
}

describe('export and erasure of a person', () => {
  let programme: Programme;
  let clock: TestClock;
  let url: string;
  let bot: TestBot;

  beforeEach(async () => {
    programme = exampleProgramme();
    clock = new TestClock(new Date());
    url = tempDatabaseUrl();
    bot = await openBot(url, programme, clock, new RecordingChat(programme));
  });
  afterEach(() => bot.close());

  const answer = (actor: string, week: string, change: AnswerChange, intrapreneur?: string) =>
    recordAnswer(bot.ctx, { actor, week, change, ...(intrapreneur ? { intrapreneur } : {}) });

  /** Three weeks: Alice released, then not released twice; comments, coaching notes, an owner's correction. */
  async function threeWeeks(): Promise<void> {
    for (const [i, w] of WEEKS.entries()) {
      clock.setParis(w.friday, 14);
      await sendPrompts(bot.ctx, w.week);
      clock.setParis(w.friday, 16);
      await answer('alice', w.week, { field: 'release', release: { kind: 'days', days: i === 0 ? 1 : 0 } });
      await answer('nicolas', w.week, { field: 'release', release: { kind: 'days', days: 1 } });
      await answer('nicolas', w.week, { field: 'coaching', held: true });
      await answer('camille', w.week, { field: 'release', release: { kind: 'leave' } });
      if (i === 0) {
        await answer('alice', w.week, { field: 'comment', comment: 'Absente mardi : ma fille est malade' });
        await logCoaching(bot.ctx, {
          actor: 'julien',
          text: '@alice 45min tension avec Isabelle sur le planning',
        });
        await logCoaching(bot.ctx, { actor: 'julien', text: '@nicolas 30min revue du POC' });
      }
      if (i === 1)
        await answer('alice', w.week, { field: 'comment', comment: 'Semaine difficile, burn-out évoqué' });
      // An owner records Alice's coaching point for her.
      if (i === 2) await answer('claire', w.week, { field: 'coaching', held: false }, 'alice');
      clock.setParis(w.monday, 9, 30);
      await sendReminders(bot.ctx, w.week);
      clock.setParis(w.tuesday, 9);
      await evaluateWeek(bot.ctx, w.week);
    }
    // The sandbox keeps what it showed Alice, her answer included.
    const [firstPrompt] = await bot.ctx.store.listOutbox({
      week: '2026-W45',
      kind: 'prompt',
      recipient: 'alice',
    });
    const shown = await bot.ctx.store.getAnswer('alice', '2026-W45');
    bot.database.db
      .insert(sandboxMessages)
      .values({
        programmeId: 1,
        recipient: 'alice',
        key: firstPrompt?.key ?? 'prompt:alice:2026-W45',
        message: {
          kind: 'prompt',
          week: '2026-W45',
          intrapreneur: 'alice',
          ...(shown ? { answer: shown } : {}),
        },
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })
      .run();
  }

  async function figures() {
    const roles = storedRoles(bot.database);
    return Promise.all(
      WEEKS.map(async ({ week }) => weekFigures({ ...(await loadFacts(bot.ctx, week)), roles }, week)),
    );
  }

  /** The compliance report of the programme once Alice has left its file. */
  async function reportWithoutAlice() {
    const without: Programme = {
      ...programme,
      people: programme.people.filter((p) => p.id !== 'alice'),
      projects: programme.projects.map((p) => ({
        ...p,
        intrapreneurs: p.intrapreneurs.filter((i) => i.person !== 'alice'),
      })),
    };
    return complianceReport({ ...bot.ctx, programme: without }, { from: WEEKS[0]?.week, to: WEEKS[2]?.week });
  }

  it('exports every row about her, then erases her without changing the programme’s figures', async () => {
    await threeWeeks();
    const env = { PROGRAMME_FILE, DATABASE_URL: url };
    const aboutAlice = rowsHolding(bot.database, 'alice');
    expect(aboutAlice).toMatchObject({ people: 1, intrapreneurs: 1, checkins: 3, coaching_sessions: 1 });
    expect(aboutAlice.alerts).toBeGreaterThanOrEqual(2);
    const figuresBefore = await figures();
    const reportBefore = await reportWithoutAlice();

    // Export: a file a person can read, holding every row that names her.
    const file = join(url.slice('file:'.length), '..', 'alice.json');
    const out = capture();
    expect(await main(['export', '--person', 'alice', '--output', file], out, env)).toBe(0);
    expect(out.lines.join('\n')).toContain(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.person).toBe('alice');
    expect(exported.programmeFile).toMatchObject({
      email: 'alice.martin@example.org',
      intrapreneurOf: [{ project: 'transport-lycees', manager: 'isabelle', coach: 'julien' }],
    });
    expect(exported.people).toEqual([
      { id: 'alice', name: 'Alice Martin', active: true, deactivatedAt: null },
    ]);
    expect(exported.checkins).toHaveLength(aboutAlice.checkins ?? -1);
    expect(exported.checkins.map((c: { comment: string | null }) => c.comment)).toEqual([
      'Absente mardi : ma fille est malade',
      'Semaine difficile, burn-out évoqué',
      null,
    ]);
    expect(exported.checkins[2]).toMatchObject({
      week: '2026-W47',
      answeredBy: 'claire',
      coachingHeld: false,
    });
    // Claire's answer for her in week 47 left a correction behind: exported, then kept anonymously.
    expect(exported.corrections).toEqual([
      {
        week: '2026-W47',
        intrapreneur: 'alice',
        question: 'coaching',
        before: null,
        after: 'no',
        correctedBy: 'claire',
        correctedAt: expect.any(String),
        mentionedInDigestOf: '2026-W47',
      },
    ]);
    expect(exported.coachingSessions).toEqual([
      expect.objectContaining({
        intrapreneur: 'alice',
        loggedBy: 'julien',
        notes: 'tension avec Isabelle sur le planning',
      }),
    ]);
    expect(exported.alerts).toHaveLength(aboutAlice.alerts ?? -1);
    expect(exported.alerts[0]).toMatchObject({ kind: 'release_missed', week: '2026-W46' });
    expect(exported.deliveries).toHaveLength(aboutAlice.outbox ?? -1);
    // Her prompts, the alerts about her to her manager, and the digests that name her.
    const deliveries = exported.deliveries as { kind: string; recipient: string }[];
    expect(
      new Set(deliveries.map((d) => `${d.kind}:${d.recipient === 'alice' ? 'alice' : 'other'}`)),
    ).toEqual(new Set(['prompt:alice', 'alert:other', 'digest:other']));
    expect(exported.sandboxMessages).toHaveLength(1);
    expect(exported.records).toBe(Object.values(aboutAlice).reduce((a, b) => a + b, 0));

    // Outside a terminal, erasure needs --yes; at a terminal, the id typed back.
    const refused = capture();
    expect(await main(['erase', '--person', 'alice'], refused, env)).toBe(1);
    expect(refused.errors.join('\n')).toContain('--yes');
    const cancelled = capture(async () => 'non');
    expect(await main(['erase', '--person', 'alice'], cancelled, env)).toBe(1);
    expect(cancelled.lines.join('\n')).toContain('annulé');
    expect(rowsHolding(bot.database, 'alice')).toEqual(aboutAlice);

    // The real command, as an operator runs it.
    const erase = spawnSync(process.execPath, [...COACHING_BOT, 'erase', '--person', 'alice', '--yes'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect(erase.status).toBe(0);
    const anonymousId = /anonyme-[0-9a-f]{8}/.exec(erase.stdout)?.[0];
    expect(erase.stdout).toMatch(/anonyme-[0-9a-f]{8}/);
    // Still in the programme file: the operator is told to remove her, or she will be asked again.
    expect(erase.stderr).toContain('figure encore dans');
    const logLines = erase.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = logLines.find((l) => l.msg === 'privacy: person erased');
    expect(logged).toMatchObject({ level: 30, anonymousId, texts: 3 });
    for (const word of SECRET_WORDS) expect(JSON.stringify(logLines)).not.toContain(word);

    // Nothing names her any more, and nothing she or her coach wrote about her is left.
    for (const word of SECRET_WORDS) expect([word, rowsHolding(bot.database, word)]).toEqual([word, {}]);
    expect(rowsHolding(bot.database, 'revue du POC')).toEqual({ coaching_sessions: 1 });
    // Her figures are there, under the anonymous id: the programme's weeks add up as before.
    expect(await figures()).toEqual(figuresBefore);
    expect(await reportWithoutAlice()).toEqual(reportBefore);
    expect(
      (await bot.ctx.store.listCorrections({})).map((c) => [c.intrapreneur, c.week, c.by, c.after]),
    ).toEqual([[anonymousId, '2026-W47', 'claire', 'no']]);
    const anonymous = await bot.ctx.store.listAnswers({ from: '2026-W45', to: '2026-W47' });
    expect(anonymous.filter((a) => a.intrapreneur === anonymousId).map((a) => a.release)).toEqual([
      { kind: 'days', days: 1 },
      { kind: 'days', days: 0 },
      { kind: 'days', days: 0 },
    ]);

    // Asked again, the bot has nothing about her.
    const again = capture();
    expect(await main(['export', '--person', 'alice'], again, env)).toBe(0);
    expect(again.errors.join('\n')).toContain('Rien n’est enregistré');
    expect(JSON.parse(again.lines.join('\n'))).toMatchObject({ records: 0, checkins: [], deliveries: [] });
    const twice = capture();
    expect(await main(['erase', '--person', 'alice', '--yes'], twice, env)).toBe(0);
    expect(twice.lines.join('\n')).toContain('Rien n’est enregistré');
  });

  it('leaves nothing of her in the database files: deleted rows zeroed, the WAL emptied', async () => {
    await threeWeeks();
    const path = url.slice('file:'.length);
    /** The database files whose bytes hold `word`, as anyone who can read them would find it. */
    const holding = (word: string) =>
      [path, `${path}-wal`, `${path}-shm`].filter(
        (file) => existsSync(file) && readFileSync(file).includes(Buffer.from(word, 'utf8')),
      );
    // Her name, her comments and her coach's notes are in the files (in the file itself or in its WAL).
    for (const word of SECRET_WORDS) expect([word, holding(word)]).not.toEqual([word, []]);

    // Erased while the bot keeps its connection open, as it does when it runs.
    const out = capture();
    expect(
      await main(['erase', '--person', 'alice', '--yes'], out, {
        PROGRAMME_FILE,
        DATABASE_URL: url,
        LOG_LEVEL: 'error',
      }),
    ).toBe(0);
    expect(out.errors.filter((line) => line.includes('-wal'))).toEqual([]);

    for (const word of SECRET_WORDS) expect([word, holding(word)]).toEqual([word, []]);
    // What the figures need is still there.
    expect(rowsHolding(bot.database, 'revue du POC')).toEqual({ coaching_sessions: 1 });
  });

  it('erases a coach and a manager too: their roles and alerts kept anonymously, the coach’s notes kept for the intrapreneurs', async () => {
    await threeWeeks();
    const figuresBefore = await figures();
    // Alice's released day missed in the second and third weeks: two alerts name her manager.
    expect(rowsHolding(bot.database, 'isabelle').alerts).toBe(2);
    const coach = erasePerson(bot.database, programme.key, 'julien', clock.now());
    const manager = erasePerson(bot.database, programme.key, 'isabelle', clock.now());
    expect(coach?.texts).toBe(0);
    expect(manager?.anonymousId).not.toBe(coach?.anonymousId);
    for (const word of ['julien', 'Julien Moreau', 'isabelle', 'Isabelle Roux']) {
      expect([word, rowsHolding(bot.database, word)]).toEqual([word, {}]);
    }
    // His notes are Alice's and Nicolas's record too: they stay, under his anonymous id.
    const sessions = await bot.ctx.store.listCoachingSessions({});
    expect(sessions.map((s) => [s.intrapreneur, s.loggedBy, s.notes]).sort()).toEqual([
      ['alice', coach?.anonymousId, 'tension avec Isabelle sur le planning'],
      ['nicolas', coach?.anonymousId, 'revue du POC'],
    ]);
    expect(await figures()).toEqual(figuresBefore);
    expect(erasePerson(bot.database, programme.key, 'julien', clock.now())).toBeNull();
    // The owner who corrected Alice's answer: the correction stays, under their anonymous id.
    const owner = erasePerson(bot.database, programme.key, 'claire', clock.now());
    expect([owner?.rows.corrections, rowsHolding(bot.database, 'claire')]).toEqual([1, {}]);
    expect((await bot.ctx.store.listCorrections({})).map((c) => [c.intrapreneur, c.by])).toEqual([
      ['alice', owner?.anonymousId],
    ]);
    expect(await figures()).toEqual(figuresBefore);
  });

  it('says which option is missing', async () => {
    const out = capture();
    expect(await main(['export'], out, { PROGRAMME_FILE, DATABASE_URL: url })).toBe(1);
    expect(out.errors).toEqual(['Indiquez la personne : coaching-bot export --person IDENTIFIANT']);
  });

  it('anonymises a stored message: the id wherever it is a value, her own comment removed', () => {
    const at = new Date('2026-11-20T15:00:00Z');
    const message = {
      kind: 'prompt' as const,
      week: '2026-W47',
      intrapreneur: 'alice',
      answer: {
        intrapreneur: 'alice',
        week: '2026-W47',
        comment: 'privé',
        answeredBy: 'alice',
        answeredAt: at,
        updatedAt: at,
      },
    };
    expect(anonymiseMessage(message, 'alice', 'anonyme-1')).toEqual({
      kind: 'prompt',
      week: '2026-W47',
      intrapreneur: 'anonyme-1',
      answer: {
        intrapreneur: 'anonyme-1',
        week: '2026-W47',
        answeredBy: 'anonyme-1',
        answeredAt: at,
        updatedAt: at,
      },
    });
    // Someone else's comment stays when the erased person only answered for them.
    expect(
      anonymiseMessage({ ...message.answer, answeredBy: 'claire' }, 'claire', 'anonyme-2'),
    ).toMatchObject({
      comment: 'privé',
      answeredBy: 'anonyme-2',
    });
  });
});
