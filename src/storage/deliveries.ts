// The ledger of requests taken in, on SQLite. Taking a key is one statement: the insert wins when the key is new, and
// the update when the key's time is over; when neither, the key is still held and the request is not acted on again.
import { lte, sql } from 'drizzle-orm';
import type { DeliveryLedger } from '../core/ports.ts';
import type { DatabaseHandle } from './database.ts';
import { inboundDeliveries } from './schema.ts';
import { withStorage } from './storage-errors.ts';

/** Keys whose time is over are deleted now and then: about once every this many takes. */
const SWEEP_EVERY = 200;

export class SqliteDeliveries implements DeliveryLedger {
  #takes = 0;

  constructor(private readonly handle: DatabaseHandle) {}

  take(key: string, now: Date, until: Date): Promise<boolean> {
    return withStorage(this.handle, () => {
      const { db } = this.handle;
      if (++this.#takes % SWEEP_EVERY === 0) {
        db.delete(inboundDeliveries).where(lte(inboundDeliveries.heldUntil, now)).run();
      }
      const taken = db
        .insert(inboundDeliveries)
        .values({ key, heldUntil: until })
        .onConflictDoUpdate({
          target: inboundDeliveries.key,
          set: { heldUntil: until },
          setWhere: lte(inboundDeliveries.heldUntil, now),
        })
        .returning({ key: inboundDeliveries.key })
        .all();
      return taken.length === 1;
    });
  }

  release(key: string): Promise<void> {
    return withStorage(this.handle, () => {
      this.handle.db.delete(inboundDeliveries).where(sql`${inboundDeliveries.key} = ${key}`).run();
    });
  }
}
