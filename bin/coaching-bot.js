#!/usr/bin/env -S node --max-semi-space-size=4
// The `coaching-bot` command runs the JavaScript compiled into dist/ (`npm run build`, which `npm install` and `npm ci`
// run through `prepare`): no TypeScript loader at run time. `npm run dev -- <verb>` runs the sources instead.
// `--max-semi-space-size=4` (also in `npm start`, the Dockerfile and the systemd unit): the bot works in bursts (an
// evaluation, a fan-out), and a young generation of 4 MB semi-spaces instead of 16 keeps its peak memory about 20 MB
// lower at no cost in time (`npm run bench -- evaluation`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli/run.js', import.meta.url);
const src = fileURLToPath(new URL('../src', import.meta.url));

if (!existsSync(dist)) {
  process.stderr.write(
    'coaching-bot : dist/ manque, lancez `npm run build` (ou `npm ci`, qui le construit).\n' +
      'coaching-bot: dist/ is missing, run `npm run build` (or `npm ci`, which builds it).\n',
  );
  process.exit(2);
}

// In a source checkout (not in the Docker image, which has no src/), a source edited or pulled after the last build
// would not run: say so rather than run the old code in silence.
if (existsSync(src)) {
  const built = statSync(dist).mtimeMs;
  const newer = readdirSync(src, { recursive: true, withFileTypes: true }).find(
    (entry) => entry.isFile() && statSync(join(entry.parentPath, entry.name)).mtimeMs > built,
  );
  if (newer) {
    const file = relative(join(src, '..'), join(newer.parentPath, newer.name));
    process.stderr.write(
      `coaching-bot : ${file} a changé depuis la compilation de dist/, lancez \`npm run build\`.\n` +
        `coaching-bot: ${file} changed since dist/ was built, run \`npm run build\`.\n`,
    );
  }
}

await import(dist.href);
