// The ports over a PostgreSQL pool, for one programme: the store, and the small stores beside it (secrets, the
// sandbox's conversations, the retention purge, the ledger of requests taken in).
import { and, asc, desc, eq, lte, ne, sql } from 'drizzle-orm';
import type { ChatMessage } from '../../core/messages.ts';
import type {
  ClearedWords,
  DeliveryLedger,
  RetentionStore,
  SandboxMessage,
  SandboxMessageStore,
  SecretStore,
} from '../../core/ports.ts';
import { toMessage } from '../sandbox-messages.ts';
import { withStorage } from '../storage-errors.ts';
import type { StoragePorts } from '../storage-types.ts';
import type { PgHandle } from './handle.ts';
import { programmeRowId } from './programme-sync.ts';
import {
  botSecrets,
  checkins,
  coachingSessions,
  inboundDeliveries,
  outbox,
  sandboxMessages,
} from './schema.ts';
import { PgStore } from './store.ts';

export function postgresPorts(handle: PgHandle, programmeKey: string, instance: string): StoragePorts {
  let id: Promise<number> | undefined;
  // Resolved on first use, and again after a failure (the server may have been unreachable then).
  const programmeId = () => {
    id ??= programmeRowId(handle.db, programmeKey, new Date()).catch((error: unknown) => {
      id = undefined;
      throw error;
    });
    return id;
  };
  return {
    store: new PgStore(handle, programmeKey, instance, programmeId),
    secrets: new PgSecrets(handle, programmeId),
    sandboxMessages: new PgSandboxMessages(handle, programmeId),
    retention: new PgRetention(handle, programmeId),
    deliveries: new PgDeliveries(handle),
  };
}

class PgSecrets implements SecretStore {
  constructor(
    private readonly handle: PgHandle,
    private readonly programmeId: () => Promise<number>,
  ) {}

  secret(name: string, make: () => string): Promise<string> {
    return withStorage(this.handle, async () => {
      const { db } = this.handle;
      const programmeId = await this.programmeId();
      const where = and(eq(botSecrets.programmeId, programmeId), eq(botSecrets.name, name));
      const [stored] = await db.select({ value: botSecrets.value }).from(botSecrets).where(where);
      if (stored) return stored.value;
      // Instances starting together may all make one: the first insert wins and every instance reads it back.
      await db
        .insert(botSecrets)
        .values({ programmeId, name, value: make(), createdAt: new Date() })
        .onConflictDoNothing();
      const [row] = await db.select({ value: botSecrets.value }).from(botSecrets).where(where);
      if (!row) throw new Error(`secret ${name} could not be stored`);
      return row.value;
    });
  }
}

class PgSandboxMessages implements SandboxMessageStore {
  constructor(
    private readonly handle: PgHandle,
    private readonly programmeId: () => Promise<number>,
  ) {}

  save(recipient: string, key: string, message: ChatMessage, at: Date): Promise<SandboxMessage> {
    return withStorage(this.handle, async () => {
      const [row] = await this.handle.db
        .insert(sandboxMessages)
        .values({
          programmeId: await this.programmeId(),
          recipient,
          key,
          message,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoUpdate({
          target: [sandboxMessages.programmeId, sandboxMessages.key],
          set: { recipient, message, updatedAt: at },
        })
        .returning();
      if (!row) throw new Error('the sandbox message was not stored');
      return toMessage(row);
    });
  }

  findByKey(recipient: string, key: string): Promise<SandboxMessage | undefined> {
    return withStorage(this.handle, async () => {
      const [row] = await this.handle.db
        .select()
        .from(sandboxMessages)
        .where(
          and(
            eq(sandboxMessages.programmeId, await this.programmeId()),
            eq(sandboxMessages.key, key),
            eq(sandboxMessages.recipient, recipient),
          ),
        );
      return row && toMessage(row);
    });
  }

  list(
    recipient: string,
    options: { newestFirst?: boolean; limit?: number } = {},
  ): Promise<SandboxMessage[]> {
    return withStorage(this.handle, async () => {
      const query = this.handle.db
        .select()
        .from(sandboxMessages)
        .where(
          and(
            eq(sandboxMessages.programmeId, await this.programmeId()),
            eq(sandboxMessages.recipient, recipient),
          ),
        )
        .orderBy(options.newestFirst ? desc(sandboxMessages.id) : asc(sandboxMessages.id));
      const rows = options.limit === undefined ? await query : await query.limit(options.limit);
      return rows.map(toMessage);
    });
  }

  channels(): Promise<string[]> {
    return withStorage(this.handle, async () => {
      const rows = await this.handle.db
        .selectDistinct({ recipient: sandboxMessages.recipient })
        .from(sandboxMessages)
        .where(eq(sandboxMessages.programmeId, await this.programmeId()));
      return rows
        .map((r) => r.recipient)
        .filter((r) => r.startsWith('#'))
        .sort();
    });
  }
}

class PgRetention implements RetentionStore {
  constructor(
    private readonly handle: PgHandle,
    private readonly programmeId: () => Promise<number>,
  ) {}

  clearWrittenWords(): Promise<ClearedWords> {
    return withStorage(this.handle, async () => {
      const pid = await this.programmeId();
      return this.handle.db.transaction(async (tx) => {
        const comments = await tx
          .update(checkins)
          .set({ comment: null })
          .where(and(eq(checkins.programmeId, pid), sql`${checkins.comment} is not null`))
          .returning({ week: checkins.week });
        const notes = await tx
          .update(coachingSessions)
          .set({ notes: '' })
          .where(and(eq(coachingSessions.programmeId, pid), ne(coachingSessions.notes, '')))
          .returning({ id: coachingSessions.id });
        // A prompt sent again after an answer carries that answer, comment included.
        let messages = 0;
        for (const table of [outbox, sandboxMessages]) {
          const changed = await tx
            .update(table)
            .set({ message: sql`(${table.message}::jsonb #- '{answer,comment}')::text` })
            .where(
              and(eq(table.programmeId, pid), sql`${table.message}::jsonb #> '{answer,comment}' is not null`),
            )
            .returning({ id: table.id });
          messages += changed.length;
        }
        return { comments: comments.length, notes: notes.length, messages };
      });
    });
  }
}

/** Keys whose time is over are deleted now and then: about once every this many takes. */
const SWEEP_EVERY = 200;

class PgDeliveries implements DeliveryLedger {
  #takes = 0;

  constructor(private readonly handle: PgHandle) {}

  take(key: string, now: Date, until: Date): Promise<boolean> {
    return withStorage(this.handle, async () => {
      const { db } = this.handle;
      if (++this.#takes % SWEEP_EVERY === 0) {
        await db.delete(inboundDeliveries).where(lte(inboundDeliveries.heldUntil, now));
      }
      const taken = await db
        .insert(inboundDeliveries)
        .values({ key, heldUntil: until })
        .onConflictDoUpdate({
          target: inboundDeliveries.key,
          set: { heldUntil: until },
          setWhere: lte(inboundDeliveries.heldUntil, now),
        })
        .returning({ key: inboundDeliveries.key });
      return taken.length === 1;
    });
  }

  release(key: string): Promise<void> {
    return withStorage(this.handle, async () => {
      await this.handle.db.delete(inboundDeliveries).where(eq(inboundDeliveries.key, key));
    });
  }
}
