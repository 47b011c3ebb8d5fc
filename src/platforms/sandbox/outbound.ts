// The sandbox's chat port: a message "sent" is a row in the bot's own database, shown on the sandbox page to the
// person it was sent to. Everything upstream (outbox, keys, retries) is the same as for Slack and Mattermost.
import {
  ChatDeliveryError,
  type ChatPort,
  type Clock,
  type Delivery,
  type Recipient,
  type SandboxMessageStore,
  type SentMessage,
} from '../../core/ports.ts';
import type { Person } from '../../core/programme.ts';

export const SANDBOX = 'sandbox';

export function addressOf(to: Recipient): string {
  return 'person' in to ? to.person.id : `#${to.channel}`;
}

export class SandboxChat implements ChatPort {
  readonly platform = SANDBOX;
  readonly #refusals: ChatDeliveryError[] = [];

  constructor(
    private readonly store: () => SandboxMessageStore,
    /** Whether the sandbox knows the person: those of the programme it shows. */
    private readonly knows: (person: Person) => boolean,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes the next send fail with `error`. The sandbox never rate-limits nor goes down, so without this the outbox's
   * handling of a refusal (retry later, give up, report) could not be exercised against this adapter; the chat-port
   * contract suite uses it to play Slack's 429 and 500.
   */
  refuseNext(error: ChatDeliveryError): void {
    this.#refusals.push(error);
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    const refusal = this.#refusals.shift();
    if (refusal) throw refusal;
    if ('person' in delivery.to && !this.knows(delivery.to.person)) {
      throw new ChatDeliveryError('user_not_found', 'the sandbox does not know this person', {
        transient: false,
      });
    }
    const row = await this.store().save(
      addressOf(delivery.to),
      delivery.key,
      delivery.message,
      this.clock.now(),
    );
    return { platform: SANDBOX, ref: String(row.id) };
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    const row = await this.store().findByKey(addressOf(to), key);
    return row ? { platform: SANDBOX, ref: String(row.id) } : null;
  }
}
