// Which database `DATABASE_URL` names. The one place that decides it: the environment refuses what this refuses, and
// the storage opens what this accepts. `file:` (or a bare path) is SQLite; `postgres://` or `postgresql://` is
// PostgreSQL; any other scheme is refused rather than taken for a file name (`mysql://user:password@host/db` would
// make folders named after the credentials). What is kept for messages never holds the password.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseTarget =
  | { kind: 'sqlite' /** A file path, or `:memory:`. */; path: string }
  | {
      kind: 'postgres';
      /** The URL as given, password included: for the driver only, never for a message or a log. */
      url: string;
      /** The server and database without the password (`postgres://coach@db.example.org:5432/bot`), for messages. */
      where: string;
    }
  /** `scheme` only: the rest of the URL may hold a user and a password, which must never be printed. */
  | { kind: 'unsupported'; scheme: string }
  /** A PostgreSQL URL that does not parse: nothing of it is kept, it may hold the password. */
  | { kind: 'invalid'; scheme: string };

const MEMORY = ':memory:';
/** RFC 3986's scheme; one letter is a Windows drive (`C:\data\bot.db`), a path. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;
const POSTGRES = ['postgres', 'postgresql'];

/** `file:PATH`, `file:///abs/path`, a bare path, or `:memory:` / `file::memory:`: SQLite. `postgres://…`: PostgreSQL. */
export function databaseTarget(url: string): DatabaseTarget {
  if (url === MEMORY || url === `file:${MEMORY}`) return { kind: 'sqlite', path: MEMORY };
  if (url.startsWith('file://')) return { kind: 'sqlite', path: fileURLToPath(url) };
  if (url.startsWith('file:')) return { kind: 'sqlite', path: resolve(url.slice('file:'.length)) };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'sqlite', path: resolve(url) };
  if (!POSTGRES.includes(scheme)) return { kind: 'unsupported', scheme };
  const where = postgresWhere(url);
  return where === undefined ? { kind: 'invalid', scheme } : { kind: 'postgres', url, where };
}

/** The URL without its password, or undefined when it does not parse as a URL naming a server. */
function postgresWhere(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!parsed.pathname.startsWith('/') && parsed.pathname !== '') return undefined;
  try {
    // The driver decodes the parts: a password with a bare `%` it cannot decode would fail there, less clearly.
    decodeURIComponent(parsed.password);
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  const user = parsed.username ? `${parsed.username}@` : '';
  const port = parsed.port ? `:${parsed.port}` : '';
  // The options stay (`sslmode=require`), but a password may be given as one too.
  parsed.searchParams.delete('password');
  const search = parsed.searchParams.size > 0 ? `?${parsed.searchParams}` : '';
  return `${parsed.protocol}//${user}${parsed.hostname}${port}${parsed.pathname}${search}`;
}
