// The `coaching-bot` command as an operator runs it (from the sources: test/e2e/production.test.ts runs the compiled
// bin): a real child process, real files, real exit codes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { COACHING_BOT, ROOT } from '../support/child.ts';

const run = promisify(execFile);

async function bot(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...COACHING_BOT, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'coaching-bot-cli-'));
}

describe('coaching-bot', () => {
  it('accepts the bundled example with a one-line summary', async () => {
    const result = await bot(['check', 'examples/programme.yml']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toContain(
      'valide — « Startups de Territoire — Hauts-de-France », 6 projets, 6 intrapreneurs',
    );
  });

  it('lists every mistake of a file with five, with where it is, and exits 1', async () => {
    const result = await bot(['check', 'test/fixtures/programme/five-mistakes.yml']);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines).toContain('projects[0].coach: personne inconnue "bobb"');
    // One line per problem, each starting with where it is.
    expect(lines.slice(0, 5).map((l) => l.split(':')[0])).toEqual([
      'programme.timezone',
      'programme',
      'phases[0].end',
      'projects[0].coach',
      'projects[0].intrapreneurs[0].manager',
    ]);
    expect(lines[5]).toContain('5 problèmes à corriger');
  });

  it('creates the database with migrate', async () => {
    const dir = tempDir();
    const result = await bot(['migrate'], { DATABASE_URL: `file:${dir}/bot.db` });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'bot.db'))).toBe(true);
  });

  it('prints the five phases with today marked', async () => {
    const dir = tempDir();
    const result = await bot(['status'], { DATABASE_URL: `file:${dir}/bot.db` });
    expect(result.code).toBe(0);
    for (const phase of [
      'Appel à intrapreneurs',
      'Sélection des projets en pré-incubation',
      'comité stratégique',
    ]) {
      expect(result.stdout).toContain(phase);
    }
    // Today is in a phase (marked), between two, or after the last: it is always said.
    expect(result.stdout).toMatch(/← aujourd’hui|Prochaine étape|Le programme est terminé/);
  });

  it('refuses an unknown week before touching the database', async () => {
    const dir = tempDir();
    const result = await bot(['evaluate', '--week', '2026-W60'], { DATABASE_URL: `file:${dir}/bot.db` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Semaine inconnue « 2026-W60 »');
    expect(existsSync(join(dir, 'bot.db'))).toBe(false);
  });

  it('refuses to evaluate a week that is not over, before touching the database', async () => {
    const dir = tempDir();
    const result = await bot(['evaluate', '--week', '2099-W10'], { DATABASE_URL: `file:${dir}/bot.db` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'La semaine 10, du 2 au 6 mars (2099-W10) n’est pas finie : ses rappels et son évaluation attendent sa fin.',
    );
    expect(existsSync(join(dir, 'bot.db'))).toBe(false);
  });

  it('refuses an empty report period', async () => {
    const dir = tempDir();
    const result = await bot(['report', '--from', '2026-W50', '--to', '2026-W40'], {
      DATABASE_URL: `file:${dir}/bot.db`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Période vide : --from 2026-W50 est après --to 2026-W40.');
    expect(existsSync(join(dir, 'bot.db'))).toBe(false);
  });

  it('refuses a bad programme file without writing the database', async () => {
    const dir = tempDir();
    const result = await bot(['status'], {
      DATABASE_URL: `file:${dir}/bot.db`,
      PROGRAMME_FILE: 'test/fixtures/programme/five-mistakes.yml',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('projects[0].coach: personne inconnue "bobb"');
    expect(existsSync(join(dir, 'bot.db'))).toBe(false);
  });

  it('refuses a programme file whose YAML alias contains itself, for check and start alike', async () => {
    const dir = tempDir();
    const file = join(dir, 'programme.yml');
    writeFileSync(file, 'programme: &p\n  name: x\n  again: *p\n');
    const sentence = `YAML invalide (${file}, ligne 3, colonne 10) : l’alias *p est à l’intérieur de la valeur &p qu’il recopie : elle se contiendrait elle-même à l’infini`;
    const check = await bot(['check', file]);
    expect([check.code, check.stderr.trim().split('\n')]).toEqual([
      1,
      [sentence, `${file} : 1 problème à corriger.`],
    ]);
    const start = await bot(['start'], {
      PROGRAMME_FILE: file,
      DATABASE_URL: `file:${dir}/bot.db`,
      PORT: '0',
    });
    expect([start.code, start.stderr.trim().split('\n')[0]]).toEqual([1, sentence]);
    expect(existsSync(join(dir, 'bot.db'))).toBe(false);
  });

  it('refuses an alias bomb in a programme file with what is wrong', async () => {
    const dir = tempDir();
    const file = join(dir, 'programme.yml');
    const levels = ['a: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 8; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(file, `${levels.join('\n')}\n`);
    const check = await bot(['check', file]);
    expect([check.code, check.stderr.trim().split('\n')[0]]).toEqual([
      1,
      `YAML invalide (${file}) : trop d’alias — recopiés les uns dans les autres, ils donneraient des millions de valeurs ; écrivez les valeurs sans alias`,
    ]);
  });

  it('leaves a corrupt database as it is and says so', async () => {
    const dir = tempDir();
    const file = join(dir, 'bot.db');
    writeFileSync(file, 'ceci n’est pas une base SQLite');
    const result = await bot(['status'], { DATABASE_URL: `file:${file}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('est illisible');
    expect(readFileSync(file, 'utf8')).toBe('ceci n’est pas une base SQLite');
  });

  it('prints the compliance report as CSV for a spreadsheet set to French', async () => {
    const dir = tempDir();
    const result = await bot(['report', '--from', '2026-W46', '--to', '2026-W47', '--format', 'csv'], {
      DATABASE_URL: `file:${dir}/bot.db`,
    });
    expect(result.code).toBe(0);
    // The byte-order mark first: a spreadsheet then reads the file as UTF-8 (trim() would drop it).
    expect(result.stdout.startsWith('\uFEFFSemaine;')).toBe(true);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'Semaine;Identifiant;Intrapreneur;Projet;Jour libéré;Jours libérés déclarés;En congés;Point de coaching;Point de coaching déclaré;Séance enregistrée par le coach;Alertes;Jours libérés attendus par semaine',
    );
    expect(lines).toHaveLength(1 + 6 * 2);
    expect(lines[1]).toBe(
      '2026-W46;alice;Alice Martin;transport-lycees;non demandé;;non;non demandé;;non;;1',
    );
  });

  it('writes the compliance report as an .xlsx workbook, which needs --output', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/bot.db` };
    const refused = await bot(['report', '--format', 'xlsx'], env);
    expect([refused.code, refused.stderr.trim()]).toEqual([
      1,
      'Le format xlsx s’écrit dans un fichier : ajoutez --output FICHIER.xlsx.',
    ]);
    const file = join(dir, 'conformité.xlsx');
    const args = ['report', '--from', '2026-W46', '--to', '2026-W47', '--format', 'xlsx', '--output', file];
    const result = await bot(args, env);
    expect([result.code, result.stdout.trim()]).toEqual([
      0,
      `Tableau de conformité écrit dans ${file} (12 lignes). Il contient des données personnelles : ne le diffusez qu’aux responsables du programme.`,
    ]);
    const [sheet] = await readXlsxFile(readFileSync(file));
    expect(sheet?.data).toHaveLength(1 + 6 * 2);
    expect(sheet?.data[1]).toEqual([
      '2026-W46',
      'alice',
      'Alice Martin',
      'transport-lycees',
      'non demandé',
      null,
      'non',
      'non demandé',
      null,
      'non',
      null,
      1,
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('says which variable to set when Slack is half configured', async () => {
    const result = await bot(['status'], { SLACK_SIGNING_SECRET: 'un-secret' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN: obligatoire pour utiliser Slack');
  });

  it('says what is wrong with each variable in French, zod’s words included', async () => {
    const result = await bot(['status'], {
      PORT: 'abc',
      MATTERMOST_URL: 'chat.exemple.fr',
      MATTERMOST_BOT_TOKEN: 'jeton',
      LOG_LEVEL: 'verbose',
      DASHBOARD_SECRET: 'court',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Configuration incorrecte :',
      '  PORT: un numéro de port, de 0 à 65535',
      '  MATTERMOST_URL: valeur incorrecte (URL invalide)',
      '  LOG_LEVEL: valeur incorrecte (Option invalide : une valeur parmi "debug"|"info"|"warn"|"error" attendue)',
      '  DASHBOARD_SECRET: au moins 16 caractères, par exemple ceux de « openssl rand -hex 32 »',
    ]);
  });

  it('says which command is unknown and exits 1', async () => {
    const result = await bot(['frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Commande inconnue « frobnicate »');
  });
});
