// `npm run build`, also run by `npm install` and `npm ci` (the `prepare` script): compiles src/ into dist/ with tsc
// (tsconfig.build.json) and copies beside the compiled modules the other files of src/ that they read at run time
// (the web pages' stylesheet). Plain JavaScript: it runs before anything is built, with no TypeScript loader.
// `node scripts/build.js [outDir]` builds elsewhere (a test builds the production layout in a temporary directory).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // `npm ci --omit=dev` runs `prepare` without the development packages: say what to do instead.
  console.error(
    'coaching-bot: TypeScript is not installed, dist/ cannot be built. Install with `npm ci` (development ' +
      'packages included), then `npm prune --omit=dev` if the server must not keep them.',
  );
  process.exit(1);
}

// A file deleted from src/ must not live on in dist/.
rmSync(outDir, { recursive: true, force: true });
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

let copied = 0;
for (const entry of readdirSync(src, { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(outDir, relative(src, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  copied++;
}
console.log(`coaching-bot: built ${outDir} (${copied} static file(s) copied)`);
