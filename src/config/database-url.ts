// Which database `DATABASE_URL` names. The one place that decides it: the environment refuses what this refuses, and
// the storage opens what this accepts. PostgreSQL (`postgres://`) is the next kind; until then it is refused like any
// scheme the bot does not know, rather than taken for a file name (`postgres://user:password@host/db` would make
// folders named after the credentials).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseTarget =
  | { kind: 'sqlite' /** A file path, or `:memory:`. */; path: string }
  /** `scheme` only: the rest of the URL may hold a user and a password, which must never be printed. */
  | { kind: 'unsupported'; scheme: string };

const MEMORY = ':memory:';
/** RFC 3986's scheme; one letter is a Windows drive (`C:\data\bot.db`), a path. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** `file:PATH`, `file:///abs/path`, a bare path, or `:memory:` / `file::memory:`: SQLite. Any other scheme: refused. */
export function databaseTarget(url: string): DatabaseTarget {
  if (url === MEMORY || url === `file:${MEMORY}`) return { kind: 'sqlite', path: MEMORY };
  if (url.startsWith('file://')) return { kind: 'sqlite', path: fileURLToPath(url) };
  if (url.startsWith('file:')) return { kind: 'sqlite', path: resolve(url.slice('file:'.length)) };
  const scheme = SCHEME.exec(url)?.[1];
  if (scheme !== undefined) return { kind: 'unsupported', scheme: scheme.toLowerCase() };
  return { kind: 'sqlite', path: resolve(url) };
}
