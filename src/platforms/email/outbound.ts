// The chat port over SMTP: each message becomes one mail to the person's address, under a Message-ID made from its
// outbox key.
//
// Exactly once, for e-mail: SMTP has no way to ask a server whether it took a message. `findSent` can only answer
// for what this process saw accepted (a 250 whose mark was not yet written); after a crash, or when the connection
// dropped before the server's answer, it says "not found" and the outbox sends the message again, under the same
// Message-ID, so that mail clients and servers show it once. Nothing is lost; a copy may reach the mailbox, never a
// second message.
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Logger,
  type Recipient,
  type SentMessage,
} from '../../core/ports.ts';
import type { Programme } from '../../core/programme.ts';
import { composeMail, type MailLinks } from './compose.ts';
import { listId, messageIdFor, threadOf } from './headers.ts';
import { mailHtml, mailText } from './render.ts';
import { deliveryError, type MailTransport, PLATFORM } from './transport.ts';

/** How many accepted keys are remembered for `findSent`: a few weeks of a large cohort. */
const REMEMBERED = 50_000;

export interface EmailChatDeps {
  transport: MailTransport;
  from: { name: string; address: string };
  /** Host of PUBLIC_URL, the right-hand side of every Message-ID. */
  host: string;
  programme: Programme;
  /** Signs the links a mail carries (the keys are read from the database on first use). */
  links: () => Promise<MailLinks>;
  logger: Logger;
  concurrency: number;
}

export class EmailChat implements ChatPort {
  readonly platform = PLATFORM;
  readonly concurrency: number;
  readonly #accepted = new Map<string, string>();

  constructor(private readonly deps: EmailChatDeps) {
    this.concurrency = deps.concurrency;
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    if (!('person' in delivery.to)) {
      throw new ChatDeliveryError('channel_unsupported', 'e-mail has no channels', { transient: false });
    }
    const { programme, host, from } = this.deps;
    const person = delivery.to.person;
    const content = composeMail({
      programme,
      message: delivery.message,
      locale: delivery.locale,
      recipient: person,
      links: await this.deps.links(),
    });
    const messageId = messageIdFor(delivery.key, host);
    const thread = threadOf(delivery.message, host, delivery.key);
    try {
      await this.deps.transport.sendMail({
        from,
        to: { name: person.name, address: person.email },
        subject: content.subject,
        text: mailText(content),
        html: mailHtml(content, delivery.locale),
        messageId,
        ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
        headers: {
          // RFC 3834: no out-of-office reply to a robot; Exchange reads its own header for the same.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
        list: { id: listId(programme, host) },
      });
    } catch (error) {
      throw deliveryError(error);
    }
    this.#remember(delivery.key, messageId);
    this.deps.logger.debug({ key: delivery.key }, 'email: accepted by the mail server');
    return { platform: PLATFORM, ref: messageId };
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    if (!('person' in to)) return null;
    const messageId = this.#accepted.get(key);
    return messageId ? { platform: PLATFORM, ref: messageId } : null;
  }

  #remember(key: string, messageId: string): void {
    this.#accepted.delete(key);
    this.#accepted.set(key, messageId);
    if (this.#accepted.size > REMEMBERED) {
      const oldest = this.#accepted.keys().next().value;
      if (oldest !== undefined) this.#accepted.delete(oldest);
    }
  }
}
