// One chat port over several platforms: each person is reached where they are known (Slack, Mattermost, sandbox),
// in the order the platforms were configured, or on the platform their `channel:` names. E-mail comes last and
// reaches only those no chat platform knows.

import type { Logger } from '../core/ports.ts';
import {
  ChatDeliveryError,
  type ChatPort,
  type Delivery,
  type Recipient,
  type SentMessage,
} from '../core/ports.ts';
import type { Person, Programme } from '../core/programme.ts';
import type { Platform } from './platform.ts';

/** At most `width` calls at once; the others wait their turn in order. */
class Lanes {
  #busy = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly width: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy >= this.width) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#busy++;
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#busy--;
    }
  }
}

const unavailable = () =>
  new ChatDeliveryError('platform_unavailable', 'a platform could not say whether it knows this person', {
    transient: true,
  });

const unreachable = () =>
  new ChatDeliveryError('unreachable', 'no configured platform knows this person', { transient: false });
/** What routing needs of a platform: its chat port and whom it reaches (both exist before the context does). */
type Reaching = Pick<Platform, 'name' | 'chat' | 'reaches' | 'lastResort'>;

export class RoutingChat implements ChatPort {
  readonly platform = 'routing';
  /** As many at once as the widest platform takes; each platform still gets no more than its own width. */
  readonly concurrency: number;
  readonly #lanes: Map<Reaching, Lanes>;

  constructor(
    private readonly platforms: readonly Reaching[],
    private readonly logger?: Logger,
  ) {
    const width = (p: Reaching) => Math.max(1, Math.floor(p.chat.concurrency ?? 1));
    this.concurrency = Math.max(1, ...platforms.map(width));
    this.#lanes = new Map(platforms.map((p) => [p, new Lanes(width(p))]));
  }

  /**
   * The platform the person's `channel:` names, else the first platform that knows them. A platform that cannot
   * answer right now is passed over, so that one platform's outage does not stop the messages of people reached on
   * another; but a last-resort platform (e-mail) is not: the person may well be on the platform that is down.
   */
  private async platformFor(to: Recipient): Promise<Reaching> {
    if (!('person' in to))
      return this.platforms.find((p) => !p.lastResort) ?? (this.platforms[0] as Reaching);
    const forced = this.platforms.find((p) => p.name === to.person.channel);
    if (forced) {
      let known: boolean;
      try {
        known = await forced.reaches(to.person);
      } catch (error) {
        this.logger?.warn(
          { platform: forced.name, person: to.person.id, err: error },
          'routing: platform unavailable',
        );
        throw unavailable();
      }
      if (known) return forced;
      throw unreachable();
    }
    let down = false;
    for (const platform of this.platforms) {
      if (platform.lastResort && down) break;
      try {
        if (await platform.reaches(to.person)) return platform;
      } catch (error) {
        down = true;
        this.logger?.warn(
          { platform: platform.name, person: to.person.id, err: error },
          'routing: platform unavailable',
        );
      }
    }
    // Unknown everywhere for good only if every platform could answer; otherwise the outbox tries again later.
    throw down ? unavailable() : unreachable();
  }

  async send(delivery: Delivery): Promise<SentMessage> {
    const platform = await this.platformFor(delivery.to);
    return (this.#lanes.get(platform) as Lanes).run(() => platform.chat.send(delivery));
  }

  async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
    return (await this.platformFor(to)).chat.findSent(to, key);
  }
}

/**
 * What an administrator should know of how the programme's people will be reached: a `channel:` naming a platform
 * that is not configured (those people are then routed as if it were unset), and a digest channel that only
 * last-resort platforms would carry (e-mail has no channels).
 */
export function routingWarnings(
  programme: Programme,
  platforms: readonly Reaching[],
): { unconfiguredChannel: Person[]; digestChannelUnreachable: boolean } {
  const names = new Set(platforms.map((p) => p.name));
  return {
    unconfiguredChannel: programme.people.filter((p) => p.channel !== undefined && !names.has(p.channel)),
    digestChannelUnreachable:
      programme.digestChannel !== undefined && platforms.length > 0 && platforms.every((p) => p.lastResort),
  };
}

/** The chat port for a set of platforms: the platform itself when there is one, a router when there are several. */
export function chatFor(
  platforms: readonly Reaching[],
  logger?: Logger,
  programme?: Programme,
): ChatPort | undefined {
  if (programme && logger) {
    const warnings = routingWarnings(programme, platforms);
    for (const person of warnings.unconfiguredChannel) {
      logger.warn(
        { person: person.id, channel: person.channel },
        'routing: the channel this person asks for is not configured; reached where they are known instead',
      );
    }
    if (warnings.digestChannelUnreachable) {
      logger.warn(
        { channel: programme.digestChannel },
        'routing: digest_channel is set but only e-mail is configured, which has no channels: the digest cannot go there',
      );
    }
  }
  if (platforms.length === 0) return undefined;
  if (platforms.length === 1) return platforms[0]?.chat;
  return new RoutingChat(platforms, logger);
}
