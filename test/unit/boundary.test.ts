// Architecture rules: the core is pure (no I/O, no platform SDK, no database, no scheduler) and self-contained; the
// use cases in src/app and the rendering in src/render work over the core's ports, never over an SDK, the ORM or the
// scheduler directly; only src/storage touches the database's libraries, and the edges (HTTP, scheduler, platforms)
// reach storage only through the ports; no platform imports another; and no module of src imports itself back
// through others (no import circle).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const srcDir = join(root, 'src');
const coreDir = join(root, 'src/core');
const appDir = join(root, 'src/app');
const renderDir = join(root, 'src/render');
const storageDir = join(root, 'src/storage');
const platformsDir = join(root, 'src/platforms');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(c|m)?[jt]sx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

// `import … from 'x'`, `import type … from 'x'`, `import 'x'`, `export … from 'x'` (over several lines too),
// `import('x')` and `require('x')`.
const STATIC = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+|)['"]([^'"]+)['"]/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g;

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const pattern of [STATIC, DYNAMIC]) {
    for (const m of source.matchAll(pattern)) if (m[1]) specifiers.push(m[1]);
  }
  return specifiers;
}

/** Packages the core must not touch: chat platforms, database, scheduler, and Node's I/O modules. */
function forbiddenInCore(specifier: string): boolean {
  return (
    /^@slack\//.test(specifier) ||
    /^@mattermost\//.test(specifier) ||
    /^drizzle-orm(\/|$)/.test(specifier) ||
    /^better-sqlite3(\/|$)/.test(specifier) ||
    /^node-cron(\/|$)/.test(specifier) ||
    /^(node:)?(fs|net|http|https|http2|child_process)(\/|$)/.test(specifier)
  );
}

/** What the use cases must not import: platform SDKs, the ORM and its driver, the scheduler. */
function forbiddenInApp(specifier: string): boolean {
  return (
    /^@slack\//.test(specifier) ||
    /^@mattermost\//.test(specifier) ||
    /^drizzle-orm(\/|$)/.test(specifier) ||
    /^better-sqlite3(\/|$)/.test(specifier) ||
    /^node-cron(\/|$)/.test(specifier)
  );
}

/** A relative import whose target lies outside `dir`. */
function escapes(file: string, specifier: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(file), specifier);
  return target !== dir && !target.startsWith(dir + sep);
}

/** The database's libraries: only src/storage may import them. */
function storageLibrary(specifier: string): boolean {
  return /^(drizzle-orm|better-sqlite3|pg|postgres)(\/|$)/.test(specifier);
}

/** A relative import of a module in src/storage. */
function intoStorage(file: string, specifier: string): boolean {
  return specifier.startsWith('.') && !escapes(file, specifier, storageDir);
}

/** The platform folder (`slack`, `mattermost`…) a path lies in, if any; files of src/platforms itself are shared. */
function platformOf(path: string): string | undefined {
  const [first, ...rest] = relative(platformsDir, path).split(sep);
  return first && first !== '..' && rest.length > 0 ? first : undefined;
}

/** The SDK packages of each platform: only that platform's folder may import them. */
const PLATFORM_SDKS: Record<string, RegExp> = { slack: /^@slack\//, mattermost: /^@mattermost\// };

/** An import, from a platform's folder, of another platform's folder or SDK. */
function crossPlatform(file: string, specifier: string): boolean {
  const own = platformOf(file);
  if (!own) return false;
  if (specifier.startsWith('.')) {
    const other = platformOf(resolve(dirname(file), specifier));
    return other !== undefined && other !== own;
  }
  return Object.entries(PLATFORM_SDKS).some(([name, sdk]) => name !== own && sdk.test(specifier));
}

/** Every import circle among `files` (relative imports, type-only ones included), each as `a -> b -> a`. */
function importCycles(files: readonly string[], read: (file: string) => string): string[] {
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => [
      file,
      importsOf(read(file))
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(dirname(file), s))
        .filter((target) => known.has(target)),
    ]),
  );
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') {
        cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(root, f)).join(' -> '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

function violations(dir: string, rule: (file: string, specifier: string) => boolean): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (rule(file, specifier)) found.push(`${relative(root, file)} imports ${specifier}`);
    }
  }
  return found;
}

describe('import scanner', () => {
  it('finds static, multi-line, side-effect, re-export, type and dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      'import {',
      '  b,',
      '  c,',
      "} from '@slack/bolt';",
      "import type { D } from 'drizzle-orm/sqlite-core';",
      "import 'node-cron';",
      "export { e } from '../storage/e.ts';",
      "export * from 'node:fs/promises';",
      "const f = await import('better-sqlite3');",
      "const g = require('node:http');",
      "const text = 'nothing from here';",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      './a.ts',
      '@slack/bolt',
      'drizzle-orm/sqlite-core',
      'node-cron',
      '../storage/e.ts',
      'node:fs/promises',
      'better-sqlite3',
      'node:http',
    ]);
  });

  it('tells forbidden modules and escaping imports apart from allowed ones', () => {
    for (const s of [
      '@slack/bolt',
      '@slack/web-api',
      '@mattermost/client',
      'drizzle-orm',
      'drizzle-orm/sqlite-core',
    ]) {
      expect(forbiddenInCore(s), s).toBe(true);
    }
    for (const s of [
      'better-sqlite3',
      'node-cron',
      'node:fs',
      'node:fs/promises',
      'fs',
      'node:net',
      'node:http',
    ]) {
      expect(forbiddenInCore(s), s).toBe(true);
    }
    for (const s of ['./week.ts', 'date-holidays', 'node:crypto', 'fsevents', 'httpx']) {
      expect(forbiddenInCore(s), s).toBe(false);
    }
    expect(escapes(join(coreDir, 'week.ts'), '../storage/db.ts', coreDir)).toBe(true);
    expect(escapes(join(coreDir, 'week.ts'), '../core-extra/x.ts', coreDir)).toBe(true);
    expect(escapes(join(coreDir, 'week.ts'), './calendar.ts', coreDir)).toBe(false);
    expect(escapes(join(coreDir, 'week.ts'), '../core/calendar.ts', coreDir)).toBe(false);
  });
});

describe('src/core is pure', () => {
  const files = sourceFiles(coreDir);

  it('scans the core files (so the rules below can fail)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => relative(coreDir, f))).toEqual(
      expect.arrayContaining(['compliance.ts', 'window.ts', 'phases.ts', 'week.ts', 'ports.ts']),
    );
    // The scanner sees the core's own imports.
    expect(importsOf(readFileSync(join(coreDir, 'compliance.ts'), 'utf8'))).toContain('./window.ts');
  });

  it('imports no platform SDK, database, scheduler or Node I/O module', () => {
    expect(violations(coreDir, (_file, specifier) => forbiddenInCore(specifier))).toEqual([]);
  });

  it('imports nothing outside src/core', () => {
    expect(violations(coreDir, (file, specifier) => escapes(file, specifier, coreDir))).toEqual([]);
  });
});

describe('src/app works over ports', () => {
  it('scans the use cases', () => {
    expect(sourceFiles(appDir).length).toBeGreaterThan(10);
  });

  it('imports no platform SDK, drizzle, better-sqlite3 or node-cron', () => {
    expect(violations(appDir, (_file, specifier) => forbiddenInApp(specifier))).toEqual([]);
  });
});

describe('src/render turns values into text', () => {
  it('scans the renderers', () => {
    expect(sourceFiles(renderDir).map((f) => relative(renderDir, f))).toEqual(
      expect.arrayContaining(['render-text.ts', 'status-text.ts', 'error-text.ts', 'format.ts', 'fit.ts']),
    );
  });

  it('imports no platform SDK, drizzle, better-sqlite3 or node-cron', () => {
    expect(violations(renderDir, (_file, specifier) => forbiddenInApp(specifier))).toEqual([]);
  });

  it('imports no storage, platform, HTTP, CLI or scheduler module', () => {
    const edges = ['storage', 'platforms', 'http', 'cli', 'scheduler'].map((d) => join(srcDir, d));
    const rule = (file: string, specifier: string) =>
      specifier.startsWith('.') && edges.some((dir) => !escapes(file, specifier, dir));
    expect(violations(renderDir, rule)).toEqual([]);
  });
});

describe('storage stays behind its ports', () => {
  const outsideStorage = (file: string) => !file.startsWith(storageDir + sep);
  const libraryImports = () =>
    sourceFiles(srcDir)
      .filter(outsideStorage)
      .flatMap((file) =>
        importsOf(readFileSync(file, 'utf8'))
          .filter(storageLibrary)
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );

  it('tells storage imports and libraries apart from the rest', () => {
    for (const s of ['drizzle-orm', 'drizzle-orm/sqlite-core', 'better-sqlite3', 'pg', 'postgres']) {
      expect(storageLibrary(s), s).toBe(true);
    }
    for (const s of ['drizzle-kit', 'pgp', 'postgresql-types', 'zod', './schema.ts']) {
      expect(storageLibrary(s), s).toBe(false);
    }
    const http = join(srcDir, 'http/dashboard/routes.ts');
    expect(intoStorage(http, '../../storage/database.ts')).toBe(true);
    expect(intoStorage(http, '../../app/context.ts')).toBe(false);
    expect(intoStorage(http, 'drizzle-orm')).toBe(false);
    expect(outsideStorage(join(storageDir, 'schema.ts'))).toBe(false);
    expect(outsideStorage(join(srcDir, 'runtime.ts'))).toBe(true);
  });

  it('has its libraries imported in src/storage only', () => {
    expect(libraryImports()).toEqual([]);
  });

  it('is reached by the HTTP server, the scheduler and the platforms through the ports only', () => {
    const found = ['http', 'scheduler', 'platforms'].flatMap((dir) =>
      violations(join(srcDir, dir), intoStorage),
    );
    expect(found).toEqual([]);
  });
});

describe('platforms are apart', () => {
  it('tells an import of another platform from the platform’s own and the shared ones', () => {
    const sandbox = join(platformsDir, 'sandbox/inbound.ts');
    expect(crossPlatform(sandbox, '../slack/render.ts')).toBe(true);
    expect(crossPlatform(sandbox, '../mattermost/signing.ts')).toBe(true);
    expect(crossPlatform(sandbox, '@slack/bolt')).toBe(true);
    expect(crossPlatform(join(platformsDir, 'slack/inbound/checkin.ts'), '../../mattermost/http.ts')).toBe(
      true,
    );
    expect(crossPlatform(sandbox, './render.ts')).toBe(false);
    expect(crossPlatform(sandbox, '../platform.ts')).toBe(false);
    expect(crossPlatform(sandbox, '../../app/clicks.ts')).toBe(false);
    expect(crossPlatform(join(platformsDir, 'slack/index.ts'), '@slack/bolt')).toBe(false);
    // The shared files (the registry, the routing, the limits) are nobody's: they may name every platform.
    expect(crossPlatform(join(platformsDir, 'index.ts'), './slack/index.ts')).toBe(false);
  });

  it('has no platform import another platform’s modules or SDK', () => {
    expect(sourceFiles(platformsDir).some((f) => platformOf(f) === 'sandbox')).toBe(true);
    expect(violations(platformsDir, crossPlatform)).toEqual([]);
  });
});

describe('import circles', () => {
  it('finds a circle, type-only imports included, and nothing where there is none', () => {
    const sources: Record<string, string> = {
      [join(srcDir, 'a.ts')]: "import { b } from './b.ts';",
      [join(srcDir, 'b.ts')]: "import type { A } from './a.ts';\nimport { c } from './c.ts';",
      [join(srcDir, 'c.ts')]: "export const c = 'from ./a.ts';",
    };
    const read = (file: string) => sources[file] ?? '';
    expect(importCycles(Object.keys(sources), read)).toEqual(['src/a.ts -> src/b.ts -> src/a.ts']);
    const apart = { ...sources, [join(srcDir, 'b.ts')]: "import { c } from './c.ts';" };
    expect(importCycles(Object.keys(apart), (file) => apart[file] ?? '')).toEqual([]);
  });

  it('has none in src', () => {
    expect(importCycles(sourceFiles(srcDir), (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });
});
