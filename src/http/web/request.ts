// Small helpers for the bot's own web pages (sandbox and dashboard): reading forms, answering, and telling a request
// made on this machine from one that came through the network.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../body.ts';
import { HttpError } from '../server.ts';
import type { Html } from './html.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const FORM_LIMIT = 64 * 1024;

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** `name` or `name:port`, nothing else: a Host with anything more (a second value, a user part, junk) is ambiguous. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

/** The one Host the request names, or undefined when it names none or several. */
function hostName(req: IncomingMessage): string | undefined {
  // Node keeps the first of several Host headers in `headers.host`; a proxy might route by another one.
  const hosts = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]?.toLowerCase() === 'host');
  if (hosts.length !== 1) return undefined;
  return HOST.exec(req.headers.host ?? '')?.[1]?.toLowerCase();
}

/**
 * A request from a browser on this machine, addressed to this machine. A request relayed by a reverse proxy on the
 * same host also comes from loopback, so one that carries forwarding headers is not local; the Host header is checked
 * too (exactly one, naming this machine, and a path rather than a full URL, whose host would win over it), so that a
 * web page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) cannot use the sandbox, and so is the Origin of
 * a form post, so that another site cannot post into it.
 */
export function isLocalRequest(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  const h = req.headers;
  if (h['x-forwarded-for'] || h['x-forwarded-host'] || h.forwarded || h['x-real-ip']) return false;
  if (!req.url?.startsWith('/')) return false;
  const host = hostName(req);
  if (!host || !LOOPBACK_HOSTS.has(host)) return false;
  const origin = req.headers.origin;
  if (req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined) {
    try {
      if (new URL(origin).host !== req.headers.host) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export function searchParams(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
}

/** The request's path, percent-decoded; 400 when it is not valid UTF-8 once decoded (`%C0%AE`, `%E0%A4%A`). */
export function decodedPath(req: IncomingMessage, prefix = ''): string {
  const raw = (req.url ?? '').split('?')[0]?.slice(prefix.length) ?? '';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad_path');
  }
  // Control characters (a NUL among them) name no file anyone serves.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) throw new HttpError(400, 'bad_path');
  return path;
}

/** The fields of a form post (`application/x-www-form-urlencoded`); a body over 64 KiB is refused with 413. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, FORM_LIMIT)).toString('utf8'));
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Dashboard links carry their token in the URL: it must not leak to another site through the Referer header.
  // (Not `no-referrer`: with it browsers send `Origin: null` on form posts, and the sandbox checks the Origin.)
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
};

export function sendHtml(res: ServerResponse, status: number, page: Html): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(page.value);
}

/** After a form post: back to a page (303, so that reloading it does not post again). */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(body);
}
