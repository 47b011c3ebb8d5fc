// The sandbox's conversations on SQLite: each message the bot sent, to a person or a channel, kept in the bot's own
// database under its idempotency key, the way Slack keeps a message with its metadata.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { ChatMessage } from '../core/messages.ts';
import type { SandboxMessage, SandboxMessageStore } from '../core/ports.ts';
import type { DatabaseHandle } from './database.ts';
import { sandboxMessages } from './schema.ts';
import { withStorage } from './storage-errors.ts';

export class SqliteSandboxMessages implements SandboxMessageStore {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly programmeId: () => number,
  ) {}

  save(recipient: string, key: string, message: ChatMessage, at: Date): Promise<SandboxMessage> {
    return withStorage(this.handle, () => {
      // `.all()`: `.get()` would hand back the row even when the commit that follows it fails.
      const [row] = this.handle.db
        .insert(sandboxMessages)
        .values({ programmeId: this.programmeId(), recipient, key, message, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [sandboxMessages.programmeId, sandboxMessages.key],
          set: { recipient, message, updatedAt: at },
        })
        .returning()
        .all();
      if (!row) throw new Error('the sandbox message was not stored');
      return toMessage(row);
    });
  }

  findByKey(recipient: string, key: string): Promise<SandboxMessage | undefined> {
    return withStorage(this.handle, () => {
      const row = this.handle.db
        .select()
        .from(sandboxMessages)
        .where(
          and(
            eq(sandboxMessages.programmeId, this.programmeId()),
            eq(sandboxMessages.key, key),
            eq(sandboxMessages.recipient, recipient),
          ),
        )
        .get();
      return row && toMessage(row);
    });
  }

  list(
    recipient: string,
    options: { newestFirst?: boolean; limit?: number } = {},
  ): Promise<SandboxMessage[]> {
    return withStorage(this.handle, () => {
      const query = this.handle.db
        .select()
        .from(sandboxMessages)
        .where(
          and(eq(sandboxMessages.programmeId, this.programmeId()), eq(sandboxMessages.recipient, recipient)),
        )
        .orderBy(options.newestFirst ? desc(sandboxMessages.id) : asc(sandboxMessages.id));
      return (options.limit === undefined ? query.all() : query.limit(options.limit).all()).map(toMessage);
    });
  }

  channels(): Promise<string[]> {
    return withStorage(this.handle, () =>
      this.handle.db
        .selectDistinct({ recipient: sandboxMessages.recipient })
        .from(sandboxMessages)
        .where(eq(sandboxMessages.programmeId, this.programmeId()))
        .all()
        .map((r) => r.recipient)
        .filter((r) => r.startsWith('#'))
        .sort(),
    );
  }
}

export function toMessage(row: typeof sandboxMessages.$inferSelect): SandboxMessage {
  const { id, recipient, key, message, createdAt, updatedAt } = row;
  return { id, recipient, key, message, createdAt, updatedAt };
}
