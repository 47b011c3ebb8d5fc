// Leases on PostgreSQL (see `../leases.ts`): the upsert locks the row, so of two instances taking a lapsed lease at
// the same moment the second finds it already renewed by the first, and gets nothing.
import { and, eq, lte, or } from 'drizzle-orm';
import type { PgDb } from './handle.ts';
import { leases } from './schema.ts';

export async function take(
  db: PgDb,
  holder: string,
  lease: { name: string; now: Date; until: Date },
): Promise<boolean> {
  const rows = await db
    .insert(leases)
    .values({ name: lease.name, holder, heldUntil: lease.until })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, heldUntil: lease.until },
      setWhere: or(eq(leases.holder, holder), lte(leases.heldUntil, lease.now)),
    })
    .returning({ name: leases.name });
  return rows.length === 1;
}

export async function release(db: PgDb, holder: string, name: string): Promise<boolean> {
  const rows = await db
    .delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .returning({ name: leases.name });
  return rows.length === 1;
}
