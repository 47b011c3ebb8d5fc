// Several `coaching-bot start` processes on one PostgreSQL database, behind one Slack: each scheduled run happens
// once in all; a fan-out survives an instance killed at any point (the others take its claims over after the lease,
// look each one up on Slack, and finish) or stopped (it hands its claims back at once); every instance answers
// commands and clicks, and a request replayed to another instance is acted on once; instances starting together on
// an empty database migrate it once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, type ExpectStatic, expect, it } from 'vitest';
import { ROOT } from '../support/child.ts';
import { cohort } from '../support/cohort.ts';
import { exampleProgramme } from '../support/fixtures.ts';
import { type Instance, promptsOf, startInstance, startWorld, type World } from '../support/instances.ts';

const WEEK = '2026-W47';
/** Friday 20 November 2026, a few seconds after 14:00 in Paris: the prompt's slot has just come. */
const SLOT = '2026-11-20T13:00:05Z';
/** Past the outbox's lease (10 minutes) and the scheduled run's (5 minutes). */
const PAST_THE_LEASES_MS = 11 * 60_000;
const EXAMPLE_INTRAPRENEURS = ['alice', 'camille', 'elodie', 'mehdi', 'nicolas', 'pierre'];

const exampleYaml = () => readFileSync(join(ROOT, 'examples/programme.yml'), 'utf8');

describe('several instances on one PostgreSQL database', () => {
  const worlds: World[] = [];
  const instances: { child: Instance['child'] }[] = [];
  afterEach(async () => {
    for (const { child } of instances.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.exited;
    }
    for (const world of worlds.splice(0)) await world.close();
  });

  async function world(...args: Parameters<typeof startWorld>): Promise<World> {
    const started = await startWorld(...args);
    worlds.push(started);
    return started;
  }

  function start(w: World, options: Parameters<typeof startInstance>[1]) {
    const started = startInstance(w, options);
    instances.push(started);
    return started;
  }

  it('migrate an empty database once when they start together, and are all ready', async () => {
    const w = await world(exampleProgramme(), exampleYaml());
    const started = [0, 1].map(() => start(w, { clockStart: '2026-11-18T10:00:00Z' }));
    const ready = await Promise.all(started.map((s) => s.ready));
    for (const instance of ready) {
      const readyz = await fetch(instance.url.replace('/slack/events', '/readyz'));
      expect(await readyz.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', scheduler: 'ok', platforms: { slack: 'ok' } },
      });
    }
    const migrations = readFileSync(join(ROOT, 'drizzle/pg/meta/_journal.json'), 'utf8');
    const count = (JSON.parse(migrations) as { entries: unknown[] }).entries.length;
    expect(await w.query('select count(*)::int as n from drizzle.__drizzle_migrations')).toEqual([
      { n: count },
    ]);
    expect(await w.query('select count(*)::int as n from programmes')).toEqual([{ n: 1 }]);
    expect(await w.query('select count(*)::int as n from people')).toEqual([
      { n: w.programme.people.length },
    ]);
    // Logs name the instance, and each has its own name.
    const names = ready.map((i) => i.logs().find((l) => l.msg === 'http: listening')?.instance);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^.+:\d+:[0-9a-f]{6}$/);
  }, 60_000);

  it('run a scheduled prompt once in all: three instances fire the slot, one runs it', async () => {
    const w = await world(exampleProgramme(), exampleYaml());
    const ready = await Promise.all([0, 1, 2].map(() => start(w, { clockStart: SLOT }).ready));
    expect(promptsOf(w, EXAMPLE_INTRAPRENEURS, WEEK)).toEqual(
      Object.fromEntries(EXAMPLE_INTRAPRENEURS.map((p) => [p, 1])),
    );
    const runs = ready.flatMap((i) => i.logs().filter((l) => l.msg === 'scheduler: running job'));
    expect(runs.map((l) => [l.job, l.week])).toEqual([['prompt', WEEK]]);
    const ledger = await w.query<{ job: string; week: string; done: boolean }>(
      'select job, week, finished_at is not null as done from job_runs',
    );
    expect(ledger).toEqual([{ job: 'prompt', week: WEEK, done: true }]);
  }, 60_000);

  it('answer commands and clicks for the same week, each request acted on once whichever instance it reaches', async () => {
    const w = await world(exampleProgramme(), exampleYaml());
    const [a, b] = await Promise.all([
      start(w, { clockStart: SLOT }).ready,
      start(w, { clockStart: SLOT }).ready,
    ]);
    if (!a || !b) throw new Error('not started');
    const alice = w.slackId('alice');
    const [prompt] = w.slack.directMessages(alice);
    if (!prompt) throw new Error('alice got no prompt');

    // A click on one instance, the next on the other: both recorded, and the message redrawn each time.
    expect((await a.workspace.click(alice, prompt, '1')).status).toBe(200);
    await w.slack.until(() => prompt.edits === 1, 'the check-in redrawn by the first instance');
    expect((await b.workspace.click(alice, prompt, 'Oui')).status).toBe(200);
    await w.slack.until(() => prompt.edits === 2, 'the check-in redrawn by the second instance');
    expect(
      await w.query('select intrapreneur, released_days, coaching_held from checkins order by intrapreneur'),
    ).toEqual([{ intrapreneur: 'alice', released_days: 1, coaching_held: true }]);

    // A coach logs a session on one instance; the same signed request replayed to the other is acknowledged and
    // ignored: one session, not two.
    const julien = w.slackId('julien');
    const log = a.workspace.signed(
      'slash_commands',
      a.workspace.commandPayload(julien, '/coaching', `log <@${alice}> 45min revue du POC`),
    );
    expect((await log.send()).status).toBe(200);
    await w.slack.until(() => w.slack.ephemerals.some((e) => e.user === julien), 'the coach’s confirmation');
    const replay = await fetch(b.url, { method: 'POST', headers: log.headers, body: log.body });
    expect(replay.status).toBe(200);
    // Both answered from their own process; the second one's logs say it ignored a replay.
    await expect.poll(() => b.logs().some((l) => l.msg === 'slack: replayed request ignored')).toBe(true);
    expect(await w.query('select intrapreneur, duration_minutes, notes from coaching_sessions')).toEqual([
      { intrapreneur: 'alice', duration_minutes: 45, notes: 'revue du POC' },
    ]);

    // Each instance answers /phase.
    for (const instance of [a, b]) {
      const answer = await instance.workspace.ask(w.slackId('claire'), '/phase');
      expect(answer.text).toContain('Début du programme et de la pré-incubation');
    }
  }, 60_000);
});

// The trials run one after the other, each with its own database, Slack and processes: side by side, eight bot
// processes on a small machine made each trial wait on the others more than on what it tests.
describe('a fan-out of 1,000 prompts shared by instances', () => {
  const SIZE = 1000;

  /**
   * Two instances start at the prompt's slot; one takes the run, and the one that sends (it holds the sending lease:
   * the one that took the run, or the other, whichever took the lease first) is sent `signal` once `after` prompts
   * have reached Slack. Resolves once every intrapreneur has a prompt and the outbox says all were sent.
   */
  async function trial(expect: ExpectStatic, signal: 'SIGKILL' | 'SIGTERM', after: number) {
    const c = cohort(SIZE);
    const w = await startWorld(c.programme, c.yaml);
    const started = [0, 1].map(() =>
      startInstance(w, { clockStart: SLOT, clockJumpMs: PAST_THE_LEASES_MS, pace: 400 }),
    );
    // Not waited for: an instance catches the slot up before it says it listens, and may be killed before it does.
    for (const { ready } of started) ready.catch(() => undefined);
    try {
      const delivered = () => w.slack.messages.length;
      await w.slack.until(() => delivered() >= after, `${after} prompts delivered`, 180_000);
      // The one that sends is the one whose logs say so: one sender at a time, the other leaves the outbox to it.
      const sender = () => started.find((s) => s.child.stderr().includes('"msg":"outbox: sent"'));
      await w.slack.until(() => sender() !== undefined, 'the sending instance’s log of a prompt sent');
      const running = sender();
      const other = started.find((s) => s !== running);
      if (!running || !other) throw new Error('no instance sends');
      expect(other.child.stderr()).not.toContain('"msg":"outbox: sent"');
      const ranTheJob = running.child.stderr().includes('scheduler: running job');
      running.child.process.kill(signal);
      const stopped = await running.child.exited;
      const at = delivered();
      // After a kill, time must pass for the leases to end; after a stop, nothing is waited for.
      if (signal === 'SIGKILL') other.child.process.kill('SIGUSR2');
      await w.slack.until(() => delivered() >= SIZE, `every prompt delivered (stopped at ${at})`, 180_000);
      const sent = async () =>
        (await w.query<{ n: number }>("select count(*)::int as n from outbox where status = 'sent'"))[0]?.n;
      await expect.poll(sent, { timeout: 30_000, interval: 500 }).toBe(SIZE);
      const counts = Object.values(promptsOf(w, c.intrapreneurs, WEEK));
      return { stopped, counts, logs: running.child.stderr(), ranTheJob };
    } finally {
      for (const { child } of started) {
        if (child.process.exitCode === null && child.process.signalCode === null)
          child.process.kill('SIGKILL');
        await child.exited;
      }
      await w.close();
    }
  }

  for (const [index, fraction] of [Math.random(), Math.random(), Math.random()].entries()) {
    const after = 1 + Math.floor(fraction * (SIZE - 2));
    it(`finishes with every prompt sent once when the sending instance is killed (trial ${index + 1}, after ${after})`, async ({
      expect,
    }) => {
      const { stopped, counts } = await trial(expect, 'SIGKILL', after);
      expect(stopped.signal).toBe('SIGKILL');
      expect(counts.length).toBe(SIZE);
      expect(counts.filter((n) => n !== 1)).toEqual([]);
    }, 420_000);
  }

  it('finishes at once, without waiting for a lease, when the sending instance is stopped with SIGTERM', async ({
    expect,
  }) => {
    const after = 100 + Math.floor(Math.random() * 700);
    const { stopped, counts, logs, ranTheJob } = await trial(expect, 'SIGTERM', after);
    expect([stopped.code, stopped.signal]).toEqual([0, null]);
    expect(logs).toContain('outbox: stopping, unsent messages handed back');
    // The run is handed back too when the instance that sent was running it; otherwise it was long done.
    expect(logs.includes('scheduler: job interrupted, handed back')).toBe(ranTheJob);
    expect(counts.length).toBe(SIZE);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
  }, 420_000);
});
