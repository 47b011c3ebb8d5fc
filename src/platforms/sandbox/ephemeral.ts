// Ephemeral replies, as Slack shows them: seen once by the person who typed the command or clicked, never stored in
// the conversation. Kept in memory between the form post and the page it redirects to.
import { randomUUID } from 'node:crypto';
import type { CommandReply } from '../../app/commands.ts';

export interface Ephemeral {
  /** What the person typed, shown above the answer (absent for a click). */
  typed?: string;
  reply: CommandReply;
  /** The key of the programme the reply came from, when the bot serves several (a check-in form is of it). */
  programme?: string;
}

const KEEP = 200;

export class EphemeralReplies {
  readonly #items = new Map<string, { person: string; ephemeral: Ephemeral }>();

  put(person: string, ephemeral: Ephemeral): string {
    const id = randomUUID();
    this.#items.set(id, { person, ephemeral });
    // Replies nobody came back for are dropped, oldest first.
    for (const old of this.#items.keys()) {
      if (this.#items.size <= KEEP) break;
      this.#items.delete(old);
    }
    return id;
  }

  /** The reply, once, and only to the person it was for. */
  take(person: string, id: string | null): Ephemeral | undefined {
    if (!id) return undefined;
    const item = this.#items.get(id);
    if (!item || item.person !== person) return undefined;
    this.#items.delete(id);
    return item.ephemeral;
  }
}
