// The scheduler's catch-up: a run missed while the bot was down is done at start, and never twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUp } from '../../src/scheduler/scheduler.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

describe('catch-up at start', () => {
  let clock: TestClock;
  let chat: RecordingChat;
  let url: string;
  const bots: TestBot[] = [];

  beforeEach(() => {
    clock = new TestClock(new Date());
    chat = new RecordingChat(exampleProgramme());
    url = tempDatabaseUrl();
  });
  afterEach(() => {
    for (const bot of bots.splice(0)) bot.close();
  });

  it('sends Friday’s prompts on Saturday when the bot was down over Friday 14:00, once', async () => {
    clock.setParis('2026-11-21', 10);
    const bot = await openBot(url, exampleProgramme(), clock, chat);
    bots.push(bot);
    await catchUp(bot.ctx);
    expect(chat.messages.filter((m) => m.kind === 'prompt')).toHaveLength(6);
    expect(chat.messages.every((m) => m.key.endsWith('2026-W47'))).toBe(true);

    // Restarted again: nothing new.
    const again = await openBot(url, exampleProgramme(), clock, chat);
    bots.push(again);
    await catchUp(again.ctx);
    expect(chat.messages).toHaveLength(6);
    expect(await again.ctx.store.listJobRuns('prompt')).toEqual([
      expect.objectContaining({ job: 'prompt', week: '2026-W47' }),
    ]);
  });

  it('does nothing before the first run of the week is due', async () => {
    clock.setParis('2026-11-20', 13, 59);
    const bot = await openBot(url, exampleProgramme(), clock, chat);
    bots.push(bot);
    await catchUp(bot.ctx);
    // Last week's prompt, reminder and evaluation were never run: they are caught up, this week's prompt is not.
    expect(chat.messages.some((m) => m.key.endsWith('2026-W47'))).toBe(false);
  });

  it('sends only the late prompt when the bot was down from Friday to Tuesday, so people can still answer', async () => {
    clock.setParis('2026-11-24', 10);
    const bot = await openBot(url, exampleProgramme(), clock, chat);
    bots.push(bot);
    await catchUp(bot.ctx);
    expect(chat.messages.map((m) => m.kind)).toEqual(Array(6).fill('prompt'));
    expect(await bot.ctx.store.isEvaluated('2026-W47')).toBe(false);
    // Still skipped later on: the week's reminder and evaluation times had passed when its prompt went out.
    clock.advance(60_000);
    await catchUp(bot.ctx);
    expect(chat.messages).toHaveLength(6);
  });

  it('tries a failed run again a few minutes later, not at once', async () => {
    clock.setParis('2026-11-20', 14, 1);
    const bot = await openBot(url, exampleProgramme(), clock, chat);
    bots.push(bot);
    await catchUp(bot.ctx);
    clock.setParis('2026-11-24', 9, 1);
    const store = bot.ctx.store;
    const markEvaluated = store.markEvaluated.bind(store);
    let failures = 1;
    store.markEvaluated = async (week, at) => {
      if (failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
      return markEvaluated(week, at);
    };
    await catchUp(bot.ctx);
    expect(await store.isEvaluated('2026-W47')).toBe(false);
    await catchUp(bot.ctx);
    expect(await store.isEvaluated('2026-W47')).toBe(false);
    clock.advance(6 * 60_000);
    await catchUp(bot.ctx);
    expect(await store.isEvaluated('2026-W47')).toBe(true);
    expect(
      chat.messages
        .filter((m) => m.kind === 'digest')
        .map((m) => m.to)
        .sort(),
    ).toEqual(['claire', 'thomas']);
  });
});
