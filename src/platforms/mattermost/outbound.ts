// The chat port on Mattermost: direct messages to people, posts in the digest channel, and finding a message again
// by the idempotency key each post carries in its props.
import type { Post } from '@mattermost/types/posts';
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Logger,
  type Recipient,
  type SentMessage,
} from '../../core/ports.ts';
import type { Person, Programme } from '../../core/programme.ts';
import { AccountError, type BotAccount, PLATFORM } from './account.ts';
import { type BotClient, deliveryError, isNotFound, MattermostApiError } from './client.ts';
import type { Directory } from './directory.ts';
import { type CheckinLinks, plainPost, type RenderedPost, renderPost } from './render.ts';

/** The prop under which each post keeps its idempotency key. */
export const KEY_PROP = 'coaching_bot_key';

/** How far back `findSent` looks in a conversation: the bot writes a few messages a week to each person. */
const RECENT_POSTS = 200;

export class MattermostChat implements ChatPort {
  readonly platform = PLATFORM;
  private readonly directChannels = new Map<string, string>();
  private readonly namedChannels = new Map<string, string>();

  constructor(
    private readonly client: BotClient,
    private readonly account: BotAccount,
    private readonly directory: Directory,
    private readonly programme: Programme,
    private readonly links: CheckinLinks,
    private readonly logger: Logger,
  ) {}

  /** The direct message channel between the bot and the person; null when Mattermost does not know them. */
  async directChannel(person: Person): Promise<string | null> {
    const user = await this.directory.userOf(person);
    if (!user) return null;
    const known = this.directChannels.get(user.id);
    if (known) return known;
    const me = await this.account.self();
    // Creating a direct channel that exists returns it, so this is also how it is found.
    const channel = await this.client.createDirectChannel([me.id, user.id]);
    this.directChannels.set(user.id, channel.id);
    return channel.id;
  }

  private async namedChannel(name: string): Promise<string> {
    const known = this.namedChannels.get(name);
    if (known) return known;
    const team = await this.account.currentTeam();
    let channel: Awaited<ReturnType<BotClient['getChannelByName']>>;
    try {
      channel = await this.client.getChannelByName(team.id, name);
    } catch (error) {
      if (isNotFound(error) || (error instanceof MattermostApiError && error.status === 403)) {
        throw new ChatDeliveryError('channel_not_found', `no channel "${name}" in team ${team.name}`, {
          transient: false,
        });
      }
      throw error;
    }
    const me = await this.account.self();
    try {
      await this.client.getChannelMember(channel.id, me.id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // The bot joins a public channel by itself; a private one needs someone to invite it (403 then).
      await this.client.addToChannel(me.id, channel.id);
      this.logger.info({ channel: name }, 'mattermost: joined the digest channel');
    }
    this.namedChannels.set(name, channel.id);
    return channel.id;
  }

  private async channelOf(to: Recipient): Promise<string | null> {
    return 'person' in to ? this.directChannel(to.person) : this.namedChannel(to.channel);
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    try {
      const channelId = await this.channelOf(delivery.to);
      if (!channelId) {
        throw new ChatDeliveryError('user_not_found', 'no Mattermost account for this person', {
          transient: false,
        });
      }
      const post = renderPost(this.programme, delivery.message, delivery.locale, this.links);
      let created: Post;
      try {
        created = await this.createPost(channelId, delivery.key, post);
      } catch (error) {
        if (!isShapeRefusal(error)) throw deliveryError(error, { posting: true });
        // Mattermost stored nothing: the same message goes again as plain text, under the same key.
        this.logger.warn(
          { platform: PLATFORM, key: delivery.key, status: (error as MattermostApiError).status },
          'mattermost: post refused for its shape, sent again as plain text',
        );
        try {
          created = await this.createPost(
            channelId,
            delivery.key,
            plainPost(this.programme, delivery.message, delivery.locale),
          );
        } catch (retryError) {
          throw deliveryError(retryError, { posting: true });
        }
      }
      this.logger.debug({ key: delivery.key, post: created.id }, 'mattermost: posted');
      return { platform: PLATFORM, ref: created.id };
    } catch (error) {
      throw refusal(error);
    }
  }

  /** The post itself, carrying its key in its props so that `findSent` finds it again. */
  private createPost(channelId: string, key: string, post: RenderedPost): Promise<Post> {
    return this.client.createPost({
      channel_id: channelId,
      message: post.message,
      props: { [KEY_PROP]: key, ...(post.attachments.length ? { attachments: post.attachments } : {}) },
    });
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    try {
      const channelId = await this.channelOf(to);
      if (!channelId) return null;
      const me = await this.account.self();
      const list = await this.client.getPosts(channelId, 0, RECENT_POSTS);
      for (const id of list.order) {
        const post: Post | undefined = list.posts[id];
        if (post && post.user_id === me.id && post.props?.[KEY_PROP] === key) {
          return { platform: PLATFORM, ref: post.id };
        }
      }
      return null;
    } catch (error) {
      throw refusal(error);
    }
  }
}

/** A 400 (or 413) to a post: its message, props or attachments were refused, and nothing was stored. */
function isShapeRefusal(error: unknown): boolean {
  return error instanceof MattermostApiError && (error.status === 400 || error.status === 413);
}

function refusal(error: unknown): ChatDeliveryError {
  if (error instanceof AccountError) {
    return new ChatDeliveryError(error.code, error.message, { transient: error.transient });
  }
  return deliveryError(error);
}
