// The chat port on Slack. A person's message is posted to their user id, which opens (or reuses) the direct
// message with the app without a `conversations.open` per person; a channel's by its name. Each message carries its
// idempotency key in Slack's message metadata, which is how `findSent` recognises it in the conversation later.
import type { WebClient } from '@slack/web-api';
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Logger,
  type Recipient,
  type SentMessage,
} from '../../core/ports.ts';
import type { Programme } from '../../core/programme.ts';
import { isAmbiguous, isShapeRefusal, isTokenRefusal, slackErrorCode, toDeliveryError } from './client.ts';
import type { SlackDirectory } from './directory.ts';
import type { Pacer } from './pacer.ts';
import { plainMessage, renderMessage, type SlackMessage } from './render.ts';

export const METADATA_EVENT = 'coaching_bot_message';
/** How far back `findSent` looks: a message is looked for right after an interrupted attempt, not weeks later. */
const HISTORY_PAGES = 2;
const HISTORY_PAGE_SIZE = 100;

export const messageMetadata = (key: string) => ({ event_type: METADATA_EVENT, event_payload: { key } });

export const slackRef = (channel: string, ts: string) => `${channel}/${ts}`;

/** A conversation id (`C…`, `G…`, `D…`) is used as is; anything else is a channel name. */
function channelTarget(channel: string): string {
  return /^[CGD][A-Z0-9]{6,}$/.test(channel) ? channel : `#${channel.replace(/^#/, '')}`;
}

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown } };
}

export class SlackChat implements ChatPort {
  readonly platform = 'slack';
  private readonly imChannels = new Map<string, string>();

  constructor(
    private readonly deps: {
      client: WebClient;
      directory: SlackDirectory;
      pacer: Pacer;
      programme: Programme;
      /** Set when the deployment serves several programmes: the check-in's buttons carry the programme's key. */
      several?: boolean;
      logger: Logger;
      /** Set when the bot is stopping: a post still waiting for its turn is given back to the outbox. */
      stopping?: () => AbortSignal | undefined;
    },
  ) {}

  /** Where a recipient's messages are posted: their user id, or the channel. */
  private async target(to: Recipient): Promise<string> {
    if ('channel' in to) return channelTarget(to.channel);
    let userId: string | null;
    try {
      userId = await this.deps.directory.userId(to.person);
    } catch (error) {
      throw this.refusal(error);
    }
    if (!userId) {
      throw new ChatDeliveryError('users_not_found', 'no Slack user has this e-mail address', {
        transient: false,
      });
    }
    return userId;
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    const target = await this.target(delivery.to);
    const { programme, several } = this.deps;
    const rendered = renderMessage(
      programme,
      delivery.message,
      delivery.locale,
      several ? programme.key : undefined,
    );
    try {
      return await this.post(target, delivery.key, rendered);
    } catch (error) {
      if (!isShapeRefusal(error)) return this.afterFailure(delivery, error);
      // Slack posted nothing: the same message goes again as plain text, under the same key, rather than not at all.
      this.deps.logger.warn(
        { platform: 'slack', key: delivery.key, code: slackErrorCode(error) },
        'slack: message refused for its shape, sent again as plain text',
      );
    }
    const plain = plainMessage(this.deps.programme, delivery.message, delivery.locale);
    try {
      return await this.post(target, delivery.key, plain);
    } catch (error) {
      return this.afterFailure(delivery, error);
    }
  }

  /** A failed post: refused, or unsure (a time-out or a 5xx may hide a message Slack did post). */
  private async afterFailure(delivery: Delivery, error: unknown): Promise<SentMessage> {
    const refusal = this.refusal(error);
    if (!isAmbiguous(error)) throw refusal;
    // Look at once. Not found (Slack may show it a moment later) or not answered, it stays unsure, and the outbox
    // looks again before any new attempt.
    if ('person' in delivery.to) {
      const found = await this.findSent(delivery.to, delivery.key).catch(() => null);
      if (found) return found;
    }
    throw new ChatDeliveryError(refusal.code, refusal.message, {
      transient: true,
      ...(refusal.retryAfterMs !== undefined ? { retryAfterMs: refusal.retryAfterMs } : {}),
      outcomeUnknown: true,
    });
  }

  /**
   * A failed call in the chat port's terms. A refused bot token is logged at error level here, once per refused
   * call: every message waits for an administrator, and the outbox alone would only warn of retries.
   */
  private refusal(error: unknown): ChatDeliveryError {
    const refusal = toDeliveryError(error);
    if (isTokenRefusal(error)) {
      this.deps.logger.error(
        { platform: 'slack', code: refusal.code },
        'slack: the bot token was refused (rotated, revoked, or the app uninstalled): messages wait until SLACK_BOT_TOKEN is fixed',
      );
    }
    return refusal;
  }

  private async post(target: string, key: string, rendered: SlackMessage): Promise<SentMessage> {
    const { pacer, client } = this.deps;
    const result = await pacer.run(
      target,
      async () => {
        try {
          return await client.chat.postMessage({
            channel: target,
            text: rendered.text,
            ...(rendered.blocks.length > 0 ? { blocks: rendered.blocks } : {}),
            metadata: messageMetadata(key),
            unfurl_links: false,
            unfurl_media: false,
          });
        } catch (error) {
          const refusal = toDeliveryError(error);
          // Slack's Retry-After holds every post, not only this one.
          if (refusal.retryAfterMs !== undefined) pacer.pauseFor(refusal.retryAfterMs);
          throw error;
        }
      },
      this.deps.stopping?.(),
    );
    if (!result.channel || !result.ts)
      throw new ChatDeliveryError('internal', 'Slack gave no ts', { transient: true });
    return { platform: this.platform, ref: slackRef(result.channel, result.ts) };
  }

  /** Replaces a sent message in place (the check-in after a click), keeping its key. */
  async update(ref: { channel: string; ts: string }, key: string, rendered: SlackMessage): Promise<void> {
    await this.deps.client.chat.update({
      channel: ref.channel,
      ts: ref.ts,
      text: rendered.text,
      blocks: rendered.blocks,
      metadata: messageMetadata(key),
    });
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    // Reading a channel's history would need channels:history, which the app does not ask for.
    if ('channel' in to) return null;
    try {
      const userId = await this.deps.directory.userId(to.person);
      if (!userId) return null;
      const channel = await this.imChannel(userId);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await this.deps.client.conversations.history({
          channel,
          limit: HISTORY_PAGE_SIZE,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        const found = (history.messages as HistoryMessage[] | undefined)?.find(
          (m) =>
            m.bot_id !== undefined &&
            m.metadata?.event_type === METADATA_EVENT &&
            m.metadata.event_payload?.key === key,
        );
        if (found?.ts) return { platform: this.platform, ref: slackRef(channel, found.ts) };
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private async imChannel(userId: string): Promise<string> {
    const known = this.imChannels.get(userId);
    if (known) return known;
    const opened = await this.deps.client.conversations.open({ users: userId });
    const id = opened.channel?.id;
    if (!id)
      throw new ChatDeliveryError('channel_not_found', 'no direct message channel', { transient: false });
    this.imChannels.set(userId, id);
    return id;
  }
}
