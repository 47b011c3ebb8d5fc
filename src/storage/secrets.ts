// Secrets the bot makes for itself, on SQLite (the dashboard links' signing key), so that links sent yesterday still
// open after a restart.
import { and, eq } from 'drizzle-orm';
import type { SecretStore } from '../core/ports.ts';
import type { DatabaseHandle } from './database.ts';
import { botSecrets } from './schema.ts';
import { withStorage } from './storage-errors.ts';

export class SqliteSecrets implements SecretStore {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly programmeId: () => number,
  ) {}

  secret(name: string, make: () => string): Promise<string> {
    return withStorage(this.handle, () => {
      const { db } = this.handle;
      const programmeId = this.programmeId();
      const where = and(eq(botSecrets.programmeId, programmeId), eq(botSecrets.name, name));
      // Read first: once made, starting the bot writes nothing here (a write could wait on a lock held elsewhere).
      const stored = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
      if (stored) return stored.value;
      // Two processes starting together may both make one: the first insert wins and both read it back.
      db.insert(botSecrets)
        .values({ programmeId, name, value: make(), createdAt: new Date() })
        .onConflictDoNothing()
        .run();
      const row = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
      if (!row) throw new Error(`secret ${name} could not be stored`);
      return row.value;
    });
  }
}
