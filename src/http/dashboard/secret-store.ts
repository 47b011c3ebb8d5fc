// The signing keys of the bot's links, kept in the database by name: the dashboard's (unless DASHBOARD_SECRET is set)
// and the e-mail check-in links'. Each is a random key made at first use, so that links sent yesterday still open
// after a restart.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { deriveDashboardSecret } from '../../app/dashboard-link.ts';
import type { DatabaseHandle } from '../../storage/database.ts';
import { programmeRowId } from '../../storage/programme-sync.ts';
import { botSecrets } from '../../storage/schema.ts';

/** The key named `name` of the programme, made and stored on first use. */
export function botSecret(database: DatabaseHandle, programmeKey: string, name: string, now: Date): string {
  const db = database.db;
  const programmeId = programmeRowId(db, programmeKey, now);
  const where = and(eq(botSecrets.programmeId, programmeId), eq(botSecrets.name, name));
  // Read first: once made, starting the bot writes nothing here (a write could wait on a lock held elsewhere).
  const stored = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
  if (stored) return stored.value;
  // Two processes starting together may both generate one: the first insert wins and both read it back.
  db.insert(botSecrets)
    .values({ programmeId, name, value: randomBytes(32).toString('base64url'), createdAt: now })
    .onConflictDoNothing()
    .run();
  const row = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
  if (!row) throw new Error(`secret ${name} could not be stored`);
  return row.value;
}

export function dashboardSecret(
  database: DatabaseHandle,
  programmeKey: string,
  fromEnv: string | undefined,
  now: Date,
): string {
  if (fromEnv) return deriveDashboardSecret(fromEnv);
  return botSecret(database, programmeKey, 'dashboard_link', now);
}
