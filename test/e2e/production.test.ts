// The bot as production runs it: the Docker image's and the systemd unit's command (`npm start`:
// `node --max-semi-space-size=4 bin/coaching-bot.js start`) runs the JavaScript compiled into dist/, with no TypeScript
// loader. The image cannot be built here; what it holds can: test/support/production-layout.ts builds dist/ from the
// current sources and lays it out with what the Dockerfile's runtime stage copies, and the command runs there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Child, ROOT, startChild } from '../support/child.ts';
import { readPdf } from '../support/pdf.ts';
import { buildProductionLayout, layoutEntries, readDockerfile } from '../support/production-layout.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

async function get(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

/** `node bin/coaching-bot.js …` in `cwd`, as an operator types it there. */
function bin(cwd: string, args: string[]) {
  const [node, ...options] = readDockerfile().cmd.slice(0, -2);
  expect(node).toBe('node');
  return spawnSync(process.execPath, [...options, 'bin/coaching-bot.js', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
}

describe('the Dockerfile', () => {
  it('is multi-stage, on a current Node LTS, runs as a non-root user and keeps its data on /data', () => {
    const { cmd, text } = readDockerfile();
    // The same command as `npm start`, Node options included.
    expect(cmd).toEqual(pkg.scripts.start.split(' '));
    expect(cmd).toEqual(['node', '--max-semi-space-size=4', 'bin/coaching-bot.js', 'start']);
    const stages = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const image of stages) expect(image).toMatch(/^node:(22|24)-bookworm-slim$/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(text).toContain('DATABASE_URL=file:/data/coaching-bot.db');
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(pkg.engines).toEqual({ node: '>=20' });
  });

  it('builds in the first stage and ships the compiled bot with production dependencies only', () => {
    const { text, runtime } = readDockerfile();
    const build = text.slice(0, text.length - runtime.length);
    expect(build).toMatch(/RUN npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(runtime).not.toMatch(/^RUN npm/m);
    expect(runtime).not.toMatch(/^COPY .*\bsrc\b/m);
    expect(runtime).not.toMatch(/tsx/);
  });
});

describe('the compiled bot', () => {
  let app: string;
  const children: Child[] = [];
  beforeAll(() => {
    app = buildProductionLayout();
  }, 120_000);
  afterEach(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });
  afterAll(() => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
  });

  it('is laid out as the image holds it: no sources, no TypeScript loader, the design system’s dist/ only', () => {
    expect(layoutEntries(app)).toEqual([
      'LICENSE',
      'bin',
      'dist',
      'drizzle',
      'examples',
      'manifest.yml',
      'node_modules',
      'package.json',
      'programme.schema.json',
    ]);
    expect(existsSync(join(app, 'dist/cli/run.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/http/web/static/app.css'))).toBe(true);
    for (const devOnly of ['tsx', 'vitest', 'ws', '@biomejs/biome']) {
      expect(existsSync(join(app, 'node_modules', devOnly))).toBe(false);
    }
    expect(layoutEntries(join(app, 'node_modules/@gouvfr/dsfr'))).toEqual([
      'LICENSE.md',
      'dist',
      'package.json',
    ]);
  });

  it('the container’s start command serves /healthz, /readyz and the pages with their styles, then stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-production-'));
    const [node, ...args] = readDockerfile().cmd;
    expect(node).toBe('node');
    // No PROGRAMME_FILE: the example bundled in the image, found from dist/.
    const bot = startChild(
      args,
      { DATABASE_URL: `file:${join(dir, 'data', 'coaching-bot.db')}`, HOST: '127.0.0.1', PORT: '0' },
      { cwd: app },
    );
    children.push(bot);
    const [, url] = (await bot.line(/Bac à sable : ouvrez (http:\/\/127\.0\.0\.1:\d+)\//)) as [
      string,
      string,
    ];

    expect(await get(`${url}/healthz`)).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: '{"status":"ok"}',
    });
    const ready = await get(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', scheduler: 'ok' },
    });
    const page = await get(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Qui êtes-vous ?');
    expect(page.body).toContain('Claire Dubois');
    const styles = [...page.body.matchAll(/href="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1]);
    expect(styles).toEqual([
      '/assets/dsfr/dsfr.min.css',
      '/assets/dsfr/utility/icons/icons.min.css',
      '/assets/web/app.css',
    ]);
    for (const style of styles) {
      const file = await get(`${url}${style}`);
      expect(file.status).toBe(200);
      expect(file.type).toBe('text/css; charset=utf-8');
    }

    bot.process.kill('SIGTERM');
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toContain('"msg":"stopped"');
  });

  it('runs a CLI verb with nothing to say on standard error', () => {
    const result = bin(app, ['check', 'examples/programme.yml']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'valide — « Startups de Territoire — Hauts-de-France », 6 projets, 6 intrapreneurs',
    );
  });

  it('writes the committee pack, its fonts found from dist/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-pack-'));
    const [, ...options] = readDockerfile().cmd.slice(0, -2);
    const result = spawnSync(
      process.execPath,
      [...options, 'bin/coaching-bot.js', 'pack', '--output', join(dir, 'pack.pdf')],
      {
        cwd: app,
        env: {
          PATH: process.env.PATH ?? '',
          LOG_LEVEL: 'error',
          DATABASE_URL: `file:${join(dir, 'bot.db')}`,
        },
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pdf = await readPdf(readFileSync(join(dir, 'pack.pdf')));
    expect(pdf.pages[0]?.split('\n')[0]?.trim()).toBe('Dossier du comité stratégique');
    const starts = pdf.pages.map((text) => text.split('\n')[0]?.trim());
    for (const project of ['Trajets des lycéens', 'Aide au permis de conduire'])
      expect(starts).toContain(project);
  });

  it('says so when a source changed after the build, and still runs', () => {
    const checkout = join(mkdtempSync(join(tmpdir(), 'coaching-bot-checkout-')), 'app');
    cpSync(app, checkout, { recursive: true, verbatimSymlinks: true });
    mkdirSync(join(checkout, 'src/cli'), { recursive: true });
    cpSync(join(ROOT, 'src/cli/run.ts'), join(checkout, 'src/cli/run.ts'));
    const built = new Date(Date.now() - 60_000);
    utimesSync(join(checkout, 'dist/cli/run.js'), built, built);
    const result = bin(checkout, ['--help']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'coaching-bot : src/cli/run.ts a changé depuis la compilation de dist/, lancez `npm run build`.\n' +
        'coaching-bot: src/cli/run.ts changed since dist/ was built, run `npm run build`.\n',
    );
    expect(result.stdout).toContain('Utilisation : coaching-bot <commande>');
  });

  it('says how to build when dist/ is missing', () => {
    const clone = join(mkdtempSync(join(tmpdir(), 'coaching-bot-clone-')), 'app');
    mkdirSync(clone);
    for (const entry of ['bin', 'package.json'])
      cpSync(join(ROOT, entry), join(clone, entry), { recursive: true });
    const result = bin(clone, ['--help']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'coaching-bot : dist/ manque, lancez `npm run build` (ou `npm ci`, qui le construit).\n' +
        'coaching-bot: dist/ is missing, run `npm run build` (or `npm ci`, which builds it).\n',
    );
  });
});
