// One chat port over several platforms: each person is reached where they are known (Slack, Mattermost, sandbox),
// in the order the platforms were configured.

import type { Logger } from '../core/ports.ts';
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Recipient,
  type SentMessage,
} from '../core/ports.ts';
import type { Platform } from './platform.ts';

/** What routing needs of a platform: its chat port and whom it reaches (both exist before the context does). */
type Reaching = Pick<Platform, 'name' | 'chat' | 'reaches'>;

export class RoutingChat implements ChatPort {
  readonly platform = 'routing';

  constructor(
    private readonly platforms: readonly Reaching[],
    private readonly logger?: Logger,
  ) {}

  /**
   * The first platform that knows the person. A platform that cannot answer right now is passed over, so that one
   * platform's outage does not stop the messages of people reached on another.
   */
  private async platformFor(to: Recipient): Promise<Reaching> {
    if (!('person' in to)) return this.platforms[0] as Reaching;
    let unavailable = false;
    for (const platform of this.platforms) {
      try {
        if (await platform.reaches(to.person)) return platform;
      } catch (error) {
        unavailable = true;
        this.logger?.warn(
          { platform: platform.name, person: to.person.id, err: error },
          'routing: platform unavailable',
        );
      }
    }
    // Unknown everywhere for good only if every platform could answer; otherwise the outbox tries again later.
    throw unavailable
      ? new ChatDeliveryError(
          'platform_unavailable',
          'a platform could not say whether it knows this person',
          {
            transient: true,
          },
        )
      : new ChatDeliveryError('unreachable', 'no configured platform knows this person', {
          transient: false,
        });
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    return (await this.platformFor(delivery.to)).chat.send(delivery);
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    return (await this.platformFor(to)).chat.findSent(to, key);
  }
}

/** The chat port for a set of platforms: the platform itself when there is one, a router when there are several. */
export function chatFor(platforms: readonly Reaching[], logger?: Logger): ChatPort | undefined {
  if (platforms.length === 0) return undefined;
  if (platforms.length === 1) return platforms[0]?.chat;
  return new RoutingChat(platforms, logger);
}
