// Two programmes in one deployment, one in Paris and one in La Réunion: each programme's prompt goes out at its own
// local 14:00, once, across the end of summer time in Paris (La Réunion has none), and not again after a restart. The
// same person is an intrapreneur in both: their two prompts of a week are two messages, neither taken for the other.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { readEnv } from '../../src/config/env.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { jobTable } from '../../src/scheduler/jobs.ts';
import { catchUp } from '../../src/scheduler/scheduler.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

function programme(id: string, name: string, timezone: string, holidays: string): string {
  return `
programme:
  id: ${id}
  name: ${name}
  organisation: DINUM
  timezone: ${timezone}
  holidays: ${holidays}
owners: [claire]
people:
  - { id: claire, name: Claire Dubois, email: claire@example.org }
  - { id: alice, name: Alice Martin, email: alice@example.org }
  - { id: bob, name: Bob Leroy, email: bob@example.org }
  - { id: marc, name: Marc Petit, email: marc@example.org }
phases:
  - { id: pre_incubation, name: Pré-incubation, start: 2026-10-19, end: 2027-02-26 }
  - { id: poc_committee, name: Comité, start: 2027-03-01, end: 2027-03-15 }
projects:
  - id: projet
    name: Projet
    coach: bob
    intrapreneurs: [{ person: alice, manager: marc }]
`;
}

describe('two programmes in two time zones', () => {
  const runtimes: Runtime[] = [];
  afterEach(async () => {
    for (const runtime of runtimes.splice(0)) await runtime.close();
  });

  it('prompts each at its own 14:00, once each, across the change of time in Paris and a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-programmes-'));
    writeFileSync(join(dir, 'paris.yml'), programme('paris', 'Paris', 'Europe/Paris', 'metropole'));
    writeFileSync(join(dir, 'reunion.yml'), programme('reunion', 'La Réunion', 'Indian/Reunion', 'reunion'));
    const env = readEnv({ PROGRAMME_FILE: dir, DATABASE_URL: tempDatabaseUrl() });
    const clock = new TestClock(new Date('2026-10-23T09:59:00Z'));
    const { platforms, messages } = recordingPlatform();
    const start = async () => {
      const runtime = await openRuntime(env, { logger: silentLogger, clock, platforms });
      runtimes.push(runtime);
      return runtime;
    };
    let runtime = await start();
    expect(runtime.programmes.all.map((c) => c.programme.key)).toEqual(['paris', 'reunion']);
    // Each programme's cron runs in its own zone.
    expect(runtime.programmes.all.map((c) => jobTable(c).map((j) => j.timezone))).toEqual([
      ['Europe/Paris', 'Europe/Paris', 'Europe/Paris'],
      ['Indian/Reunion', 'Indian/Reunion', 'Indian/Reunion'],
    ]);
    const tick = async (at: string) => {
      clock.advance(new Date(at).getTime() - clock.now().getTime());
      for (const ctx of runtime.programmes.all) await catchUp(ctx);
      return messages.filter((m) => m.kind === 'prompt').map((m) => m.key);
    };

    // Friday 23 October: Paris is on summer time (UTC+2), La Réunion on UTC+4.
    expect(await tick('2026-10-23T09:59:00Z')).toEqual([]);
    expect(await tick('2026-10-23T10:00:00Z')).toEqual(['reunion/prompt:alice:2026-W43']);
    expect(await tick('2026-10-23T11:59:00Z')).toEqual(['reunion/prompt:alice:2026-W43']);
    expect(await tick('2026-10-23T12:00:00Z')).toEqual([
      'reunion/prompt:alice:2026-W43',
      'paris/prompt:alice:2026-W43',
    ]);

    // A restart the same afternoon sends nothing again.
    await runtimes.pop()?.close();
    runtime = await start();
    expect(await tick('2026-10-23T12:30:00Z')).toHaveLength(2);

    // Friday 30 October: Paris is back on UTC+1 (since Sunday 25), La Réunion has not moved.
    expect(await tick('2026-10-30T10:00:00Z')).toEqual([
      'reunion/prompt:alice:2026-W43',
      'paris/prompt:alice:2026-W43',
      'reunion/prompt:alice:2026-W44',
    ]);
    expect(await tick('2026-10-30T12:00:00Z')).toHaveLength(3);
    expect(await tick('2026-10-30T13:00:00Z')).toEqual([
      'reunion/prompt:alice:2026-W43',
      'paris/prompt:alice:2026-W43',
      'reunion/prompt:alice:2026-W44',
      'paris/prompt:alice:2026-W44',
    ]);
    await runtimes.pop()?.close();
    runtime = await start();
    expect(await tick('2026-10-30T13:05:00Z')).toHaveLength(4);
    // Each prompt went to Alice, once, and each programme recorded its own run.
    expect(
      await Promise.all(
        runtime.programmes.all.map(async (c) => (await c.store.listJobRuns('prompt')).length),
      ),
    ).toEqual([2, 2]);
  });
});
