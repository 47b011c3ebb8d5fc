// The composition root: the programme file, the database, the ports and the platforms put together, once, for the
// server and for each CLI verb. The use cases' context is built here, complete, and never changed after; nothing else
// in the bot builds one (tests do, from the same parts).
//
// The one circle in the wiring — the context holds the chat port, which is made of the platforms' own, while the
// platforms' inbound side calls the use cases with the context — is broken by building each platform in two halves
// (src/platforms/platform.ts): their outbound halves first, then the context with their chat ports, then their
// inbound halves over that context.
import type { AppContext } from './app/context.ts';
import type { DashboardLinks } from './app/dashboard-link.ts';
import type { Env } from './config/env.ts';
import { loadProgrammeFile, type Problem } from './config/programme-file.ts';
import type { Clock, Logger, SecretStore } from './core/ports.ts';
import type { Locale, Programme } from './core/programme.ts';
import { dashboardSecret } from './http/dashboard/secret.ts';
import type { Platform, PlatformDeps, PlatformOutbound } from './platforms/platform.ts';
import { chatFor } from './platforms/routing-chat.ts';
import { openStorage, type Storage } from './storage/storage.ts';

export class ProgrammeFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
    readonly locale: Locale,
  ) {
    super(`${file}: ${problems.length} problem(s)`);
    this.name = 'ProgrammeFileError';
  }
}

export const systemClock: Clock = { now: () => new Date() };

export function loadProgramme(file: string): Programme {
  const load = loadProgrammeFile(file);
  if (!load.ok) throw new ProgrammeFileError(file, load.problems, load.locale);
  return load.programme;
}

/** The outbound halves of the chat platforms to run (`createPlatforms` reads them from the environment). */
export type PlatformsOf = (
  deps: PlatformDeps,
  env: Env,
) => readonly PlatformOutbound[] | Promise<readonly PlatformOutbound[]>;

export interface RuntimeOptions {
  logger: Logger;
  clock?: Clock;
  /** Already loaded and checked by the caller (who chose its locale from it). */
  programme?: Programme;
  /** This process's name on what it holds in the database (outbox claims, scheduled runs), and in its logs. */
  instance?: string;
  /** Aborted when the process is asked to stop (`coaching-bot start`). */
  signal?: AbortSignal;
  /** The platforms to send through and to answer on; none for a verb that sends nothing. */
  platforms?: PlatformsOf;
  /** Whether `/phase dashboard` may sign links: where the HTTP server serves the dashboard. */
  dashboard?: boolean;
}

export interface Runtime {
  readonly ctx: AppContext;
  /** The storage's ports beside the store (the sandbox's conversations, secrets, retention, readiness). */
  readonly storage: Storage;
  /** Whole (inbound halves attached), in the order a person is looked for on them. */
  readonly platforms: readonly Platform[];
  close(): Promise<void>;
}

/** How the dashboard's links are signed: `DASHBOARD_SECRET`, or a key kept in the database across restarts. */
export async function dashboardLinks(secrets: SecretStore, env: Env): Promise<DashboardLinks> {
  return { secret: await dashboardSecret(secrets, env.dashboardSecret), baseUrl: env.publicUrl };
}

/**
 * Loads and checks the programme file first (a bad file writes nothing), then opens and migrates the database, syncs
 * the file into it, and builds the context and the platforms.
 */
export async function openRuntime(env: Env, options: RuntimeOptions): Promise<Runtime> {
  const programme = options.programme ?? loadProgramme(env.programmeFile);
  const storage = await openStorage(env.databaseUrl, {
    programmeKey: programme.key,
    ...(options.instance ? { instance: options.instance } : {}),
  });
  try {
    const { store } = storage;
    const clock = options.clock ?? systemClock;
    const { logger, signal } = options;
    const sync = await store.syncProgramme(programme, clock.now());
    logger.debug({ programme: programme.key, ...sync }, 'programme file synced');
    const deps: PlatformDeps = { programme, clock, logger, storage, ...(signal ? { signal } : {}) };
    const outbound = options.platforms ? await options.platforms(deps, env) : [];
    const chat = chatFor(outbound, logger, programme);
    const dashboard = options.dashboard ? await dashboardLinks(storage.secrets, env) : undefined;
    const ctx: AppContext = Object.freeze({
      programme,
      store,
      clock,
      logger,
      publicUrl: env.publicUrl,
      ...(chat ? { chat } : {}),
      ...(signal ? { signal } : {}),
      ...(dashboard ? { dashboard } : {}),
    });
    const platforms = outbound.map((platform) => platform.attach(ctx));
    return { ctx, storage, platforms, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
