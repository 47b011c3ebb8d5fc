// The outbox of the in-memory store, with the same contract as the SQLite one (`outbox-repository.ts`).
import type { ClaimedEntry, OutboxEntry, OutboxItem, SentMark, Store } from '../core/ports.ts';
import { copy, stored } from './memory-copy.ts';

export class MemoryOutbox {
  readonly #entries: OutboxEntry[] = [];
  /** Week and key of every entry: one entry per key and week. */
  readonly #keys = new Set<string>();
  #nextId = 1;

  /** The entries themselves, for the store's own reads (week facts): not to be handed out. */
  entries(): readonly OutboxEntry[] {
    return this.#entries;
  }

  enqueue(items: OutboxItem[]): number {
    let added = 0;
    for (const item of items) {
      const once = `${item.week} ${item.key}`;
      if (this.#keys.has(once)) continue;
      this.#keys.add(once);
      const { key, kind, week, recipient, message, dueAt } = stored(item);
      this.#entries.push({
        id: this.#nextId++,
        key,
        kind,
        week,
        recipient,
        message,
        dueAt,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: dueAt,
      });
      added++;
    }
    return added;
  }

  /** Pending entries whose time has come, and claims older than `leaseMs`. */
  #isDue(now: Date, leaseMs: number): (entry: OutboxEntry) => boolean {
    const leaseExpired = now.getTime() - leaseMs;
    return (e) =>
      (e.status === 'pending' && e.nextAttemptAt.getTime() <= now.getTime()) ||
      (e.status === 'sending' && e.claimedAt !== undefined && e.claimedAt.getTime() <= leaseExpired);
  }

  hasDue(now: Date, leaseMs: number): boolean {
    return this.#entries.some(this.#isDue(now, leaseMs));
  }

  claimDue(now: Date, limit: number, leaseMs: number): ClaimedEntry[] {
    if (limit <= 0) return [];
    const due = this.#entries
      .filter(this.#isDue(now, leaseMs))
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)
      .slice(0, limit);
    return due.map((entry) => {
      const uncertain = entry.status === 'sending';
      entry.status = 'sending';
      entry.claimedAt = new Date(now);
      entry.attempts++;
      return { ...copy(entry), uncertain };
    });
  }

  markSent(marks: readonly SentMark[]): number {
    let marked = 0;
    for (const { id, sent, at } of marks) {
      if (this.#entries.find((e) => e.id === id)?.status !== 'sending') continue;
      this.#update(id, (e) => {
        e.status = 'sent';
        e.sentAt = new Date(at);
        e.sent = { platform: sent.platform, ref: sent.ref };
      });
      marked++;
    }
    return marked;
  }

  markRetry(id: number, nextAttemptAt: Date, error: string): boolean {
    return this.#updateClaimed(id, (e) => {
      e.status = 'pending';
      e.nextAttemptAt = new Date(nextAttemptAt);
      delete e.claimedAt;
      e.lastError = error;
    });
  }

  markFailed(id: number, error: string): boolean {
    return this.#updateClaimed(id, (e) => {
      e.status = 'failed';
      e.lastError = error;
    });
  }

  list(filter: Parameters<Store['listOutbox']>[0]): OutboxEntry[] {
    return this.#entries
      .filter(
        (e) =>
          (filter.week === undefined || e.week === filter.week) &&
          (filter.kind === undefined || e.kind === filter.kind) &&
          (filter.status === undefined || e.status === filter.status) &&
          (filter.recipient === undefined || e.recipient === filter.recipient),
      )
      .map(copy);
  }

  #update(id: number, change: (entry: OutboxEntry) => void): void {
    const entry = this.#entries.find((e) => e.id === id);
    if (entry) change(entry);
  }

  /** One instance in memory: a claimed entry is always its own. */
  #updateClaimed(id: number, change: (entry: OutboxEntry) => void): boolean {
    const entry = this.#entries.find((e) => e.id === id);
    if (entry?.status !== 'sending') return false;
    change(entry);
    return true;
  }
}
