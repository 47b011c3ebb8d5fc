// The `coaching-bot` command as an operator runs it (from the sources: test/e2e/production.test.ts runs the compiled
// bin): a real child process, real files, real exit codes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
    expect(result.stderr).toContain('La semaine 2099-W10 n’est pas encore venue ou pas encore finie');
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

  it('leaves a corrupt database as it is and says so', async () => {
    const dir = tempDir();
    const file = join(dir, 'bot.db');
    writeFileSync(file, 'ceci n’est pas une base SQLite');
    const result = await bot(['status'], { DATABASE_URL: `file:${file}` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('est illisible');
    expect(readFileSync(file, 'utf8')).toBe('ceci n’est pas une base SQLite');
  });

  it('prints the compliance report as CSV', async () => {
    const dir = tempDir();
    const result = await bot(['report', '--from', '2026-W46', '--to', '2026-W47', '--format', 'csv'], {
      DATABASE_URL: `file:${dir}/bot.db`,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'week,intrapreneur,name,project,release,releasedDays,leave,coaching,coachingAnswered,coachingLogged,alerts',
    );
    expect(lines).toHaveLength(1 + 6 * 2);
    expect(lines[1]).toMatch(/^2026-W46,alice,Alice Martin,transport-lycees,not_asked,/);
  });

  it('says which variable to set when Slack is half configured', async () => {
    const result = await bot(['status'], { SLACK_SIGNING_SECRET: 'un-secret' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN: obligatoire pour utiliser Slack');
  });

  it('says which command is unknown and exits 1', async () => {
    const result = await bot(['frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Commande inconnue « frobnicate »');
  });
});
