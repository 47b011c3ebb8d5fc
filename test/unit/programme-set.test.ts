// PROGRAMME_FILE naming a directory: each *.yml/*.yaml is one programme. Every problem of every file is told, per file;
// two files with one id stop the start; `programme.id` keeps a programme's rows when it is renamed.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { main } from '../../src/cli/main.ts';
import { readEnv } from '../../src/config/env.ts';
import { formatProblem } from '../../src/config/programme-file.ts';
import { loadProgrammeSet } from '../../src/config/programme-set.ts';
import { openRuntime } from '../../src/runtime.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const minimal = readFileSync(
  fileURLToPath(new URL('../fixtures/programme/valid-minimal.yml', import.meta.url)),
  'utf8',
);

/** A directory holding these files (name → text). */
function directory(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-programmes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The minimal programme under another name, with an id when given. */
function programme(name: string, id?: string): string {
  const head = id === undefined ? '' : `  id: ${id}\n`;
  return minimal.replace("  name: Programme d'essai\n", `${head}  name: ${name}\n`);
}

async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    { LOG_LEVEL: 'error', ...env },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a directory of programme files', () => {
  it('loads each *.yml and *.yaml in name order, and nothing else', () => {
    const dir = directory({
      'b.yaml': programme('Bretagne', 'bzh'),
      'a.yml': programme('Auvergne'),
      'notes.txt': 'not a programme',
    });
    mkdirSync(join(dir, 'old.yml'));
    const load = loadProgrammeSet(dir);
    if (!load.ok) throw new Error(JSON.stringify(load.files));
    expect(load.programmes.map((p) => [p.file, p.programme.key])).toEqual([
      [join(dir, 'a.yml'), 'auvergne'],
      [join(dir, 'b.yaml'), 'bzh'],
    ]);
  });

  it('refuses two files with the same id, naming both', () => {
    const dir = directory({
      'a.yml': programme('Auvergne', 'centre'),
      'b.yml': programme('Berry', 'centre'),
    });
    const load = loadProgrammeSet(dir);
    if (load.ok) throw new Error('expected a refusal');
    expect(load.files.map((f) => [f.file, f.problems.map(formatProblem)])).toEqual([
      [
        join(dir, 'b.yml'),
        [
          `programme.id: identifiant de programme "centre" déjà pris par ${join(dir, 'a.yml')} : donnez à chaque programme son propre programme.id`,
        ],
      ],
    ]);
  });

  it('refuses two files whose names give the same key when neither has an id', () => {
    const dir = directory({ 'a.yml': programme('Île-de-France'), 'b.yml': programme('Ile de France') });
    const load = loadProgrammeSet(dir);
    if (load.ok) throw new Error('expected a refusal');
    expect(load.files[0]?.problems.map(formatProblem)).toEqual([
      `programme.name: identifiant de programme "ile-de-france" déjà pris par ${join(dir, 'a.yml')} : donnez à chaque programme son propre programme.id`,
    ]);
  });

  it('refuses an id that is not lowercase letters, digits and dashes', () => {
    const dir = directory({ 'a.yml': programme('Auvergne', 'Auvergne_1') });
    const load = loadProgrammeSet(dir);
    if (load.ok) throw new Error('expected a refusal');
    expect(load.files[0]?.problems.map(formatProblem)).toEqual([
      'programme.id: identifiant de programme invalide "Auvergne_1" : minuscules, chiffres et « - » entre deux mots, ex. "hauts-de-france"',
    ]);
  });

  it('stops at one bad file among good ones, telling every problem of each bad file and nothing of the good', async () => {
    const dir = directory({
      'a.yml': programme('Auvergne', 'auvergne'),
      'b.yml': programme('Berry', 'berry').replace('coach: bob', 'coach: bobb'),
      'c.yml': programme('Corse', 'corse')
        .replace('timezone', 'x')
        .replace('owners: [claire]', 'owners: [claira]'),
    });
    const url = tempDatabaseUrl();
    const result = await cli(['check'], { PROGRAMME_FILE: dir, DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toEqual([
      'projects[0].coach: personne inconnue "bobb"',
      `${join(dir, 'b.yml')} : 1 problème à corriger.`,
      'owners[0]: personne inconnue "claira"',
      `${join(dir, 'c.yml')} : 1 problème à corriger.`,
    ]);
    // The start refuses the same way, before it writes anything.
    const status = await cli(['status'], { PROGRAMME_FILE: dir, DATABASE_URL: url });
    expect(status.code).toBe(1);
    expect(status.err).toBe(result.err);
  });

  it('checks a whole directory with `check DIR`, warning where a programme has no id', async () => {
    const dir = directory({ 'a.yml': programme('Auvergne'), 'b.yml': programme('Berry', 'berry') });
    const result = await cli(['check', dir], { DATABASE_URL: tempDatabaseUrl() });
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      `${join(dir, 'a.yml')} : valide — « Auvergne », 1 projet, 1 intrapreneur, 2 phases.`,
      `${join(dir, 'b.yml')} : valide — « Berry », 1 projet, 1 intrapreneur, 2 phases.`,
    ]);
    expect(result.err).toBe(
      `${join(dir, 'a.yml')}: pas de programme.id : la clé du programme en base est tirée de son nom ("auvergne") ; renommer le programme en commencerait un nouveau, sans son historique. Ajoutez « id: auvergne » sous programme pour pouvoir le renommer.`,
    );
  });
});

describe('renaming a programme', () => {
  const week = '2026-W44';
  const clock = new TestClock(new Date('2026-10-30T15:00:00Z'));

  async function answers(file: string, url: string): Promise<{ key: string; answers: number }> {
    const env = readEnv({ PROGRAMME_FILE: file, DATABASE_URL: url });
    const runtime = await openRuntime(env, { logger: silentLogger, clock });
    try {
      const found = await runtime.ctx.store.getAnswer('alice', week);
      return { key: runtime.ctx.programme.key, answers: found ? 1 : 0 };
    } finally {
      await runtime.close();
    }
  }

  async function answer(file: string, url: string): Promise<void> {
    const env = readEnv({ PROGRAMME_FILE: file, DATABASE_URL: url });
    const runtime = await openRuntime(env, { logger: silentLogger, clock });
    try {
      await runtime.ctx.store.saveAnswer({
        intrapreneur: 'alice',
        week,
        coachingHeld: true,
        answeredBy: 'alice',
        answeredAt: clock.now(),
        updatedAt: clock.now(),
      });
    } finally {
      await runtime.close();
    }
  }

  it('keeps its history under its id', async () => {
    const dir = directory({ 'p.yml': programme('Auvergne', 'auv') });
    const url = tempDatabaseUrl();
    await answer(join(dir, 'p.yml'), url);
    writeFileSync(join(dir, 'p.yml'), programme('Auvergne-Rhône-Alpes', 'auv'));
    expect(await answers(join(dir, 'p.yml'), url)).toEqual({ key: 'auv', answers: 1 });
  });

  it('starts a new programme without an id (what `check` warns of)', async () => {
    const dir = directory({ 'p.yml': programme('Auvergne') });
    const url = tempDatabaseUrl();
    await answer(join(dir, 'p.yml'), url);
    expect(await answers(join(dir, 'p.yml'), url)).toEqual({ key: 'auvergne', answers: 1 });
    writeFileSync(join(dir, 'p.yml'), programme('Auvergne-Rhône-Alpes'));
    expect(await answers(join(dir, 'p.yml'), url)).toEqual({ key: 'auvergne-rhone-alpes', answers: 0 });
  });
});
