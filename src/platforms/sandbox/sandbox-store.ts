// The sandbox's conversations: each message the bot sent, to a person or a channel, kept in the bot's own database
// under its idempotency key, the way Slack keeps a message with its metadata.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { ChatMessage } from '../../core/messages.ts';
import type { DatabaseHandle } from '../../storage/database.ts';
import { programmeRowId } from '../../storage/programme-sync.ts';
import { sandboxMessages } from '../../storage/schema.ts';
import { withStorage } from '../../storage/storage-errors.ts';

export interface SandboxMessage {
  id: number;
  /** Person id, or `#channel`. */
  recipient: string;
  key: string;
  message: ChatMessage;
  createdAt: Date;
  updatedAt: Date;
}

export class SandboxStore {
  #programmeId: number | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly programmeKey: string,
  ) {}

  get #pid(): number {
    this.#programmeId ??= programmeRowId(this.database.db, this.programmeKey, new Date());
    return this.#programmeId;
  }

  /**
   * Keeps a message; a second message under the same key replaces the first rather than adding a duplicate, so that
   * a re-send after an interrupted attempt still leaves one message in the conversation. A write the database refuses
   * is thrown (the outbox tries again later), never handed back as sent.
   */
  save(recipient: string, key: string, message: ChatMessage, at: Date): Promise<SandboxMessage> {
    return withStorage(this.database, () => {
      // `.all()`: `.get()` would hand back the row even when the commit that follows it fails.
      const [row] = this.database.db
        .insert(sandboxMessages)
        .values({ programmeId: this.#pid, recipient, key, message, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [sandboxMessages.programmeId, sandboxMessages.key],
          set: { recipient, message, updatedAt: at },
        })
        .returning()
        .all();
      if (!row) throw new Error('the sandbox message was not stored');
      return row;
    });
  }

  findByKey(recipient: string, key: string): SandboxMessage | undefined {
    return this.database.db
      .select()
      .from(sandboxMessages)
      .where(
        and(
          eq(sandboxMessages.programmeId, this.#pid),
          eq(sandboxMessages.key, key),
          eq(sandboxMessages.recipient, recipient),
        ),
      )
      .get();
  }

  /** A person's (or channel's) conversation: `newestFirst` for the page, oldest first otherwise. */
  list(recipient: string, options: { newestFirst?: boolean; limit?: number } = {}): SandboxMessage[] {
    const query = this.database.db
      .select()
      .from(sandboxMessages)
      .where(and(eq(sandboxMessages.programmeId, this.#pid), eq(sandboxMessages.recipient, recipient)))
      .orderBy(options.newestFirst ? desc(sandboxMessages.id) : asc(sandboxMessages.id));
    return options.limit === undefined ? query.all() : query.limit(options.limit).all();
  }

  /** Channels that received something (the owner's digest may go to one). */
  channels(): string[] {
    return this.database.db
      .selectDistinct({ recipient: sandboxMessages.recipient })
      .from(sandboxMessages)
      .where(eq(sandboxMessages.programmeId, this.#pid))
      .all()
      .map((r) => r.recipient)
      .filter((r) => r.startsWith('#'));
  }
}
