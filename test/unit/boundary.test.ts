// Architecture rules: the core is pure (no I/O, no platform SDK, no database, no scheduler) and self-contained; the
// use cases in src/app work over the core's ports, never over an SDK, the ORM or the scheduler directly.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const coreDir = join(root, 'src/core');
const appDir = join(root, 'src/app');

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
