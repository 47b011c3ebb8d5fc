// The README and the manuals stay true: every command they show in a shell block is run here (the bot's own commands,
// in a scratch folder), or checked against what it names (an npm script, a test file, a log line, an HTTP route, an
// environment variable). What only an operator can run on a server (Docker, systemd, sudo) is listed as such, and a
// command of no known kind fails the test: whoever adds one to the docs says here how it stays true.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COACHING_BOT, ROOT } from '../support/child.ts';

const run = promisify(execFile);

interface Shown {
  page: string;
  command: string;
}

const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** The fenced blocks of a language, as their text. */
function blocks(page: string, language: string): string[] {
  return [...read(page).matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] as string,
  );
}

/** Each command of the `sh` blocks: continuation lines joined, comments and blank lines left out. */
function shownCommands(): Shown[] {
  return PAGES.flatMap((page) =>
    blocks(page, 'sh').flatMap((block) =>
      block
        .replace(/\\\n\s*/g, ' ')
        .split('\n')
        .map((line) => line.replace(/\s+#\s.*$/, '').trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((command) => ({ page, command })),
    ),
  );
}

const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
let sourceText: string | undefined;
/** Whether the bot's sources hold `text` (all of src, read once). */
function inSources(text: string): boolean {
  sourceText ??= execFileSync('grep', ['-rh', '--include=*.ts', '', join(ROOT, 'src')], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return sourceText.includes(text);
}

/** Commands an operator runs on a server or in a container: not runnable here, and nothing in them to check. */
const SERVER = [
  /^sudo (useradd|install|systemctl|-u coaching-bot) /,
  /^cd \/(opt|var)\//,
  /^docker (build|run|stop|logs) /,
  /^journalctl -u coaching-bot -f$/,
];

type Check = (shown: Shown) => Promise<void> | void;

/** The bot's own command line, run from the sources in a scratch folder with its own database. */
async function runBot(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...COACHING_BOT, ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'error',
        DATABASE_URL: `file:${join(cwd, 'data', 'bot.db')}`,
        ...(existsSync(join(cwd, 'programme.yml'))
          ? {}
          : { PROGRAMME_FILE: join(ROOT, 'examples/programme.yml') }),
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Splits a command line as the shell would for these simple commands (no quotes in them). */
function words(command: string): string[] {
  return command.split(/\s+/);
}

const KINDS: { name: string; matches: RegExp; check: Check }[] = [
  {
    name: 'an environment variable the bot reads',
    matches: /^export /,
    check: ({ command }) => {
      for (const [, name] of command.matchAll(/([A-Z_]+)=/g)) {
        expect(read('src/config/env.ts'), `${name} is read by src/config/env.ts`).toContain(`${name}:`);
      }
    },
  },
  {
    name: 'npm test, run by CI',
    matches: /^npm test$/,
    check: () => {
      expect(packageJson.scripts.test).toContain('vitest run');
      expect(read('.ci/run')).toMatch(/^npm test$/m);
    },
  },
  {
    name: 'npm install and npm start (run by test/e2e/production.test.ts, the image command being npm start)',
    matches: /^(npm install && npm start|npm start|sudo npm ci|sudo npm prune --omit=dev)$/,
    check: () => {
      expect(packageJson.scripts.start).toBe('node --max-semi-space-size=4 bin/coaching-bot.js start');
      expect(packageJson.scripts.prepare).toBe(packageJson.scripts.build);
      expect(read('test/e2e/production.test.ts')).toContain('pkg.scripts.start');
    },
  },
  {
    name: 'an npm script',
    matches: /^npm run [\w:-]+/,
    check: ({ command }) => {
      const [, , script, , ...rest] = words(command);
      expect(packageJson.scripts, command).toHaveProperty(script as string);
      if (script === 'bench' && rest[0]) expect(read('bench/run.ts')).toContain(`./${rest[0]}.ts`);
    },
  },
  {
    name: 'test files',
    matches: /^npx vitest run /,
    check: ({ command }) => {
      for (const file of words(command).slice(3)) expect(existsSync(join(ROOT, file)), file).toBe(true);
    },
  },
  {
    name: 'a script of the repository',
    matches: /^npx tsx scripts\//,
    check: ({ command }) => expect(existsSync(join(ROOT, words(command)[2] as string))).toBe(true),
  },
  {
    name: 'a log line the bot writes',
    matches: /^journalctl -u coaching-bot -o cat \| jq /,
    check: ({ command }) => {
      const [, msg] = /\.msg == "([^"]+)"/.exec(command) ?? [];
      expect(msg, command).toMatch(/^[a-z]+: /);
      expect(inSources(`'${msg}'`), `the bot logs "${msg}"`).toBe(true);
    },
  },
  {
    name: 'an HTTP route the bot serves',
    matches: /^curl -s http:\/\/127\.0\.0\.1:3000\//,
    check: ({ command }) => {
      const path = new URL(words(command)[2] as string).pathname;
      expect(inSources(`'GET ${path}'`), `GET ${path} is a route`).toBe(true);
    },
  },
  {
    name: 'an operator command on a server',
    matches: new RegExp(SERVER.map((r) => r.source).join('|')),
    check: () => {},
  },
  {
    name: 'the bot’s command line, run here',
    matches: /^(npx )?coaching-bot |^cp examples\/programme\.yml programme\.yml$/,
    check: () => {
      // Run in order below, in one scratch folder per page.
    },
  },
];

function kindOf(command: string) {
  return KINDS.find((k) => k.matches.test(command));
}

describe('the commands the docs show', () => {
  const shown = shownCommands();

  it('are each of a kind this test knows how to keep true', () => {
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.filter((s) => !kindOf(s.command))).toEqual([]);
  });

  it('name scripts, test files, log lines, routes and variables that exist', async () => {
    for (const s of shown) await kindOf(s.command)?.check(s);
  });

  it('run, when they are the bot’s own commands, page by page in a scratch folder', async () => {
    const pages = [...new Set(shown.map((s) => s.page))];
    const ran: string[] = [];
    for (const page of pages) {
      const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-docs-'));
      // A database the bot has already worked with, as on the server the page speaks of: a week's check-in sent (into
      // the sandbox, no platform being configured), so that there is something to export, erase and back up.
      expect((await runBot(['prompt', '--week', '2026-W48', '--no-wait'], dir)).code).toBe(0);
      for (const { command } of shown.filter((s) => s.page === page)) {
        if (kindOf(command)?.name !== 'the bot’s command line, run here') continue;
        if (command.startsWith('cp ')) {
          copyFileSync(join(ROOT, 'examples/programme.yml'), join(dir, 'programme.yml'));
          continue;
        }
        const args = words(command.replace(/^npx /, ''))
          .slice(1)
          // Paths of a server, moved into the scratch folder; the shell's date as the shell would write it.
          .map((a) => a.replace(/^\/var\/backups\/coaching-bot\//, `${dir}/`))
          .map((a) => a.replace('$(date +%F)', new Date().toISOString().slice(0, 10)));
        const result = await runBot(args, dir);
        ran.push(`${args[0]}: ${result.code}`);
        // `erase` asks for the person's id to be typed: outside a terminal it refuses and changes nothing.
        const expected = args[0] === 'erase' && !args.includes('--yes') ? 1 : 0;
        expect(result.code, `${command}\n${result.stdout}\n${result.stderr}`).toBe(expected);
      }
    }
    expect(ran.length).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

describe('the units and the crontab the operations manual shows', () => {
  const page = 'docs/operations.md';
  const lines = [...blocks(page, 'ini'), ...blocks(page, 'cron')].join('\n');

  it('start the bot with the command of `npm start`', () => {
    const [, start] = /^ExecStart=\/usr\/bin\/(node .* start)$/m.exec(lines) ?? [];
    expect(start).toBe(packageJson.scripts.start);
  });

  it('run verbs the command line has', async () => {
    const verbs = [...lines.matchAll(/bin\/coaching-bot\.js (\w+)/g)].map((m) => m[1] as string);
    expect(new Set(verbs)).toEqual(new Set(['start', 'backup']));
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-docs-'));
    for (const verb of new Set(verbs)) expect((await runBot([verb, '--help'], dir)).code, verb).toBe(0);
  });
});

describe('what the docs show a command prints', () => {
  it('lists the five mistakes of a programme file as `coaching-bot check` prints them', async () => {
    const [shown] = blocks('docs/programme-file.md', 'text');
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-docs-'));
    copyFileSync(join(ROOT, 'test/fixtures/programme/five-mistakes.yml'), join(dir, 'programme.yml'));
    const result = await runBot(['check', 'programme.yml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(shown);
  });

  it('checks the programme file the manual shows', async () => {
    const [shown] = blocks('docs/programme-file.md', 'yaml');
    expect(shown).toMatch(/^programme:/);
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-docs-'));
    writeFileSync(join(dir, 'programme.yml'), shown ?? '');
    const result = await runBot(['check', 'programme.yml'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
