// A statement built by Drizzle, prepared once on the connection and run straight on better-sqlite3. For the few
// statements that run thousands of times in a row (the outbox at an evaluation): Drizzle's own prepared statements
// look up every placeholder and map every row through the schema at each call, which cost more than SQLite's work.
import type BetterSqlite3 from 'better-sqlite3';
import { is, Param, Placeholder } from 'drizzle-orm';

type Values = Record<string, unknown>;

export interface RawStatement {
  run(values?: Values): BetterSqlite3.RunResult;
  /** Rows as objects named by the SQL's columns (`next_attempt_at`), values as SQLite gives them. */
  all(values?: Values): Record<string, unknown>[];
}

/** `query`: what Drizzle's `toSQL()` gives. Placeholders are bound by name, through their column's conversion. */
export function prepareRaw(
  sqlite: BetterSqlite3.Database,
  query: { sql: string; params: unknown[] },
): RawStatement {
  const binders = query.params.map((param): ((values: Values) => unknown) => {
    const placeholder = is(param, Param) ? param.value : param;
    if (!is(placeholder, Placeholder)) return () => param;
    const { name } = placeholder;
    const encoder = is(param, Param) ? param.encoder : undefined;
    return (values) => {
      if (!(name in values)) throw new Error(`no value for placeholder "${name}"`);
      const value = values[name];
      return encoder ? encoder.mapToDriverValue(value) : value;
    };
  });
  const statement = sqlite.prepare(query.sql);
  const bind = (values: Values) => binders.map((binder) => binder(values));
  return {
    run: (values = {}) => statement.run(...bind(values)),
    all: (values = {}) => statement.all(...bind(values)) as Record<string, unknown>[],
  };
}
