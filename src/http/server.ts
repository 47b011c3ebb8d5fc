// The bot's one HTTP server. Platforms mount their routes on it; health is always there.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../core/ports.ts';

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * A request the bot refuses for what it is (a path that is not valid UTF-8, a body over the limit), not a failure of
 * the bot: answered with its status, and not logged as an error, so that junk sent by anyone does not fill the logs.
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    readonly code: string,
  ) {
    super(code);
    this.name = 'HttpError';
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A route keyed `GET /assets/*` answers every path under `/assets/`. */
function prefixRoute(routes: Record<string, Route>, key: string): Route | undefined {
  const match = Object.keys(routes)
    .filter((k) => k.endsWith('*') && key.startsWith(k.slice(0, -1)))
    .sort((a, b) => b.length - a.length)[0];
  return match === undefined ? undefined : routes[match];
}

export async function startHttpServer(options: {
  host: string;
  port: number;
  logger: Logger;
  routes: Record<string, Route>;
  fallback?: Route;
}): Promise<HttpServer> {
  const routes: Record<string, Route> = {
    'GET /healthz': (_req, res) => json(res, 200, { status: 'ok' }),
    ...options.routes,
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route =
      routes[`${req.method} ${path}`] ?? prefixRoute(routes, `${req.method} ${path}`) ?? options.fallback;
    if (!route) {
      json(res, 404, { error: 'not_found' });
      return;
    }
    Promise.resolve(route(req, res)).catch((error: unknown) => {
      if (error instanceof HttpError) {
        options.logger.debug({ status: error.status, code: error.code, method: req.method }, 'http: refused');
        if (!res.headersSent) json(res, error.status, { error: error.code });
        else res.end();
        return;
      }
      options.logger.error({ err: error, method: req.method, path }, 'http: request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
