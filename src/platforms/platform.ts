// What a chat platform brings to the bot: a chat port for what the bot sends, HTTP routes for what users send, and a
// life cycle. Slack, Mattermost, e-mail and the sandbox each implement it in their own folder.
//
// A platform is built in two steps, so that the use cases' context is built once, complete, and never changed after
// (src/runtime.ts). The context holds the chat port, which is made of the platforms' (routing-chat.ts); the
// platforms' inbound side calls the use cases with that context. So: first each platform's outbound half, from the
// programme and the process's parts alone (`PlatformFactory`); then the context, with their chat ports; then
// `attach(ctx)` makes each platform's inbound half (routes, listeners) over that context, and its life cycle.
import type { AppContext } from '../app/context.ts';
import type { Programmes } from '../app/programmes.ts';
import type { Env } from '../config/env.ts';
import type { ChatPort, DeliveryLedger, SandboxMessageStore, SecretStore } from '../core/ports.ts';
import type { Person, Programme } from '../core/programme.ts';
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

/**
 * What platforms keep in the bot's database: the sandbox's conversations, the requests already taken in (so that a
 * replay reaching another instance is caught too), and the keys of the links they sign.
 */
export interface PlatformStorage {
  sandboxMessages: SandboxMessageStore;
  deliveries: DeliveryLedger;
  secrets: SecretStore;
}

/**
 * What a platform's outbound half needs: the programme (the first, when the deployment serves several: its language
 * says the platform's own start-up problems), every programme served, the process's clock, logger and stop signal,
 * and its storage (the first programme's: what the platform keeps is about requests, not programmes).
 */
export type PlatformDeps = Pick<AppContext, 'programme' | 'clock' | 'logger' | 'signal'> & {
  storage: PlatformStorage;
  programmes?: readonly Programme[];
  /** Each programme's own storage (the sandbox keeps each programme's conversations apart). */
  storageOf?: (programmeKey: string) => PlatformStorage;
};

/** A platform before the context exists: what the bot sends through, and whom it reaches. */
export interface PlatformOutbound<P extends Platform = Platform> {
  readonly name: string;
  readonly chat: P['chat'];
  reaches(person: Person): Promise<boolean>;
  /** See `Platform.lastResort`. */
  readonly lastResort?: boolean;
  /**
   * The chat port for one programme of a deployment that serves several (its messages rendered with that programme's
   * people and names). A platform without it serves one programme only.
   */
  chatFor?(programme: Programme): ChatPort;
  /**
   * The whole platform, its inbound half calling the use cases with `ctx` (whose chat port includes this one), or,
   * when the deployment serves several programmes, with the context of the programme each request is about. Once.
   */
  attach(ctx: AppContext, programmes?: Programmes): P;
}

export type PlatformFactory = (deps: PlatformDeps, env: Env) => PlatformOutbound;

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
