// The dashboard links' signing key: DASHBOARD_SECRET when the operator sets one, otherwise a random key made at first
// start and kept in the database, so that links sent yesterday still open after a restart.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { deriveDashboardSecret } from '../../app/dashboard-link.ts';
import type { DatabaseHandle } from '../../storage/database.ts';
import { programmeRowId } from '../../storage/programme-sync.ts';
import { botSecrets } from '../../storage/schema.ts';

const NAME = 'dashboard_link';

export function dashboardSecret(
  database: DatabaseHandle,
  programmeKey: string,
  fromEnv: string | undefined,
  now: Date,
): string {
  if (fromEnv) return deriveDashboardSecret(fromEnv);
  const db = database.db;
  const programmeId = programmeRowId(db, programmeKey, now);
  const where = and(eq(botSecrets.programmeId, programmeId), eq(botSecrets.name, NAME));
  // Read first: once made, starting the bot writes nothing here (a write could wait on a lock held elsewhere).
  const stored = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
  if (stored) return stored.value;
  // Two processes starting together may both generate one: the first insert wins and both read it back.
  db.insert(botSecrets)
    .values({ programmeId, name: NAME, value: randomBytes(32).toString('base64url'), createdAt: now })
    .onConflictDoNothing()
    .run();
  const row = db.select({ value: botSecrets.value }).from(botSecrets).where(where).get();
  if (!row) throw new Error('dashboard secret could not be stored');
  return row.value;
}
