// `/coaching log` as a coach types it, through the use case every platform calls, on a real SQLite file: durations
// and dates are read as meant, or refused with the syntax — never stored wrong, never silently turned into notes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import { messages } from '../../src/i18n/index.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

describe('/coaching log', () => {
  let bot: TestBot;

  beforeEach(async () => {
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-30', 17);
    bot = await openBot(tempDatabaseUrl(), exampleProgramme(), clock, undefined);
  });
  afterEach(() => bot.close());

  const log = (text: string, actor = 'julien') =>
    runCommand(bot.ctx, { actor, command: 'coaching', text: `log ${text}` });
  const sessions = () => bot.ctx.store.listCoachingSessions({ intrapreneur: 'alice' });

  it('reads a duration typed in words and a date with dashes', async () => {
    expect(await log('@alice 27-11 1 h 30 revue du POC')).toEqual({
      kind: 'text',
      ok: true,
      text: 'Séance de coaching enregistrée pour Alice Martin, le 27 novembre 2026 (1 h 30). Elle compte comme point de coaching de la semaine.',
    });
    expect(await sessions()).toMatchObject([
      { date: '2026-11-27', durationMinutes: 90, notes: 'revue du POC' },
    ]);
  });

  it('refuses a negative duration with the syntax, and stores nothing', async () => {
    const reply = await log('@alice -30min revue');
    expect(reply).toMatchObject({ ok: false });
    expect(reply.kind === 'text' && reply.text.split('\n')[0]).toBe(
      'Durée incomprise « -30min » : écrivez `45min`, `90 minutes`, `1h`, `2 heures`, `1h30` ou `1 h 30` (plus de 0, et 12 h au plus).',
    );
    expect(reply.kind === 'text' && reply.text).toContain(messages('fr').commands.usage.coaching);
    expect(await sessions()).toEqual([]);
  });

  it('refuses a date before the first check-in week, saying when it starts', async () => {
    // The check-ins start on Friday 16 October: a session that week (from Monday 12) counts for it.
    const reply = await log('@alice 2026-10-11 entretien de sélection');
    expect(reply.kind === 'text' && reply.text.split('\n')[0]).toBe(
      'Une séance du 11 octobre 2026 serait antérieure au début du point hebdomadaire (12 octobre 2026) : elle ne compterait pour aucune semaine du programme.',
    );
    expect(await sessions()).toEqual([]);
    expect(await log('@alice 2026-10-12 premier point')).toMatchObject({ ok: true });
    expect(await sessions()).toMatchObject([{ date: '2026-10-12', notes: 'premier point' }]);
  });

  it('refuses in English for an English speaker', async () => {
    const reply = await runCommand(bot.ctx, {
      actor: 'julien',
      command: 'coaching',
      text: 'log @alice 0 min notes',
      locale: 'en',
    });
    expect(reply.kind === 'text' && reply.text.split('\n')[0]).toBe(
      'Duration not understood “0 min”: write `45min`, `90 minutes`, `1h`, `2 hours`, `1h30` or `1 h 30` (more than 0, and 12 h at most).',
    );
  });

  it('elides « de » before a name in its refusals', async () => {
    const reply = await log('@elodie 1h point', 'julien');
    expect(reply).toEqual({
      kind: 'text',
      ok: false,
      text: 'Seul le coach d’Élodie Fournier ou un responsable du programme peut enregistrer ses séances.',
    });
  });
});
