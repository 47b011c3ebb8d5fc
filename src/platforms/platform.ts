// What a chat platform brings to the bot: a chat port for what the bot sends, HTTP routes for what users send, and a
// life cycle. Slack, Mattermost, e-mail and the sandbox each implement it in their own folder.
import type { AppContext } from '../app/context.ts';
import type { Env } from '../config/env.ts';
import type { ChatPort } from '../core/ports.ts';
import type { Person } from '../core/programme.ts';
import type { Route } from '../http/server.ts';

export interface Platform {
  readonly name: string;
  readonly chat: ChatPort;
  /** HTTP routes this platform answers, keyed `METHOD /path` (e.g. `POST /slack/events`). */
  readonly routes: Record<string, Route>;
  /** Whether this platform can reach the person: an explicit id in the programme file, or found by e-mail. */
  reaches(person: Person): Promise<boolean>;
  /**
   * Reaches everyone, but only those no platform before it knows (e-mail): never while one of those cannot say
   * whether it knows the person, nor for channels.
   */
  readonly lastResort?: boolean;
  /** For the long-running bot only: checks credentials, connects, registers commands. Throws a `PlatformError`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the platform answers right now (for `/readyz`). */
  ready(): Promise<boolean>;
}

export type PlatformFactory = (ctx: AppContext, env: Env) => Platform;

/** A platform that cannot start: the sentence says what to set or fix. */
export class PlatformError extends Error {
  constructor(
    readonly platform: string,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
