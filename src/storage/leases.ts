// Leases on SQLite (`leases`): one upsert takes a lease that is free, over, or already the taker's, so that two
// processes asking at the same moment cannot both get it; the one that loses finds the row held by the other.
import { and, eq, lte, or } from 'drizzle-orm';
import type { Db } from './programme-sync.ts';
import { leases } from './schema.ts';

export function take(db: Db, holder: string, lease: { name: string; now: Date; until: Date }): boolean {
  return (
    db
      .insert(leases)
      .values({ name: lease.name, holder, heldUntil: lease.until })
      .onConflictDoUpdate({
        target: leases.name,
        set: { holder, heldUntil: lease.until },
        setWhere: or(eq(leases.holder, holder), lte(leases.heldUntil, lease.now)),
      })
      .run().changes === 1
  );
}

export function release(db: Db, holder: string, name: string): boolean {
  return (
    db
      .delete(leases)
      .where(and(eq(leases.name, name), eq(leases.holder, holder)))
      .run().changes === 1
  );
}
