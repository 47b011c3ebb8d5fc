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
import { intrapreneursElsewhere } from './app/memberships.ts';
import { Programmes } from './app/programmes.ts';
import { SenderLease } from './app/sender-lease.ts';
import type { Env } from './config/env.ts';
import { loadProgrammeFile } from './config/programme-file.ts';
import { type FileProblems, loadProgrammeSet } from './config/programme-set.ts';
import type { ChatPort, Clock, Logger, SecretStore } from './core/ports.ts';
import type { Programme } from './core/programme.ts';
import { dashboardSecret } from './http/dashboard/secret.ts';
import type { Platform, PlatformDeps, PlatformOutbound } from './platforms/platform.ts';
import { programmeChat } from './platforms/programme-chat.ts';
import { chatFor } from './platforms/routing-chat.ts';
import { openStorages, type Storage, type StoragePorts } from './storage/storage.ts';

/** Programme files that cannot be served: every problem of every file, per file. */
export class ProgrammeFileError extends Error {
  constructor(readonly files: FileProblems[]) {
    super(files.map((f) => `${f.file}: ${f.problems.length} problem(s)`).join('\n'));
    this.name = 'ProgrammeFileError';
  }
}

export const systemClock: Clock = { now: () => new Date() };

/** One programme file (`PROGRAMME_FILE` naming a directory is read by `loadProgrammes`). */
export function loadProgramme(file: string): Programme {
  const load = loadProgrammeFile(file);
  if (!load.ok) throw new ProgrammeFileError([{ file, problems: load.problems, locale: load.locale }]);
  return load.programme;
}

/** Every programme `PROGRAMME_FILE` names, checked: one file, or each programme file of a directory. */
export function loadProgrammes(path: string): Programme[] {
  const load = loadProgrammeSet(path);
  if (!load.ok) throw new ProgrammeFileError(load.files);
  return load.programmes.map((p) => p.programme);
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
  /** The same, for a deployment of several programmes (`PROGRAMME_FILE` naming a directory). */
  programmes?: readonly Programme[];
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
  /** The first programme's context (the only one, in a deployment of one programme). */
  readonly ctx: AppContext;
  /** Every programme's context, in file name order. */
  readonly programmes: Programmes;
  /** The storage's ports beside the store (the sandbox's conversations, secrets, retention, readiness): the first
   * programme's, and the database's life cycle. */
  readonly storage: Storage;
  /** A programme's own storage ports (its retention, its secrets). */
  portsOf(ctx: AppContext): StoragePorts;
  /** Whole (inbound halves attached), in the order a person is looked for on them. */
  readonly platforms: readonly Platform[];
  close(): Promise<void>;
}

/**
 * How the dashboard's links are signed: `DASHBOARD_SECRET`, or a key kept in the database across restarts. `programme`:
 * the programme's key, signed into each link, when the deployment serves several.
 */
export async function dashboardLinks(
  secrets: SecretStore,
  env: Env,
  programme?: string,
): Promise<DashboardLinks> {
  return {
    secret: await dashboardSecret(secrets, env.dashboardSecret),
    baseUrl: env.publicUrl,
    ...(programme ? { programme } : {}),
  };
}

/**
 * Loads and checks the programme files first (a bad file writes nothing), then opens and migrates the database, syncs
 * each file into it, and builds each programme's context and the platforms, which all programmes share.
 */
export async function openRuntime(env: Env, options: RuntimeOptions): Promise<Runtime> {
  const programmes =
    options.programmes ?? (options.programme ? [options.programme] : loadProgrammes(env.programmeFile));
  const home = programmes[0];
  if (!home) throw new Error('openRuntime needs at least one programme');
  const storage = await openStorages(env.databaseUrl, {
    programmeKeys: programmes.map((p) => p.key),
    ...(options.instance ? { instance: options.instance } : {}),
  });
  try {
    const clock = options.clock ?? systemClock;
    const { logger, signal } = options;
    for (const programme of programmes) {
      const sync = await storage.of(programme.key).store.syncProgramme(programme, clock.now());
      logger.debug({ programme: programme.key, ...sync }, 'programme file synced');
    }
    const deps: PlatformDeps = {
      programme: home,
      programmes,
      clock,
      logger,
      storage: storage.first,
      storageOf: (key) => storage.of(key),
      ...(signal ? { signal } : {}),
    };
    const outbound = options.platforms ? await options.platforms(deps, env) : [];
    const several = programmes.length > 1;
    // One hold on the sending lease for the process: its programmes share the platforms' pace, and so the lease.
    const senderLease = new SenderLease(storage.first.store, clock, logger);
    const contexts: AppContext[] = [];
    for (const programme of programmes) {
      const ports = storage.of(programme.key);
      const shared = chatFor(
        outbound.map((platform) => ({ ...platform, chat: chatOf(platform, programme, programmes) })),
        logger,
        programme,
      );
      const chat = shared && several ? programmeChat(shared, programme) : shared;
      const dashboard = options.dashboard
        ? await dashboardLinks(ports.secrets, env, several ? programme.key : undefined)
        : undefined;
      const elsewhere = several ? intrapreneursElsewhere(programmes, programme) : undefined;
      contexts.push(
        Object.freeze({
          programme,
          store: ports.store,
          clock,
          logger,
          publicUrl: env.publicUrl,
          senderLease,
          ...(chat ? { chat } : {}),
          ...(signal ? { signal } : {}),
          ...(dashboard ? { dashboard } : {}),
          ...(elsewhere?.size ? { intrapreneursElsewhere: elsewhere } : {}),
        }),
      );
    }
    const registry = new Programmes(contexts);
    const platforms = outbound.map((platform) => platform.attach(registry.first, registry));
    return {
      ctx: registry.first,
      programmes: registry,
      storage: storage.first,
      portsOf: (ctx) => storage.of(ctx.programme.key),
      platforms,
      close: () => storage.first.close(),
    };
  } catch (error) {
    await storage.first.close();
    throw error;
  }
}

/** A platform's chat port for one programme: its own when it serves one, else the one it makes for each programme. */
function chatOf(platform: PlatformOutbound, programme: Programme, all: readonly Programme[]): ChatPort {
  if (all.length === 1) return platform.chat;
  // Every platform makes one (`chatFor`): a platform without it is a mistake in the code, not in the configuration.
  if (!platform.chatFor) throw new Error(`the ${platform.name} platform cannot serve several programmes`);
  return platform.chatFor(programme);
}
