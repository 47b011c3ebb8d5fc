// The ports over one SQLite connection: the store, and the small stores beside it (secrets, the sandbox's
// conversations, the retention purge; the ledger of requests taken in, kept in memory), all for one programme.
import type { DatabaseHandle } from './database.ts';
import { DrizzleStore } from './drizzle-store.ts';
import { MemoryDeliveryLedger } from './memory-deliveries.ts';
import { findProgrammeId, programmeRowId } from './programme-sync.ts';
import { SqliteRetention } from './retention.ts';
import { SqliteSandboxMessages } from './sandbox-messages.ts';
import { SqliteSecrets } from './secrets.ts';
import type { StoragePorts } from './storage-types.ts';

export function sqlitePorts(handle: DatabaseHandle, programmeKey: string, instance: string): StoragePorts {
  let id: number | undefined;
  // Resolved on first use; a read-only connection that has never seen the programme reads nothing.
  const programmeId = () => {
    id ??= handle.sqlite.readonly
      ? (findProgrammeId(handle.db, programmeKey) ?? -1)
      : programmeRowId(handle.db, programmeKey, new Date());
    return id;
  };
  return {
    store: new DrizzleStore(handle, programmeKey, instance),
    secrets: new SqliteSecrets(handle, programmeId),
    sandboxMessages: new SqliteSandboxMessages(handle, programmeId),
    retention: new SqliteRetention(handle, programmeId),
    // In memory: see memory-deliveries.ts.
    deliveries: new MemoryDeliveryLedger(),
  };
}
