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

  it('is PostgreSQL for postgres: and postgresql: URLs, and keeps them without the password for messages', () => {
    const url = 'postgres://coach:s3cret@db.example.org:5432/bot?sslmode=require&password=s3cret';
    expect(databaseTarget(url)).toEqual({
      kind: 'postgres',
      url,
      where: 'postgres://coach@db.example.org:5432/bot?sslmode=require',
    });
    expect(databaseTarget('postgresql://db/bot')).toEqual({
      kind: 'postgres',
      url: 'postgresql://db/bot',
      where: 'postgresql://db/bot',
    });
  });

  it('refuses a PostgreSQL URL that does not parse, keeping nothing of it', () => {
    for (const url of [
      'postgres://coach:s3cr%t@db/bot',
      'postgres://coach:pa ss@db:port/bot',
      'postgres://[db/bot',
    ]) {
      expect(databaseTarget(url), url).toEqual({ kind: 'invalid', scheme: 'postgres' });
    }
  });

  it('refuses any other scheme, naming the scheme alone', () => {
    expect(databaseTarget('mysql://coach:s3cret@db.example.org/bot')).toEqual({
      kind: 'unsupported',
      scheme: 'mysql',
    });
    expect(databaseTarget('mysql:')).toEqual({ kind: 'unsupported', scheme: 'mysql' });
    expect(databaseTarget('HTTP://example.org/bot.db')).toEqual({ kind: 'unsupported', scheme: 'http' });
    expect(databaseTarget('sqlite:///data/bot.db')).toEqual({ kind: 'unsupported', scheme: 'sqlite' });
  });

  it('is refused with the environment, without the user or the password', () => {
    let refused: unknown;
    try {
      readEnv({ DATABASE_URL: 'mysql://coach:s3cret@db.example.org/bot' }, '/');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(EnvError);
    expect((refused as EnvError).problems).toEqual([
      { variable: 'DATABASE_URL', code: 'database_url_unsupported', detail: 'mysql' },
    ]);
    expect((refused as EnvError).message).not.toContain('s3cret');
  });
});
