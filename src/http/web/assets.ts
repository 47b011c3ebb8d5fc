// Static files for the web pages: the French State design system (DSFR) served from the installed package's own
// files, and this project's small stylesheet. Nothing is fetched from a CDN: the pages work with no network.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from '../server.ts';
import { decodedPath } from './request.ts';

const require = createRequire(import.meta.url);
const DSFR_DIST = join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const OWN_STATIC = fileURLToPath(new URL('./static', import.meta.url));

export const DSFR_PREFIX = '/assets/dsfr/';
export const WEB_PREFIX = '/assets/web/';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}

/** Serves `root/<rest of the path>`, never anything outside `root`, only the file types a page needs. */
function folder(root: string, prefix: string): Route {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodedPath(req, prefix);
    const file = resolve(root, path);
    const type = TYPES[extname(file)];
    if (!type || !file.startsWith(root + sep)) return notFound(res);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return notFound(res);
    res.writeHead(200, {
      'content-type': type,
      'content-length': info.size,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    await new Promise<void>((done, fail) => {
      createReadStream(file).on('error', fail).on('end', done).pipe(res);
    });
  };
}

export function assetRoutes(): Record<string, Route> {
  return {
    [`GET ${DSFR_PREFIX}*`]: folder(DSFR_DIST, DSFR_PREFIX),
    [`GET ${WEB_PREFIX}*`]: folder(OWN_STATIC, WEB_PREFIX),
  };
}
