// Every `coaching-bot` verb with DATABASE_URL=postgres://…, as an operator of several instances runs them: what each
// prints, and what it stored in the database. The weekly verbs send through the sandbox (no chat platform set).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import { COACHING_BOT, ROOT } from '../support/child.ts';
import { TestClock } from '../support/fixtures.ts';
import { newPostgresDatabase } from '../support/postgres.ts';

const run = promisify(execFile);
const PROGRAMME_FILE = join(ROOT, 'examples/programme.yml');
const WEEK = '2026-W47';

describe('every CLI verb on PostgreSQL', () => {
  let databaseUrl: string;
  let pool: pg.Pool;
  let env: Record<string, string>;
  let dir: string;
  const clock = new TestClock(new Date());

  beforeAll(async () => {
    databaseUrl = await newPostgresDatabase('cli');
    pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    env = { PROGRAMME_FILE, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' };
    dir = mkdtempSync(join(tmpdir(), 'coaching-bot-pg-cli-'));
  });
  afterAll(() => pool?.end());

  /** The verb run as `coaching-bot` runs it, in this process (on the test's clock). */
  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const lines: string[] = [];
    const errors: string[] = [];
    const output: Output = { out: (t) => lines.push(t), err: (t) => errors.push(t) };
    const code = await main(args, output, env, { clock });
    return { code, out: lines.join('\n'), err: errors.join('\n') };
  }

  /** The verb in a process of its own, from the sources, as an operator types it. */
  async function command(args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [...COACHING_BOT, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
      });
      return { code: 0, out: stdout, err: stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout, err: e.stderr };
    }
  }

  const count = async (table: string) =>
    Number((await pool.query(`select count(*) as n from ${table}`)).rows[0].n);

  it('migrate creates the schema, and says where without the password', async () => {
    const where = databaseUrl.replace(`:${new URL(databaseUrl).password}@`, '@');
    expect(await command(['migrate'])).toEqual({ code: 0, out: `Base à jour : ${where}\n`, err: '' });
    expect(await count('people')).toBe(0);
    expect(await cli(['migrate'])).toEqual({ code: 0, out: `Base à jour : ${where}`, err: '' });
  });

  it('check validates the programme file', async () => {
    expect(await cli(['check'])).toEqual({
      code: 0,
      out: `${PROGRAMME_FILE} : valide — « Startups de Territoire — Hauts-de-France », 6 projets, 6 intrapreneurs, 5 phases.`,
      err: '',
    });
  });

  it('prompt, remind and evaluate --no-wait send the week through the sandbox', async () => {
    clock.setParis('2026-11-20', 14);
    expect(await cli(['prompt', '--week', WEEK, '--no-wait'])).toEqual({
      code: 0,
      out: 'prompt 2026-W47 : 6 envoyés sur 6.',
      err: '',
    });
    expect(await count('people')).toBe(15);
    clock.setParis('2026-11-23', 9, 30);
    expect(await cli(['remind', '--week', WEEK, '--no-wait'])).toEqual({
      code: 0,
      out: 'remind 2026-W47 : 6 envoyés sur 6.',
      err: '',
    });
    clock.setParis('2026-11-24', 9);
    expect(await cli(['evaluate', '--week', WEEK, '--no-wait'])).toEqual({
      code: 0,
      out: '2026-W47 évaluée : 6 alertes ; 2 messages envoyés sur 2.',
      err: '',
    });
    // Again: nothing twice.
    expect((await cli(['evaluate', '--week', WEEK, '--no-wait'])).out).toBe(
      '2026-W47 évaluée : 6 alertes ; 2 messages envoyés sur 2.',
    );
    const kinds = await pool.query(
      `select kind, count(*)::int as n, count(*) filter (where status = 'sent')::int as sent
       from outbox group by kind order by kind`,
    );
    expect(kinds.rows).toEqual([
      { kind: 'digest', n: 2, sent: 2 },
      { kind: 'prompt', n: 6, sent: 6 },
      { kind: 'reminder', n: 6, sent: 6 },
    ]);
  });

  it('status prints the phases', async () => {
    const result = await cli(['status']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      '▶ Début du programme et de la pré-incubation — du 16 octobre 2026 au 26 février 2027 (en cours) ← aujourd’hui',
    );
  });

  it('report prints the compliance table as CSV and as JSON', async () => {
    const csv = await cli(['report', '--from', WEEK, '--to', WEEK, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toBe(
      '2026-W47;alice;Alice Martin;transport-lycees;sans réponse;;non;sans réponse;;non;pas de réponse;1',
    );
    const json = await cli(['report', '--from', WEEK, '--to', WEEK, '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.rows).toHaveLength(6);
    expect(report.rows[0]).toMatchObject({ week: WEEK, intrapreneur: 'alice' });
  });

  it('pack writes the committee pack', async () => {
    const file = join(dir, 'pack.pdf');
    const result = await cli(['pack', '--output', file]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('export and erase --person answer a data-protection request', async () => {
    const exported = await cli(['export', '--person', 'mehdi']);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.out);
    expect(data.person).toBe('mehdi');
    expect(data.deliveries.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'digest',
      'digest',
      'prompt',
      'reminder',
    ]);
    const erased = await cli(['erase', '--person', 'mehdi', '--yes']);
    expect(erased.code).toBe(0);
    expect(erased.out).toMatch(/anonyme-[0-9a-f]{8}/);
    expect(erased.err).toContain('figure encore dans');
    expect((await pool.query(`select count(*)::int as n from people where id = 'mehdi'`)).rows).toEqual([
      { n: 0 },
    ]);
  });

  it('backup says to use pg_dump, with the command but not the password, and writes nothing', async () => {
    const file = join(dir, 'sauvegarde.dump');
    const result = await command(['backup', file]);
    const where = databaseUrl.replace(`:${new URL(databaseUrl).password}@`, '@');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('Sur PostgreSQL, la sauvegarde se fait avec pg_dump');
    expect(result.err).toContain(`  pg_dump --format=custom --file='${file}' '${where}'\n`);
    expect(new URL(databaseUrl).password).not.toBe('');
    expect(result.err).not.toContain(`:${new URL(databaseUrl).password}@`);
  });
});
