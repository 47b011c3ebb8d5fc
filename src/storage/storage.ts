// The storage's front door: one factory that opens the database `DATABASE_URL` names, SQLite or PostgreSQL, migrates
// it, and hands out the ports the rest of the bot works with. Nothing outside `src/storage` sees a connection, a
// query builder or a driver; the CLI's data verbs (export, erase, backup, migrate) use `connectDatabase`.
import { databaseTarget } from '../config/database-url.ts';
import { newInstanceId } from '../config/instance.ts';
import { AppError } from '../core/errors.ts';
import type { Database, Storage, StoragePorts } from './storage-types.ts';

export type { Database, DatabaseKind, Storage, StoragePorts, WriteCheck } from './storage-types.ts';

/** Opens the database `url` names, without migrating it. A scheme the bot does not know is refused. */
export async function connectDatabase(url: string): Promise<Database> {
  const target = databaseTarget(url);
  switch (target.kind) {
    case 'sqlite': {
      const { connectSqlite } = await import('./sqlite-database.ts');
      return connectSqlite(url);
    }
    case 'postgres': {
      const { connectPostgres } = await import('./postgres/database.ts');
      return connectPostgres(target);
    }
    case 'invalid':
      throw new AppError('database_url_invalid', { scheme: target.scheme });
    default:
      throw new AppError('database_url_unsupported', { scheme: target.scheme });
  }
}

/** The database `url` names, migrated, and the ports of the programme `programmeKey`. */
export async function openStorage(
  url: string,
  options: { programmeKey: string; instance?: string },
): Promise<Storage> {
  const database = await connectDatabase(url);
  try {
    await database.migrate();
    const instance = options.instance ?? newInstanceId();
    return {
      ...database.ports(options.programmeKey, instance),
      kind: database.kind,
      where: database.where,
      instance,
      probe: () => database.probe(),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The database `url` names, migrated, and the ports of each programme a deployment serves (one connection for all):
 * `first` is the first programme's, with the database's life cycle.
 */
export async function openStorages(
  url: string,
  options: { programmeKeys: readonly string[]; instance?: string },
): Promise<{ first: Storage; of(programmeKey: string): StoragePorts }> {
  const [firstKey, ...others] = options.programmeKeys;
  if (firstKey === undefined) throw new Error('openStorages needs at least one programme');
  const database = await connectDatabase(url);
  try {
    await database.migrate();
    const instance = options.instance ?? newInstanceId();
    const first: Storage = {
      ...database.ports(firstKey, instance),
      kind: database.kind,
      where: database.where,
      instance,
      probe: () => database.probe(),
      close: () => database.close(),
    };
    const ports = new Map<string, StoragePorts>([[firstKey, first]]);
    for (const key of others) ports.set(key, database.ports(key, instance));
    return {
      first,
      of: (key) => {
        const found = ports.get(key);
        if (!found) throw new Error(`no storage for programme ${key}`);
        return found;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
