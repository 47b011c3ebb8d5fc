// Retention: comments and coaching notes are cleared `retention_months` after the programme's end, by a daily job of
// the scheduler; the figures stay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { logCoaching } from '../../src/app/coaching.ts';
import { purgeExpiredWords } from '../../src/app/retention.ts';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { Programme } from '../../src/core/programme.ts';
import { addMonths, retentionLimit } from '../../src/core/retention.ts';
import { createLogger } from '../../src/logger.ts';
import { dailyJobTable } from '../../src/scheduler/jobs.ts';
import { startScheduler } from '../../src/scheduler/scheduler.ts';
import { ROOT } from '../support/child.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const WEEK = '2026-W47';
const example = readFileSync(join(ROOT, 'examples/programme.yml'), 'utf8');

function withRetention(value: string): ReturnType<typeof parseProgramme> {
  return parseProgramme(
    example.replace('  holidays: metropole', `  holidays: metropole\n  retention_months: ${value}`),
  );
}

describe('retention_months in the programme file', () => {
  it('defaults to 12 months after the end of the last phase', () => {
    expect(exampleProgramme().retentionMonths).toBe(12);
    expect(retentionLimit(exampleProgramme())).toBe('2028-03-31');
    const six = withRetention('6');
    expect(six.ok && six.programme.retentionMonths).toBe(6);
    expect(six.ok && retentionLimit(six.programme)).toBe('2027-09-30');
  });

  it('refuses what is not a whole number of months from 0 to 120, saying so', () => {
    for (const value of ['-1', '1.5', '200']) {
      const load = withRetention(value);
      expect(load.ok).toBe(false);
      if (!load.ok) {
        expect(load.problems).toEqual([
          {
            path: 'programme.retention_months',
            message: `durée de conservation impossible : ${value.replace('.', ',')} mois ; un nombre entier de mois, de 0 à 120`,
          },
        ]);
      }
    }
  });

  it('counts months on the calendar, the day kept unless the month is shorter', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2027-03-31', 0)).toBe('2027-03-31');
    expect(addMonths('2026-11-15', 14)).toBe('2028-01-15');
  });
});

describe('the purge', () => {
  let programme: Programme;
  let clock: TestClock;
  let bot: TestBot;

  beforeEach(async () => {
    programme = exampleProgramme();
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 16);
    bot = await openBot(tempDatabaseUrl(), programme, clock, undefined);
    await recordAnswer(bot.ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0.5 } },
    });
    await recordAnswer(bot.ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'comment', comment: 'Réunion imprévue' },
    });
    await logCoaching(bot.ctx, { actor: 'julien', text: '@alice 1h point difficile avec son manager' });
    // A prompt sent after she answered carries her answer, comment included.
    const answer = await bot.ctx.store.getAnswer('alice', WEEK);
    await bot.ctx.store.enqueue([
      {
        key: `prompt:alice:${WEEK}`,
        kind: 'prompt',
        week: WEEK,
        recipient: 'alice',
        message: { kind: 'prompt', week: WEEK, intrapreneur: 'alice', ...(answer ? { answer } : {}) },
        dueAt: clock.now(),
      },
    ]);
  });
  afterEach(() => bot.close());

  const stored = async () => ({
    answer: await bot.ctx.store.getAnswer('alice', WEEK),
    sessions: await bot.ctx.store.listCoachingSessions({ intrapreneur: 'alice' }),
    prompt: (await bot.ctx.store.listOutbox({ recipient: 'alice' }))[0]?.message,
  });

  it('keeps comments and notes until the last day of retention, then clears them and keeps the figures', async () => {
    clock.setParis('2028-03-31', 23, 59);
    expect(await purgeExpiredWords(bot.ctx, bot.storage.retention)).toMatchObject({
      due: false,
      comments: 0,
    });
    const before = await stored();
    expect(before.answer?.comment).toBe('Réunion imprévue');
    expect(before.sessions[0]?.notes).toBe('point difficile avec son manager');

    clock.setParis('2028-04-01', 3, 30);
    expect(await purgeExpiredWords(bot.ctx, bot.storage.retention)).toEqual({
      due: true,
      keptUntil: '2028-03-31',
      comments: 1,
      notes: 1,
      messages: 1,
    });
    const after = await stored();
    expect(after.answer).toEqual({ ...before.answer, comment: undefined });
    expect(after.answer && 'comment' in after.answer).toBe(false);
    expect(after.sessions).toEqual([{ ...before.sessions[0], notes: '' }]);
    expect(JSON.stringify(after.prompt)).not.toContain('Réunion imprévue');
    expect(after.prompt).toMatchObject({ answer: { release: { kind: 'days', days: 0.5 } } });
    // Run again the next night: nothing left to clear.
    expect(await purgeExpiredWords(bot.ctx, bot.storage.retention)).toMatchObject({
      comments: 0,
      notes: 0,
      messages: 0,
    });
  });

  it('is a daily job of the scheduler, listed at boot and run at start', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { stream: { write: (line: string) => lines.push(line) } });
    const ctx = { ...bot.ctx, logger };
    expect(dailyJobTable(ctx).map((j) => [j.name, j.enabled])).toEqual([['purge', false]]);

    clock.setParis('2028-04-02', 10);
    const scheduler = await startScheduler(ctx, { retention: bot.storage.retention });
    await scheduler.stop();
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        msg: 'scheduler: job table',
        job: 'purge',
        cron: '30 3 * * *',
        timezone: 'Europe/Paris',
        enabled: true,
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'retention: comments and notes cleared', comments: 1, notes: 1 }),
    );
    expect((await bot.ctx.store.getAnswer('alice', WEEK))?.comment).toBeUndefined();
  });
});
