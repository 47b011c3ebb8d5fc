// One chat port over several platforms: each person is reached where they are known (Slack, Mattermost, sandbox),
// in the order the platforms were configured.
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Recipient,
  type SentMessage,
} from '../core/ports.ts';
import type { Platform } from './platform.ts';

export class RoutingChat implements ChatPort {
  readonly platform = 'routing';

  constructor(private readonly platforms: readonly Platform[]) {}

  private async candidates(to: Recipient): Promise<Platform[]> {
    if (!('person' in to)) return this.platforms.slice(0, 1);
    const reachable: Platform[] = [];
    for (const platform of this.platforms) {
      if (await platform.reaches(to.person)) reachable.push(platform);
    }
    return reachable;
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    const [platform] = await this.candidates(delivery.to);
    if (!platform) {
      throw new ChatDeliveryError('unreachable', 'no configured platform knows this person', {
        transient: false,
      });
    }
    return platform.chat.send(delivery);
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    for (const platform of await this.candidates(to)) {
      const found = await platform.chat.findSent(to, key);
      if (found) return found;
    }
    return null;
  }
}

/** The chat port for a set of platforms: the platform itself when there is one, a router when there are several. */
export function chatFor(platforms: readonly Platform[]): ChatPort | undefined {
  if (platforms.length === 0) return undefined;
  if (platforms.length === 1) return platforms[0]?.chat;
  return new RoutingChat(platforms);
}
