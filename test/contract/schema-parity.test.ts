// The two schemas stay one: the same tables, columns, nullability and unique keys on SQLite and on PostgreSQL, both as
// the Drizzle schemas declare them and as the migrations build them in a real database. A column added to one schema
// (or one migration) only fails here.
import { type PgTable, getTableConfig as pgTableConfig } from 'drizzle-orm/pg-core';
import { type SQLiteTable, getTableConfig as sqliteTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { closeDatabase, migrate, openDatabase } from '../../src/storage/database.ts';
import * as pgSchema from '../../src/storage/postgres/schema.ts';
import * as sqliteSchema from '../../src/storage/schema.ts';
import { connectDatabase } from '../../src/storage/storage.ts';
import { newPostgresDatabase } from '../support/postgres.ts';

/** Table → its columns (name → nullable) and its unique keys (the primary key among them), each sorted. */
type Shape = Record<string, { columns: Record<string, boolean>; unique: string[] }>;

const key = (columns: string[]) => [...columns].sort().join(',');
const sorted = (shape: Shape): Shape =>
  Object.fromEntries(
    Object.entries(shape)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([table, { columns, unique }]) => [table, { columns, unique: [...new Set(unique)].sort() }]),
  );

function sqliteDeclared(): Shape {
  const shape: Shape = {};
  for (const table of Object.values(sqliteSchema)) {
    if (typeof table !== 'object' || table === null || !('getSQL' in table)) continue;
    const config = sqliteTableConfig(table as SQLiteTable);
    shape[config.name] = {
      columns: Object.fromEntries(config.columns.map((c) => [c.name, !c.notNull])),
      unique: [
        ...config.columns.filter((c) => c.primary || c.isUnique).map((c) => c.name),
        ...config.primaryKeys.map((pk) => key(pk.columns.map((c) => c.name))),
        ...config.indexes
          .filter((i) => i.config.unique)
          .map((i) => key(i.config.columns.map((c) => (c as { name: string }).name))),
      ],
    };
  }
  return sorted(shape);
}

function pgDeclared(): Shape {
  const shape: Shape = {};
  for (const table of Object.values(pgSchema)) {
    if (typeof table !== 'object' || table === null || !('getSQL' in table)) continue;
    const config = pgTableConfig(table as PgTable);
    shape[config.name] = {
      columns: Object.fromEntries(config.columns.map((c) => [c.name, !c.notNull])),
      unique: [
        ...config.columns.filter((c) => c.primary || c.isUnique).map((c) => c.name),
        ...config.primaryKeys.map((pk) => key(pk.columns.map((c) => c.name))),
        ...config.indexes
          .filter((i) => i.config.unique)
          .map((i) => key(i.config.columns.map((c) => (c as { name: string }).name))),
      ],
    };
  }
  return sorted(shape);
}

function sqliteMigrated(): Shape {
  const handle = openDatabase(':memory:');
  try {
    migrate(handle);
    const tables = handle.sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like '%drizzle%' and name not like 'sqlite_%'",
      )
      .pluck()
      .all() as string[];
    const shape: Shape = {};
    for (const table of tables) {
      const columns = handle.sqlite.pragma(`table_info("${table}")`) as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      const indexes = handle.sqlite.pragma(`index_list("${table}")`) as {
        name: string;
        unique: number;
        partial: number;
      }[];
      const primary = columns.filter((c) => c.pk > 0).map((c) => c.name);
      shape[table] = {
        // SQLite lets a primary key column hold null unless NOT NULL says otherwise; an integer primary key cannot.
        columns: Object.fromEntries(columns.map((c) => [c.name, c.notnull === 0 && c.pk === 0])),
        unique: [
          ...(primary.length > 0 ? [key(primary)] : []),
          ...indexes
            .filter((i) => i.unique === 1 && i.partial === 0)
            .map((i) =>
              key((handle.sqlite.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name)),
            ),
        ],
      };
    }
    return sorted(shape);
  } finally {
    closeDatabase(handle);
  }
}

async function pgMigrated(): Promise<Shape> {
  const url = await newPostgresDatabase('parity');
  const database = await connectDatabase(url);
  await database.migrate();
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `select table_name, column_name, is_nullable from information_schema.columns
       where table_schema = 'public' order by table_name, ordinal_position`,
    );
    const unique = await client.query<{ table: string; columns: string[] }>(
      `select t.relname as table, array_agg(a.attname::text) as columns
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
       join pg_attribute a on a.attrelid = t.oid and a.attnum = any(i.indkey)
       where i.indisunique and i.indpred is null
       group by t.relname, i.indexrelid`,
    );
    const shape: Shape = {};
    for (const row of columns.rows) {
      shape[row.table_name] ??= { columns: {}, unique: [] };
      (shape[row.table_name] as Shape[string]).columns[row.column_name] = row.is_nullable === 'YES';
    }
    for (const row of unique.rows) (shape[row.table] as Shape[string]).unique.push(key(row.columns));
    return sorted(shape);
  } finally {
    await client.end();
  }
}

describe('the SQLite and PostgreSQL schemas', () => {
  it('declare the same tables, columns, nullability and unique keys', () => {
    const declared = sqliteDeclared();
    expect(Object.keys(declared)).toHaveLength(15);
    expect(pgDeclared()).toEqual(declared);
  });

  it('are built the same by their migrations, and as declared', async () => {
    const sqlite = sqliteMigrated();
    expect(await pgMigrated()).toEqual(sqlite);
    // The migrations build what the schemas declare: nothing forgotten in a migration.
    const declared = sqliteDeclared();
    expect(Object.keys(sqlite)).toEqual(Object.keys(declared));
    for (const table of Object.keys(declared)) {
      expect([table, sqlite[table]?.columns]).toEqual([table, declared[table]?.columns]);
      expect([table, sqlite[table]?.unique]).toEqual([table, declared[table]?.unique]);
    }
  });
});
