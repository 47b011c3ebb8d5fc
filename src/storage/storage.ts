// The storage's front door: one factory that opens the database `DATABASE_URL` names, SQLite or PostgreSQL, migrates
// it, and hands out the ports the rest of the bot works with. Nothing outside `src/storage` sees a connection, a
// query builder or a driver; the CLI's data verbs (export, erase, backup, migrate) use `connectDatabase`.
import { databaseTarget } from '../config/database-url.ts';
import { newInstanceId } from '../config/instance.ts';
import { AppError } from '../core/errors.ts';
import type {
  DeliveryLedger,
  RetentionStore,
  SandboxMessageStore,
  SecretStore,
  Store,
} from '../core/ports.ts';
import type { BackupResult } from './backup.ts';
import type { Erasure, PersonData } from './privacy.ts';
import type { WriteCheck } from './write-probe.ts';

export type { WriteCheck };

/** The ports of one programme. */
export interface StoragePorts {
  store: Store;
  secrets: SecretStore;
  sandboxMessages: SandboxMessageStore;
  retention: RetentionStore;
  deliveries: DeliveryLedger;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  /** Where it is, for the operator: the file, or the server and database (never the password). */
  readonly where: string;
  /** Applies the migrations the database has not seen, once whatever the number of processes starting together. */
  migrate(): Promise<void>;
  /** The ports of a programme; `instance` names this process, owner of its outbox claims and scheduled runs. */
  ports(programmeKey: string, instance: string): StoragePorts;
  /** Whether a write can be made now, for `/readyz`. */
  probe(): Promise<WriteCheck>;
  /** Every row of the programme naming `person`; null when the programme is not in the database. */
  findPersonData(programmeKey: string, person: string): Promise<PersonData | null>;
  /** Erases `person` from the programme in one transaction (see `privacy.ts`); null when nothing names them. */
  erasePerson(programmeKey: string, person: string, at: Date): Promise<Erasure | null>;
  /**
   * After an erasure, clears what still holds the rows as they were (SQLite's WAL); false when other connections kept
   * it from being done for as long as the bot waits for a lock. PostgreSQL: nothing to do here, see the README.
   */
  clearErased(): Promise<boolean>;
  /** A consistent copy of a SQLite database into `file`. PostgreSQL's copy is `pg_dump`'s (`pgDumpCommand`). */
  backup(file: string): Promise<BackupResult>;
  close(): Promise<void>;
}

export interface Storage extends StoragePorts {
  readonly kind: DatabaseKind;
  readonly where: string;
  /** This process's name on what it holds in the database, and in its logs. */
  readonly instance: string;
  probe(): Promise<WriteCheck>;
  close(): Promise<void>;
}

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
