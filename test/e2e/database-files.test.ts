// The database the operator points at, as the `coaching-bot` command meets it: a URL of a kind the bot does not
// support, a path it cannot create, a file or a folder it may not write. Every verb says what is wrong and what to do,
// in one sentence and with exit code 1, and changes nothing.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import { COACHING_BOT, ROOT } from '../support/child.ts';

const run = promisify(execFile);
const PROGRAMME_FILE = join(ROOT, 'examples/programme.yml');

/** Every verb that opens the database, with what it needs to get that far. */
const VERBS = [
  ['start'],
  ['migrate'],
  ['status'],
  ['report'],
  ['prompt'],
  ['evaluate'],
  ['export', '--person', 'alice'],
  ['erase', '--person', 'alice', '--yes'],
  ['backup', 'copie.db'],
];

async function bot(args: string[], env: Record<string, string>, cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...COACHING_BOT, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env },
      // A verb that took the URL for a file name would start a server: it is stopped here, and the test fails.
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function inProcess(args: string[], env: Record<string, string>) {
  const errors: string[] = [];
  const output: Output = { out: () => {}, err: (text) => errors.push(text) };
  const code = await main(args, output, { PROGRAMME_FILE, LOG_LEVEL: 'error', ...env });
  return { code, stderr: errors.join('\n') };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'coaching-bot-files-'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Makes `path` unwritable for the user running the tests: immutable when that user is root (root ignores
 * permissions), read-only otherwise. Undone by the function returned.
 */
function forbidWrites(path: string, mode: number): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path]);
    return () => execFileSync('chattr', ['-i', path]);
  }
  chmodSync(path, mode);
  return () => chmodSync(path, 0o755);
}

describe('DATABASE_URL of a kind the bot does not support', () => {
  const url = 'mysql://coach:s3cret-pass@db.example.org:3306/bot';
  const refusal =
    'Configuration incorrecte :\n  DATABASE_URL: « mysql: » n’est pas un type de base pris en charge : indiquez un fichier SQLite, file:CHEMIN (par exemple file:./data/coaching-bot.db), ou un serveur PostgreSQL, postgres://UTILISATEUR:MOT_DE_PASSE@SERVEUR:5432/BASE.';

  it('is refused by every verb, naming the scheme, never the user or password', async () => {
    for (const args of VERBS) {
      expect([args[0], await inProcess(args, { DATABASE_URL: url })]).toEqual([
        args[0],
        { code: 1, stderr: refusal },
      ]);
    }
  });

  it('is refused at start as the operator runs it, and no folder is named after the credentials', async () => {
    const cwd = tempDir();
    const env = { PROGRAMME_FILE, DATABASE_URL: url };
    const results = await Promise.all([bot(['start'], env, cwd), bot(['migrate'], env, cwd)]);
    expect(results).toEqual([
      { code: 1, stdout: '', stderr: `${refusal}\n` },
      { code: 1, stdout: '', stderr: `${refusal}\n` },
    ]);
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);
});

describe('a PostgreSQL URL the bot cannot use', () => {
  it('is refused by every verb when it does not parse, never repeating the password', async () => {
    const refusal =
      'Configuration incorrecte :\n  DATABASE_URL: cette adresse postgres:// ne se lit pas. Attendu : postgres://UTILISATEUR:MOT_DE_PASSE@SERVEUR:5432/BASE, où les caractères @ : / ? # % du mot de passe s’écrivent %40 %3A %2F %3F %23 %25.';
    for (const args of VERBS) {
      expect([
        args[0],
        await inProcess(args, { DATABASE_URL: 'postgres://coach:50%off@db.example.org/bot' }),
      ]).toEqual([args[0], { code: 1, stderr: refusal }]);
    }
  });

  it('names the server that does not answer, without the password', async () => {
    // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
    const env = { DATABASE_URL: 'postgres://coach:s3cret-pass@127.0.0.1:9/bot' };
    for (const args of [['migrate'], ['status'], ['export', '--person', 'alice']]) {
      const result = await inProcess(args, env);
      expect([args[0], result]).toEqual([
        args[0],
        {
          code: 1,
          stderr:
            'Le serveur PostgreSQL de la base postgres://coach@127.0.0.1:9/bot ne répond pas ou refuse la connexion (connect ECONNREFUSED 127.0.0.1:9) : vérifiez qu’il tourne, que l’adresse, l’utilisateur, le mot de passe et le nom de la base donnés dans DATABASE_URL sont justes, et qu’il accepte les connexions de cette machine. Rien n’a été écrit.',
        },
      ]);
    }
  });
});

describe('a database the bot cannot write', () => {
  it('says that a folder of the path is a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data'), 'not a folder');
    const path = join(dir, 'data', 'bot.db');
    expect(await inProcess(['status'], { DATABASE_URL: `file:${path}` })).toEqual({
      code: 1,
      stderr: `Impossible de créer la base ${path} : ${join(dir, 'data')} existe et n’est pas un dossier. Indiquez dans DATABASE_URL un chemin dont les dossiers existent ou peuvent être créés.`,
    });
  });

  it('says that the path is a folder', async () => {
    const dir = tempDir();
    const path = join(dir, 'bot.db');
    mkdirSync(path);
    expect(await inProcess(['migrate'], { DATABASE_URL: `file:${path}` })).toEqual({
      code: 1,
      stderr: `${path} est un dossier, pas un fichier de base : indiquez dans DATABASE_URL le chemin d’un fichier, par exemple file:${path}/coaching-bot.db.`,
    });
  });

  it('says that SQLite cannot create its files beside the database', async () => {
    const dir = tempDir();
    const path = join(dir, 'bot.db');
    expect((await inProcess(['migrate'], { DATABASE_URL: `file:${path}` })).code).toBe(0);
    const before = sha256(path);
    // Where SQLite writes its WAL, something that is not a file.
    mkdirSync(`${path}-wal`);
    const result = await bot(['status'], { PROGRAMME_FILE, DATABASE_URL: `file:${path}` }, dir);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `La base ${path} ne peut être ni ouverte ni écrite (SQLITE_CANTOPEN) : vérifiez que le disque répond et que le bot peut créer des fichiers dans son dossier (SQLite y crée ${path}-wal et ${path}-shm).\n`,
    });
    expect(sha256(path)).toBe(before);
  }, 60_000);

  it('says, for every verb, that the file may not be written and what to do, and leaves it as it was', async () => {
    const dir = tempDir();
    const path = join(dir, 'bot.db');
    const env = { DATABASE_URL: `file:${path}` };
    expect((await inProcess(['migrate'], env)).code).toBe(0);
    const before = sha256(path);
    const allow = forbidWrites(path, 0o444);
    try {
      for (const args of VERBS) {
        const result = await inProcess(args, env);
        expect([args[0], result.code]).toEqual([args[0], 1]);
        expect(result.stderr).toMatch(
          new RegExp(
            `^Le bot ne peut pas écrire ${path} \\((EPERM|EACCES)\\) : fichier ou dossier en lecture seule`,
          ),
        );
        // The account the bot runs as: the one to give the right to.
        expect(result.stderr).toContain(
          `La base n’a pas été modifiée. Donnez à l’utilisateur ${userInfo().username} (uid ${process.getuid?.()}) le droit d’écrire la base ${path} et son dossier`,
        );
        expect(result.stderr).toContain('ou indiquez une autre base avec DATABASE_URL.');
        expect(result.stderr).not.toContain('    at ');
      }
      // As the operator sees it: one sentence, exit 1, no stack trace.
      const spawned = await bot(['status'], { PROGRAMME_FILE, ...env }, dir);
      expect(spawned.code).toBe(1);
      expect(spawned.stderr.trim().split('\n')).toHaveLength(1);
      expect(spawned.stderr).toContain(`Le bot ne peut pas écrire ${path}`);
    } finally {
      allow();
    }
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['bot.db']);
  }, 60_000);

  it('says that the folder may not be written when SQLite must create its files there', async () => {
    const dir = tempDir();
    const folder = join(dir, 'data');
    const path = join(folder, 'bot.db');
    const env = { DATABASE_URL: `file:${path}` };
    expect((await inProcess(['migrate'], env)).code).toBe(0);
    const allow = forbidWrites(folder, 0o555);
    try {
      const result = await inProcess(['report'], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^Le bot ne peut pas écrire ${folder} \\((EPERM|EACCES)\\) : `),
      );
      expect(result.stderr).toContain(`le droit d’écrire la base ${path} et son dossier`);
    } finally {
      allow();
    }
  });
});
