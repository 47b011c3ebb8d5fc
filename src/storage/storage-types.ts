// The storage's shapes: the ports one programme gets, and a database as the factory (storage.ts) and the CLI's data
// verbs see it. Apart from the factory, so that each database's module can say what it gives without importing it.
import type {
  DeliveryLedger,
  RetentionStore,
  SandboxMessageStore,
  SecretStore,
  Store,
} from '../core/ports.ts';
import type { BackupResult } from './backup.ts';
import type { Erasure, PersonData } from './person-data.ts';
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
