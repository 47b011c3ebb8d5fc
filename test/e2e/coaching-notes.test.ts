// Who reads coaching notes: they belong to the coaching relationship. Julien coaches Alice, whose line manager is
// Isabelle; Claire is an owner. Julien, Alice and Claire read his notes about Alice; Isabelle sees that the sessions
// took place, not what was said. Erasing Julien keeps his notes about Alice (her record too) under his anonymous id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import type { Programme } from '../../src/core/programme.ts';
import { erasePerson } from '../../src/storage/privacy.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const NOTES = 'tension avec sa hiérarchie sur le planning';

describe('/coaching history and the notes', () => {
  let programme: Programme;
  let bot: TestBot;

  beforeEach(async () => {
    programme = exampleProgramme();
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 16);
    bot = await openBot(tempDatabaseUrl(), programme, clock, undefined);
    const logged = await runCommand(bot.ctx, {
      actor: 'julien',
      command: 'coaching',
      text: `log @alice 45min ${NOTES}`,
    });
    expect(logged).toMatchObject({ ok: true });
  });
  afterEach(() => bot.close());

  async function history(actor: string, text = 'history @alice'): Promise<string> {
    const reply = await runCommand(bot.ctx, { actor, command: 'coaching', text });
    if (reply.kind !== 'text' || !reply.ok)
      throw new Error(`history refused to ${actor}: ${JSON.stringify(reply)}`);
    return reply.text;
  }

  it('shows a manager the sessions without their notes, and says who may read them', async () => {
    for (const text of ['history @alice', 'history']) {
      expect(await history('isabelle', text)).toBe(
        [
          `Dernières séances de coaching${text === 'history' ? ' :' : ' d’Alice Martin :'}`,
          '• 20 novembre 2026 — Alice Martin (45 min)',
          'Les notes de séance ne sont lisibles que par le coach qui les a écrites, l’intrapreneur concerné et les responsables du programme.',
        ].join('\n'),
      );
    }
  });

  it('shows the notes to the coach who wrote them, the intrapreneur and an owner', async () => {
    const line = `• 20 novembre 2026 — Alice Martin (45 min) : ${NOTES}`;
    expect(await history('julien')).toBe(['Dernières séances de coaching d’Alice Martin :', line].join('\n'));
    expect(await history('alice')).toContain(line);
    expect(await history('claire')).toContain(line);
    expect(await history('alice')).not.toContain('ne sont lisibles');
  });

  it('keeps the notes of an owner’s log from a coach who did not write them', async () => {
    await runCommand(bot.ctx, {
      actor: 'claire',
      command: 'coaching',
      text: 'log @alice hier 30min point budget',
    });
    expect(await history('claire')).toContain('point budget');
    expect(await history('alice')).toContain('point budget');
    const coach = await history('julien');
    expect(coach).toContain('• 19 novembre 2026 — Alice Martin (30 min)\n');
    expect(coach).not.toContain('point budget');
    expect(coach).toContain(NOTES);
  });

  it('keeps a coach’s notes under their anonymous id when the coach is erased', async () => {
    const erasure = erasePerson(bot.database, programme.key, 'julien', new Date());
    expect(erasure?.texts).toBe(0);
    const sessions = await bot.ctx.store.listCoachingSessions({ intrapreneur: 'alice' });
    expect(sessions.map((s) => [s.loggedBy, s.notes])).toEqual([[erasure?.anonymousId, NOTES]]);
    expect(await history('alice')).toContain(NOTES);
    expect(await history('claire')).toContain(NOTES);
    expect(await history('isabelle')).not.toContain(NOTES);
  });

  it('still deletes the notes about an intrapreneur who is erased', async () => {
    const erasure = erasePerson(bot.database, programme.key, 'alice', new Date());
    expect(erasure?.texts).toBe(1);
    const sessions = await bot.ctx.store.listCoachingSessions({ intrapreneur: erasure?.anonymousId ?? '' });
    expect(sessions.map((s) => [s.loggedBy, s.notes])).toEqual([['julien', '']]);
  });
});
