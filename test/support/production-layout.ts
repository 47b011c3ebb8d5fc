// What the Docker image holds, laid out in a temporary directory from the Dockerfile's own instructions: dist/ built
// now from the current sources (`scripts/build.js`, as `npm run build`), the files the runtime stage copies, and the
// production dependencies (those package-lock.json does not mark `dev`), of the design system only the files the
// build stage keeps. No src/, no tsx, no TypeScript: what runs there is the compiled bot alone.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT } from './child.ts';

export interface Dockerfile {
  text: string;
  /** The runtime stage (after the last FROM). */
  runtime: string;
  cmd: string[];
}

export function readDockerfile(): Dockerfile {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(text)?.[1];
  if (!cmd) throw new Error('no CMD in the Dockerfile');
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  return { text, runtime, cmd: JSON.parse(cmd) as string[] };
}

/** The runtime stage's `COPY [--from=build] source… destination` lines, destinations relative to WORKDIR /app. */
function copies(runtime: string): { fromBuild: boolean; sources: string[]; destination: string }[] {
  return [...runtime.matchAll(/^COPY (--from=build )?(.+)$/gm)].map((m) => {
    const words = (m[2] ?? '').trim().split(/\s+/);
    return {
      fromBuild: m[1] !== undefined,
      sources: words.slice(0, -1),
      destination: (words.at(-1) ?? '').replace(/^\.\/?/, ''),
    };
  });
}

/** The names the build stage keeps in node_modules/@gouvfr/dsfr (`find … ! -name X … -exec rm`). */
function designSystemKept(text: string): string[] {
  const find = /find node_modules\/@gouvfr\/dsfr [\s\S]*?-exec rm/.exec(text)?.[0];
  if (!find) throw new Error('the Dockerfile no longer trims the design system');
  return [...find.matchAll(/! -name (\S+)/g)].map((m) => m[1] ?? '');
}

/** The top-level packages of node_modules that production needs, from package-lock.json. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
    .map(([path]) => path.slice('node_modules/'.length));
}

/** Production node_modules: links to the installed packages, the design system cut as the build stage cuts it. */
function linkProductionModules(target: string, kept: string[]): void {
  for (const name of productionPackages()) {
    const to = join(target, name);
    mkdirSync(join(to, '..'), { recursive: true });
    if (name === '@gouvfr/dsfr') {
      mkdirSync(to);
      for (const entry of kept) symlinkSync(join(ROOT, 'node_modules', name, entry), join(to, entry));
    } else {
      symlinkSync(join(ROOT, 'node_modules', name), to);
    }
  }
}

/** Builds the layout; returns its directory (the image's /app). Takes a few seconds: tsc compiles src/. */
export function buildProductionLayout(): string {
  const app = join(mkdtempSync(join(tmpdir(), 'coaching-bot-image-')), 'app');
  mkdirSync(app);
  const docker = readDockerfile();
  for (const copy of copies(docker.runtime)) {
    for (const source of copy.sources) {
      const into =
        copy.sources.length > 1 || copy.destination === ''
          ? join(copy.destination, basename(source))
          : copy.destination;
      const to = join(app, into);
      if (!copy.fromBuild) {
        cpSync(join(ROOT, source), to, { recursive: true });
      } else if (source === '/app/dist') {
        const built = spawnSync(process.execPath, ['scripts/build.js', to], { cwd: ROOT, encoding: 'utf8' });
        if (built.status !== 0) throw new Error(`the build failed:\n${built.stdout}\n${built.stderr}`);
      } else if (source === '/app/node_modules') {
        linkProductionModules(to, designSystemKept(docker.text));
      } else {
        throw new Error(
          `the runtime stage copies ${source} from the build stage: teach this layout what it is`,
        );
      }
    }
  }
  return app;
}

/** The top-level entries of the layout, for a test to say what the image holds. */
export function layoutEntries(app: string): string[] {
  return readdirSync(app).sort();
}
