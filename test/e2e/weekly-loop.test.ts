// The weekly loop through the use cases, on a real SQLite file, with a chat platform that records what it gets:
// prompts → answers → reminders → evaluation → alerts and digest, each step run twice, each message once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import type { Programme } from '../../src/core/programme.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const WEEK = '2026-W47';

describe('the weekly loop', () => {
  let programme: Programme;
  let clock: TestClock;
  let chat: RecordingChat;
  let bot: TestBot;

  beforeEach(async () => {
    programme = exampleProgramme();
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    chat = new RecordingChat(programme);
    bot = await openBot(tempDatabaseUrl(), programme, clock, chat);
  });
  afterEach(() => bot.close());

  async function answerWeek(): Promise<void> {
    clock.setParis('2026-11-20', 16);
    const click = (actor: string, change: Parameters<typeof recordAnswer>[1]['change']) =>
      recordAnswer(bot.ctx, { actor, week: WEEK, change });
    await click('alice', { field: 'release', release: { kind: 'days', days: 1 } });
    await click('alice', { field: 'coaching', held: true });
    await click('nicolas', { field: 'release', release: { kind: 'days', days: 0.5 } });
    await click('nicolas', { field: 'coaching', held: false });
    await click('camille', { field: 'release', release: { kind: 'leave' } });
    await click('elodie', { field: 'release', release: { kind: 'days', days: 1 } });
    // Élodie first said 1, then corrects to 0: the correction is what counts.
    await click('elodie', { field: 'release', release: { kind: 'days', days: 0 } });
    await click('pierre', { field: 'release', release: { kind: 'days', days: 1.5 } });
    // Mehdi does not answer.
  }

  it('sends every message of the week once, whatever is run twice', async () => {
    const first = await sendPrompts(bot.ctx, WEEK);
    await sendPrompts(bot.ctx, WEEK);
    expect(first).toMatchObject({ status: 'done', total: 6, sent: 6 });
    expect(
      chat.messages
        .filter((m) => m.kind === 'prompt')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['alice', 'camille', 'elodie', 'mehdi', 'nicolas', 'pierre']);
    expect(chat.to('alice')[0]?.text).toContain('semaine 47, du 16 au 20 novembre');

    await answerWeek();
    const stored = await bot.ctx.store.getAnswer('elodie', WEEK);
    expect(stored?.release).toEqual({ kind: 'days', days: 0 });

    clock.setParis('2026-11-23', 9, 30);
    await sendReminders(bot.ctx, WEEK);
    await sendReminders(bot.ctx, WEEK);
    expect(chat.messages.filter((m) => m.kind === 'reminder').map((m) => m.to)).toEqual(['mehdi']);

    clock.setParis('2026-11-24', 9);
    const evaluation = await evaluateWeek(bot.ctx, WEEK);
    await evaluateWeek(bot.ctx, WEEK);
    expect(evaluation).toMatchObject({ status: 'done', alerts: 3 });

    const alerts = chat.messages.filter((m) => m.kind === 'alert');
    // Nicolas (½ day) and Élodie (0 day): their managers. Mehdi's silence: nobody but the owners must act, and
    // they read every alert in their digest.
    expect(alerts.map((m) => `${m.to}:${m.key.split(':')[1]}:${m.key.split(':')[2]}`).sort()).toEqual([
      'isabelle:release_missed:elodie',
      'laurent:release_missed:nicolas',
    ]);
    expect(chat.to('laurent')[0]?.text).toContain('Nicolas Durand a déclaré 0,5 jour');
    // The manager of someone who answered on time gets nothing.
    expect(chat.to('francois')).toEqual([]);

    const digests = chat.messages.filter((m) => m.kind === 'digest');
    expect(digests.map((m) => m.to).sort()).toEqual(['claire', 'thomas']);
    expect(digests[0]?.text).toContain('Jour libéré : 2/6 respectés, 2 manqués, 1 sans réponse, 1 exempté.');
    expect(digests[0]?.text).toContain('3 alertes :');
    expect(digests[0]?.text).toContain('• Pas de réponse au point hebdomadaire (1) : Mehdi Haddad');
    expect(chat.to('claire').map((m) => m.kind)).toEqual(['digest']);

    // Every key exactly once.
    expect(new Set(chat.keys()).size).toBe(chat.messages.length);
    const stored_alerts = await bot.ctx.store.listAlerts({ range: { from: WEEK, to: WEEK } });
    expect(stored_alerts.map((a) => `${a.kind}:${a.intrapreneur}`).sort()).toEqual([
      'no_answer:mehdi',
      'release_missed:elodie',
      'release_missed:nicolas',
    ]);
  });

  it('escalates a second missed week and a second week without coaching point', async () => {
    const previous = '2026-W46';
    clock.setParis('2026-11-13', 14);
    await sendPrompts(bot.ctx, previous);
    await recordAnswer(bot.ctx, {
      actor: 'nicolas',
      week: previous,
      change: { field: 'release', release: { kind: 'days', days: 0 } },
    });
    await recordAnswer(bot.ctx, {
      actor: 'nicolas',
      week: previous,
      change: { field: 'coaching', held: false },
    });
    clock.setParis('2026-11-17', 9);
    await evaluateWeek(bot.ctx, previous);

    clock.setParis('2026-11-20', 14);
    await sendPrompts(bot.ctx, WEEK);
    await answerWeek();
    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);

    const about = (who: string, kind: string) =>
      chat.messages
        .filter((m) => m.kind === 'alert' && m.key.startsWith(`alert:${kind}:${who}:${WEEK}`))
        .map((m) => m.to);
    // One event, one alert: the escalated one alone, to the manager, saying which rule fired.
    expect(about('nicolas', 'release_missed')).toEqual([]);
    expect(about('nicolas', 'release_missed_again')).toEqual(['laurent']);
    const escalated = chat
      .to('laurent')
      .find((m) => m.key.startsWith(`alert:release_missed_again:nicolas:${WEEK}`));
    expect(escalated?.text).toContain('Jour libéré non respecté deux semaines de suite');
    expect(escalated?.text).toContain('déjà le cas pour la semaine 46, du 9 au 13 novembre');
    // The coach hears of the second week without coaching point.
    expect(about('nicolas', 'coaching_missed')).toEqual(['julien']);
    expect(chat.to('julien')[0]?.text).toContain('Point de coaching manqué deux semaines de suite');
    // The owners read both in their digest, and nothing else.
    const digest = chat.to('claire').filter((m) => m.key.endsWith(WEEK));
    expect(digest.map((m) => m.kind)).toEqual(['digest']);
    expect(digest[0]?.text).toContain(
      '• Jour libéré non respecté deux semaines de suite (1) : Nicolas Durand',
    );
    // Those who did not answer last week either had no coaching point, unless their coach logged one.
    expect(digest[0]?.text).toContain(
      '• Point de coaching manqué deux semaines de suite (4) : Élodie Fournier, Mehdi Haddad, Nicolas Durand, Pierre Dupont',
    );
  });

  it('sends each alert as it happens to the owners who asked, on top of their digest', async () => {
    bot.close();
    bot = await openBot(tempDatabaseUrl(), { ...programme, alertsAsTheyHappen: ['thomas'] }, clock, chat);
    await sendPrompts(bot.ctx, WEEK);
    await answerWeek();
    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);
    expect(
      chat
        .to('thomas')
        .map((m) => m.key.split(':').slice(0, 3).join(':'))
        .sort(),
    ).toEqual([
      'alert:no_answer:mehdi',
      'alert:release_missed:elodie',
      'alert:release_missed:nicolas',
      `digest:thomas:${WEEK}`,
    ]);
    expect(chat.to('claire').map((m) => m.kind)).toEqual(['digest']);
  });

  it('does not let an intrapreneur answer for someone else, nor change an evaluated week', async () => {
    await sendPrompts(bot.ctx, WEEK);
    await expect(
      recordAnswer(bot.ctx, {
        actor: 'alice',
        intrapreneur: 'nicolas',
        week: WEEK,
        change: { field: 'coaching', held: true },
      }),
    ).rejects.toMatchObject({ code: 'not_allowed' });
    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);
    await expect(
      recordAnswer(bot.ctx, { actor: 'alice', week: WEEK, change: { field: 'coaching', held: true } }),
    ).rejects.toMatchObject({ code: 'week_closed' });
    expect(await bot.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
  });

  it('refuses, whoever asks, a prompt before its week and a reminder or an evaluation before the week is over', async () => {
    // Friday of week 47: its prompt may go, not week 48's; its reminder and evaluation wait until Monday.
    await expect(sendPrompts(bot.ctx, '2026-W48')).rejects.toMatchObject({
      code: 'week_not_started',
      params: { week: '2026-W48', latest: WEEK },
    });
    await expect(sendReminders(bot.ctx, WEEK)).rejects.toMatchObject({
      code: 'week_not_over',
      params: { week: WEEK, latest: '2026-W46' },
    });
    await expect(evaluateWeek(bot.ctx, WEEK)).rejects.toMatchObject({ code: 'week_not_over' });
    expect(await bot.ctx.store.isEvaluated(WEEK)).toBe(false);
    expect(await bot.ctx.store.listOutbox({})).toEqual([]);
    // Sunday evening, still week 47; Monday at midnight in Paris, it is over.
    clock.setParis('2026-11-22', 23, 59);
    await expect(evaluateWeek(bot.ctx, WEEK)).rejects.toMatchObject({ code: 'week_not_over' });
    clock.setParis('2026-11-23', 0);
    expect(await evaluateWeek(bot.ctx, WEEK)).toEqual({ status: 'not_asked', week: WEEK });
  });

  it('sends nothing in a break week or outside the check-in window', async () => {
    expect(await sendPrompts(bot.ctx, '2026-W52')).toEqual({ status: 'break', week: '2026-W52' });
    expect(await sendPrompts(bot.ctx, '2026-W40')).toEqual({ status: 'outside_window', week: '2026-W40' });
    expect(await evaluateWeek(bot.ctx, '2026-W52')).toEqual({ status: 'exempt', week: '2026-W52' });
    expect(chat.messages).toEqual([]);
  });

  it('stops following the intrapreneur of an abandoned project from the week of the decision', async () => {
    const abandoned: Programme = {
      ...programme,
      projects: programme.projects.map((p) =>
        p.id === 'aide-permis' ? { ...p, status: 'abandoned', decidedOn: '2026-11-18' } : p,
      ),
    };
    bot.close();
    bot = await openBot(tempDatabaseUrl(), abandoned, clock, chat);
    clock.setParis('2026-11-13', 14);
    await sendPrompts(bot.ctx, '2026-W46');
    expect(chat.messages.map((m) => m.to)).toContain('pierre');
    clock.setParis('2026-11-20', 14);
    await sendPrompts(bot.ctx, WEEK);
    const thisWeek = chat.messages.filter((m) => m.key.endsWith(WEEK)).map((m) => m.to);
    expect(thisWeek).toHaveLength(5);
    expect(thisWeek).not.toContain('pierre');
  });
});
