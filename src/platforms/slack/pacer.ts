// The pace at which messages leave for Slack. `chat.postMessage` allows about one message per second per
// conversation and a workspace-wide rate on top; going faster only earns 429s, and each 429 delays that message by
// the outbox's back-off. So posts wait for their turn here, in the order they were asked for: evenly spaced at
// `perSecond`, at most one per conversation every `perConversationMs`, and nothing at all while Slack's last
// Retry-After runs. A post counts in the one-second window from its start until Slack has answered it: Slack
// counts it on arrival, somewhere in between, so no window Slack sees can hold more than `perSecond` of them.
// Slash-command acknowledgements never come here: Bolt answers them on the request itself.

export interface PacerOptions {
  /** Workspace-wide posts per second. */
  perSecond: number;
  /** Minimum gap between two posts to one conversation. */
  perConversationMs: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A post given up because the bot is stopping while it waited for its turn: it was not sent. */
export class PacerStopped extends Error {
  constructor() {
    super('stopping before the post could leave');
    this.name = 'PacerStopped';
  }
}

/** Slack says "several hundred messages per minute" for a workspace: 300 is the low end of that. */
export const DEFAULT_PACE: PacerOptions = { perSecond: 5, perConversationMs: 1000 };

/** Timers and clocks are read to the millisecond. */
const WINDOW_MARGIN_MS = 2;
/** The even spacing fits `perSecond` posts in this much more than a second. Spaced at exactly the cap, every post
 * would wait on the window for the one a second before it, and each timer's late wake-up would add up. */
const SPACING_SLACK_MS = 10;
/** How far behind the even spacing posts may fall (late timers, a busy machine) and still catch up, the window
 * keeping the catching up within the cap; further behind, the pacer was idle and the spacing starts again from now. */
const CATCH_UP_MS = 500;

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

export class Pacer {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly gapMs: number;
  /** The last `perSecond` posts, oldest first: when each started, then when Slack answered it. */
  private readonly recent: { at: number }[] = [];
  private readonly conversations = new Map<string, number>();
  private nextEven = 0;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.gapMs = (1000 + SPACING_SLACK_MS) / options.perSecond;
  }

  /** Holds every post for `ms` (Slack's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Runs `post` when its turn comes. Turns are given in call order. `signal` gives up waiting (PacerStopped). */
  async run<T>(conversation: string, post: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const turn = this.queue.then(() => this.waitTurn(conversation, signal));
    this.queue = turn.then(
      () => {},
      () => {},
    );
    const slot = await turn;
    try {
      return await post();
    } finally {
      slot.at = this.now();
    }
  }

  private earliest(conversation: string): number {
    const windowFull = this.recent.length >= Math.ceil(this.options.perSecond);
    return Math.max(
      this.nextEven,
      this.pausedUntil,
      windowFull ? (this.recent[0]?.at ?? 0) + 1000 + WINDOW_MARGIN_MS : 0,
      (this.conversations.get(conversation) ?? Number.NEGATIVE_INFINITY) + this.options.perConversationMs,
    );
  }

  private async waitTurn(conversation: string, signal: AbortSignal | undefined): Promise<{ at: number }> {
    // A pause may be set while waiting, so the turn is computed again after each sleep.
    for (let at = this.earliest(conversation); at > this.now(); at = this.earliest(conversation)) {
      if (signal?.aborted) throw new PacerStopped();
      await this.sleep(at - this.now(), signal);
    }
    if (signal?.aborted) throw new PacerStopped();
    const start = this.now();
    const slot = { at: start };
    this.recent.push(slot);
    if (this.recent.length > Math.ceil(this.options.perSecond)) this.recent.shift();
    this.nextEven = (start - this.nextEven > CATCH_UP_MS ? start : this.nextEven) + this.gapMs;
    this.conversations.set(conversation, start);
    if (this.conversations.size > 10_000) this.forgetOld(start);
    return slot;
  }

  private forgetOld(now: number): void {
    for (const [conversation, at] of this.conversations) {
      if (now - at > this.options.perConversationMs) this.conversations.delete(conversation);
    }
  }
}
