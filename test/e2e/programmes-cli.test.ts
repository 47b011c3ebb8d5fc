// The CLI over the bundled directory of two programmes (Hauts-de-France and La Réunion): every verb acts on each
// programme in turn, under its name, or on the one `--programme` names; `export --person` finds the person in every
// programme they are in and says which.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { main } from '../../src/cli/main.ts';
import { readEnv } from '../../src/config/env.ts';
import { openRuntime } from '../../src/runtime.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const DIR = fileURLToPath(new URL('../../examples/programmes', import.meta.url));
const HDF = 'startups-de-territoire-hauts-de-france';

describe('the CLI with PROGRAMME_FILE naming a directory', () => {
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);
  const url = tempDatabaseUrl();

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      args,
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { PROGRAMME_FILE: DIR, DATABASE_URL: url, LOG_LEVEL: 'error' },
      { clock },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    // Sophie coaches in both programmes: one session logged in each.
    const runtime = await openRuntime(readEnv({ PROGRAMME_FILE: DIR, DATABASE_URL: url }), {
      logger: silentLogger,
      clock,
    });
    const session = (intrapreneur: string) => ({
      intrapreneur,
      loggedBy: 'sophie',
      date: '2026-11-26',
      notes: 'revue',
      loggedAt: clock.now(),
    });
    await runtime.programmes.get(HDF)?.store.addCoachingSession(session('camille'));
    await runtime.programmes.get('reunion')?.store.addCoachingSession(session('lea'));
    await runtime.close();
  });

  it('prints each programme’s status under its name, in file order', async () => {
    const result = await cli(['status']);
    expect(result.code).toBe(0);
    const headings = result.out.split('\n').filter((l) => l.startsWith('== '));
    expect(headings).toEqual([
      `== Startups de Territoire — Hauts-de-France (${HDF}) ==`,
      '== Startups de Territoire — La Réunion (reunion) ==',
    ]);
    const one = await cli(['status', '--programme', 'reunion']);
    expect(one.out.split('\n').filter((l) => l.startsWith('== '))).toEqual([]);
    expect(result.out).toContain(one.out);
  });

  it('refuses a programme it does not serve, naming those it does', async () => {
    const result = await cli(['status', '--programme', 'bretagne']);
    expect(result).toMatchObject({
      code: 1,
      err: `Programme inconnu : bretagne. Programmes servis : ${HDF}, reunion.`,
    });
  });

  it('gives the report of both as one JSON array, the programme on each row', async () => {
    const result = await cli(['report', '--format', 'json']);
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.out) as {
      programme: string;
      weeks: string[];
      rows: { programme: string }[];
    }[];
    expect(reports.map((r) => r.programme)).toEqual([HDF, 'reunion']);
    // Six intrapreneurs in Hauts-de-France, three in La Réunion: one row each per week of the report.
    expect(reports.map((r) => r.rows.length / r.weeks.length)).toEqual([6, 3]);
    for (const report of reports) {
      expect(new Set(report.rows.map((r) => r.programme))).toEqual(new Set([report.programme]));
    }
    // One programme's report names no programme, as before.
    const one = await cli(['report', '--format', 'json', '--programme', 'reunion']);
    expect(JSON.parse(one.out).rows[0].programme).toBeUndefined();
  });

  it('exports a person from every programme they are in, and says which', async () => {
    const result = await cli(['export', '--person', 'sophie']);
    expect(result.code).toBe(0);
    expect(result.err).toBe(`sophie figure dans les programmes : ${HDF}, reunion.`);
    const exports = JSON.parse(result.out) as { programme: { key: string } }[];
    expect(exports.map((e) => e.programme.key)).toEqual([HDF, 'reunion']);
  });

  it('asks which programme for a verb that works on one', async () => {
    const result = await cli(['pack', '--output', '/tmp/never-written.pdf']);
    expect(result).toMatchObject({
      code: 1,
      err: `coaching-bot pack agit sur un seul programme : précisez --programme parmi ${HDF}, reunion.`,
    });
  });
});
