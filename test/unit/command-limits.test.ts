// Command answers that grow with the cohort fit the platform's limit they are given, and a coach's notes are capped
// with a sentence that says so (the store never holds more).
import { describe, expect, it } from 'vitest';
import { MAX_NOTES_LENGTH } from '../../src/app/coaching.ts';
import { runCommand } from '../../src/app/commands.ts';
import { type AppContext, silentLogger } from '../../src/app/context.ts';
import type { Programme } from '../../src/core/programme.ts';
import { MATTERMOST_LIMITS, SLACK_LIMITS } from '../../src/platforms/limits.ts';
import { InMemoryStore } from '../../src/storage/memory-store.ts';
import { cohort } from '../support/cohort.ts';
import { TestClock } from '../support/fixtures.ts';

async function contextOf(programme: Programme): Promise<AppContext> {
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-24', 10);
  const store = new InMemoryStore();
  await store.syncProgramme(programme, clock.now());
  return { programme, store, clock, logger: silentLogger };
}

const text = async (
  ctx: AppContext,
  actor: string,
  command: 'coaching' | 'phase',
  typed: string,
  limit?: number,
) => {
  const reply = await runCommand(ctx, { actor, command, text: typed, ...(limit ? { limit } : {}) });
  if (reply.kind !== 'text') throw new Error('expected a text answer');
  return reply;
};

describe('coaching notes', () => {
  it(`accepts ${MAX_NOTES_LENGTH} characters and refuses one more, storing nothing, with the syntax`, async () => {
    const ctx = await contextOf(cohort(6).programme);
    const accepted = await text(ctx, 'c000', 'coaching', `log @i000 1h ${'é'.repeat(MAX_NOTES_LENGTH)}`);
    expect(accepted.ok).toBe(true);
    const refused = await text(ctx, 'c000', 'coaching', `log @i000 1h ${'é'.repeat(MAX_NOTES_LENGTH + 1)}`);
    expect(refused.ok).toBe(false);
    expect(refused.text.split('\n')[0]).toBe(
      'Vos notes font 2\u202f001 caractères, pour 2\u202f000 au plus : rien n’a été enregistré. Gardez l’essentiel de la séance et renvoyez la commande.',
    );
    expect(refused.text).toContain('`/coaching log @intrapreneur [date] [durée] notes…`');
    const stored = await ctx.store.listCoachingSessions({ intrapreneur: 'i000' });
    expect(stored.map((s) => s.notes.length)).toEqual([MAX_NOTES_LENGTH]);
  });

  it('says it in English', async () => {
    const ctx = await contextOf(cohort(6).programme);
    const reply = await runCommand(ctx, {
      actor: 'c000',
      command: 'coaching',
      text: `log @i000 ${'x'.repeat(2500)}`,
      locale: 'en',
    });
    expect(reply).toMatchObject({ kind: 'text', ok: false });
    expect(reply.kind === 'text' && reply.text).toContain(
      'Your notes are 2,500 characters long, for 2,000 at most: nothing was recorded.',
    );
  });
});

describe.each([
  ['Slack', SLACK_LIMITS.text],
  ['Mattermost', MATTERMOST_LIMITS.message],
])('answers within %s’s limit', (_, limit) => {
  it.each([60, 500])('/phase with %i projects keeps the phases and the compliance line', async (size) => {
    const ctx = await contextOf(cohort(size, { longNames: true }).programme);
    const reply = await text(ctx, 'claire', 'phase', '', limit);
    expect(reply.text.length).toBeLessThanOrEqual(limit);
    const lines = reply.text.split('\n');
    expect(lines.filter((l) => l.startsWith('▶ ') || l.startsWith('✓ ') || l.startsWith('· '))).toHaveLength(
      5,
    );
    expect(lines.at(-1)).toMatch(/^Conformité, semaine 47|^Pas encore de semaine de suivi/);
    const projects = lines.filter((l) => l.startsWith('• '));
    const more = /^• … et (\d+) autres : tapez \/phase <projet>/.exec(projects.at(-1) ?? '');
    expect(projects.length - (more ? 1 : 0) + Number(more?.[1] ?? 0)).toBe(size);
  });

  it('/coaching history shows the ten sessions, each long note cut to its share', async () => {
    const ctx = await contextOf(cohort(60).programme);
    for (let day = 10; day < 20; day++) {
      const notes = `Séance du ${day} : ${'revue du POC et des points de blocage. '.repeat(60)}`.slice(
        0,
        2000,
      );
      expect((await text(ctx, 'c000', 'coaching', `log @i000 2026-11-${day} 1h ${notes}`)).ok).toBe(true);
    }
    const reply = await text(ctx, 'c000', 'coaching', 'history @i000', limit);
    expect(reply.text.length).toBeLessThanOrEqual(limit);
    for (let day = 10; day < 20; day++) expect(reply.text).toContain(`Séance du ${day} :`);
  });
});
