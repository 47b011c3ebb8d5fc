// The outbox's record of what reached the platform, written in groups rather than one commit per message.
import type { SentMark } from '../core/ports.ts';
import type { AppContext } from './context.ts';

/** The longest a message that reached the platform waits to be marked sent. */
const MARK_WITHIN_MS = 100;

/**
 * What was sent, marked in groups: at the end of each batch, or once the oldest mark has waited `MARK_WITHIN_MS`,
 * whichever comes first. One commit per message cost more than sending to a fast platform; to a slow one (Slack's
 * pace is a message every 200 ms) each mark is still written before the next message has gone. A crash before the
 * write leaves the entry claimed: once its lease expires, the platform is asked for its key before any resend.
 */
export class SentMarks {
  #marks: SentMark[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The write under way: writes follow one another, so the last one awaited has seen every mark. */
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: AppContext) {}

  add(mark: SentMark): void {
    this.#marks.push(mark);
    if (this.#timer === undefined) {
      this.#timer = setTimeout(() => void this.write(), MARK_WITHIN_MS);
      this.#timer.unref?.();
    }
  }

  write(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing = this.#writing.then(() => this.#writeWaiting());
    return this.#writing;
  }

  async #writeWaiting(): Promise<void> {
    const marks = this.#marks;
    this.#marks = [];
    if (marks.length === 0) return;
    try {
      const marked = await this.ctx.store.markSent(marks);
      if (marked < marks.length) {
        // Changed meanwhile (a person erased): their state stands.
        this.ctx.logger.warn({ unmarked: marks.length - marked }, 'outbox: sent messages no longer claimed');
      }
    } catch (error) {
      // Kept for the next write (the end of the batch, or of the run). If none succeeds they stay claimed, and once
      // their lease expires they are looked up on the platform: never sent blindly again.
      this.#marks = [...marks, ...this.#marks];
      this.ctx.logger.error(
        { err: error, unmarked: marks.length },
        'outbox: could not mark messages sent; will try again, and look them up before any resend',
      );
    }
  }
}
