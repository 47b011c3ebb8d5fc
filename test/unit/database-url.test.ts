// Which database DATABASE_URL names: SQLite for a file, refused for any other scheme, the credentials never repeated.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget } from '../../src/config/database-url.ts';
import { EnvError, readEnv } from '../../src/config/env.ts';

describe('DATABASE_URL', () => {
  it('is SQLite for file: URLs, bare paths and memory', () => {
    expect(databaseTarget('file:./data/bot.db')).toEqual({ kind: 'sqlite', path: resolve('data/bot.db') });
    expect(databaseTarget('file:///var/lib/bot.db')).toEqual({ kind: 'sqlite', path: '/var/lib/bot.db' });
    expect(databaseTarget('data/bot.db')).toEqual({ kind: 'sqlite', path: resolve('data/bot.db') });
    expect(databaseTarget('/var/lib/coaching-bot/bot.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/coaching-bot/bot.db',
    });
    expect(databaseTarget('./a:b.db')).toEqual({ kind: 'sqlite', path: resolve('a:b.db') });
    expect(databaseTarget(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(databaseTarget('file::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('refuses any other scheme, naming the scheme alone', () => {
    expect(databaseTarget('postgres://coach:s3cret@db.example.org:5432/bot')).toEqual({
      kind: 'unsupported',
      scheme: 'postgres',
    });
    expect(databaseTarget('postgresql://db/bot')).toEqual({ kind: 'unsupported', scheme: 'postgresql' });
    expect(databaseTarget('mysql:')).toEqual({ kind: 'unsupported', scheme: 'mysql' });
    expect(databaseTarget('HTTP://example.org/bot.db')).toEqual({ kind: 'unsupported', scheme: 'http' });
    expect(databaseTarget('sqlite:///data/bot.db')).toEqual({ kind: 'unsupported', scheme: 'sqlite' });
  });

  it('is refused with the environment, without the user or the password', () => {
    let refused: unknown;
    try {
      readEnv({ DATABASE_URL: 'postgres://coach:s3cret@db.example.org/bot' }, '/');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(EnvError);
    expect((refused as EnvError).problems).toEqual([
      { variable: 'DATABASE_URL', code: 'database_url_unsupported', detail: 'postgres' },
    ]);
    expect((refused as EnvError).message).not.toContain('s3cret');
  });
});
