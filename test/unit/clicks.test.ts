// A click on a check-in returns a result, as a command returns a reply: what is now recorded, or a refusal with its
// code and its sentence in the clicker's language. Platforms show one or the other; none catches the use case's errors.
import { describe, expect, it } from 'vitest';
import { clickCheckin, commentToEdit } from '../../src/app/clicks.ts';
import { type AppContext, silentLogger } from '../../src/app/context.ts';
import { AppError } from '../../src/core/errors.ts';
import type { Store } from '../../src/core/ports.ts';
import { InMemoryStore } from '../../src/storage/memory-store.ts';
import { exampleProgramme, TestClock } from '../support/fixtures.ts';

const WEEK = '2026-W47';
const oneDay = { field: 'release', release: { kind: 'days', days: 1 } } as const;

/** The example programme on a store whose methods `failing` replaces (a database that refuses, a bug). */
async function contextWith(failing: Partial<Store> = {}): Promise<AppContext> {
  const programme = exampleProgramme();
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-20', 16);
  const store = new InMemoryStore();
  await store.syncProgramme(programme, clock.now());
  return { programme, store: Object.assign(store, failing), clock, logger: silentLogger };
}

describe('clickCheckin', () => {
  it('records the click and returns what is recorded', async () => {
    const ctx = await contextWith();
    const result = await clickCheckin(ctx, { actor: 'alice', week: WEEK, change: oneDay });
    expect(result).toMatchObject({
      ok: true,
      answer: { intrapreneur: 'alice', week: WEEK, release: { kind: 'days', days: 1 }, answeredBy: 'alice' },
    });
    expect((await ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
  });

  it('returns someone else’s check-in as a refusal in the clicker’s language, and records nothing', async () => {
    const ctx = await contextWith();
    const click = { actor: 'nicolas', intrapreneur: 'alice', week: WEEK, change: oneDay };
    expect(await clickCheckin(ctx, click)).toEqual({
      ok: false,
      code: 'not_allowed',
      text: 'Vous ne pouvez pas répondre à la place d’Alice Martin.',
    });
    expect(await clickCheckin(ctx, { ...click, locale: 'en' })).toEqual({
      ok: false,
      code: 'not_allowed',
      text: 'You cannot answer on behalf of Alice Martin.',
    });
    expect(await ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
  });

  it('returns a database that refused the write as a refusal that says the answer was not recorded', async () => {
    const ctx = await contextWith({
      saveAnswer: async () => {
        throw new AppError('storage_full', { path: '/data/bot.db', cause: 'SQLITE_FULL' });
      },
    });
    const result = await clickCheckin(ctx, { actor: 'alice', week: WEEK, change: oneDay, locale: 'en' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('storage_full');
    expect(result.text.startsWith('Your answer was not recorded: ')).toBe(true);
  });

  it('throws what is not a refusal, for the platform to report', async () => {
    const ctx = await contextWith({
      getAnswer: async () => {
        throw new TypeError('bug');
      },
    });
    await expect(clickCheckin(ctx, { actor: 'alice', week: WEEK, change: oneDay })).rejects.toThrow('bug');
  });
});

describe('commentToEdit', () => {
  it('gives the intrapreneur, and an owner on their behalf, the answer recorded so far', async () => {
    const ctx = await contextWith();
    expect(await commentToEdit(ctx, { actor: 'alice', week: WEEK })).toEqual({ ok: true, answer: undefined });
    await clickCheckin(ctx, { actor: 'alice', week: WEEK, change: { field: 'comment', comment: 'bien' } });
    const own = await commentToEdit(ctx, { actor: 'alice', week: WEEK });
    const owner = await commentToEdit(ctx, { actor: 'claire', intrapreneur: 'alice', week: WEEK });
    expect(own.ok && own.answer?.comment).toBe('bien');
    expect(owner.ok && owner.answer?.comment).toBe('bien');
  });

  it('refuses anyone else, in their language', async () => {
    const ctx = await contextWith();
    expect(
      await commentToEdit(ctx, { actor: 'nicolas', intrapreneur: 'alice', week: WEEK, locale: 'en' }),
    ).toEqual({
      ok: false,
      code: 'not_allowed',
      text: 'You cannot answer on behalf of Alice Martin.',
    });
  });
});
