// A chat platform for tests: it keeps every message it was sent, the way a platform keeps a conversation, and can
// refuse, hang or be asked whether a key was already sent. It implements the chat port; it does not mock an SDK.

import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Recipient,
  type SentMessage,
} from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { renderText } from '../../src/render/render-text.ts';

export interface RecordedMessage {
  key: string;
  to: string;
  kind: string;
  text: string;
}

function address(to: Recipient): string {
  return 'person' in to ? to.person.id : `#${to.channel}`;
}

export class RecordingChat implements ChatPort {
  readonly platform = 'recording';
  /** Given, to share one conversation between the chat ports of several programmes. */
  readonly messages: RecordedMessage[];
  /** Refusals to give on the next sends, in order. */
  readonly refusals: ChatDeliveryError[] = [];
  /** After this many more sends, hang forever: `before` the message reaches the platform, or `after`. */
  private hang?: { after: number; when: 'before' | 'after' };

  constructor(
    private readonly programme: Programme,
    messages: RecordedMessage[] = [],
  ) {
    this.messages = messages;
  }

  hangAfter(sends: number, when: 'before' | 'after'): void {
    this.hang = { after: sends, when };
  }

  /** Refusals to give on the next look-ups (`findSent`), in order. */
  readonly lookupRefusals: ChatDeliveryError[] = [];
  /** Errors to throw on the next sends *after* keeping the message, as a 5xx after the post would. */
  readonly failuresAfterPosting: ChatDeliveryError[] = [];
  /** Person ids the platform does not know. */
  readonly strangers = new Set<string>();

  async send(delivery: Delivery): Promise<SentMessage> {
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    if ('person' in delivery.to && this.strangers.has(delivery.to.person.id))
      throw permanent('user_not_found');
    const hang = this.hang;
    const hanging = hang !== undefined && hang.after-- <= 0;
    if (hanging) this.hang = undefined;
    if (hanging && hang.when === 'before') return new Promise<never>(() => {});
    this.messages.push({
      key: delivery.key,
      to: address(delivery.to),
      kind: delivery.message.kind,
      text: renderText(this.programme, delivery.message, delivery.locale),
    });
    if (hanging) return new Promise<never>(() => {});
    const failure = this.failuresAfterPosting.shift();
    if (failure) throw failure;
    return { platform: this.platform, ref: String(this.messages.length) };
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    const refusal = this.lookupRefusals.shift();
    if (refusal) throw refusal;
    const index = this.messages.findIndex((m) => m.key === key && m.to === address(to));
    return index < 0 ? null : { platform: this.platform, ref: String(index + 1) };
  }

  to(recipient: string): RecordedMessage[] {
    return this.messages.filter((m) => m.to === recipient);
  }

  keys(): string[] {
    return this.messages.map((m) => m.key);
  }
}

export const transient = (code = 'ratelimited', retryAfterMs?: number) =>
  new ChatDeliveryError(code, code, {
    transient: true,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

export const permanent = (code = 'user_not_found') => new ChatDeliveryError(code, code, { transient: false });
