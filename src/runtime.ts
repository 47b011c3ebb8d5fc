// Wiring: the programme file, the database and the ports, put together for the server and for each CLI verb.
import type { AppContext } from './app/context.ts';
import type { Env } from './config/env.ts';
import { loadProgrammeFile, type Problem } from './config/programme-file.ts';
import type { ChatPort, Clock, Logger } from './core/ports.ts';
import type { Locale, Programme } from './core/programme.ts';
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

export interface Runtime {
  ctx: AppContext;
  /** The storage's ports beside the store (the sandbox's conversations, secrets, retention, readiness). */
  storage: Storage;
  close(): Promise<void>;
}

/**
 * Loads and checks the programme file first (a bad file writes nothing), then opens and migrates the database and
 * syncs the file into it.
 */
export async function openRuntime(
  env: Env,
  options: { logger: Logger; clock?: Clock; chat?: ChatPort; programme?: Programme; instance?: string },
): Promise<Runtime> {
  const programme = options.programme ?? loadProgramme(env.programmeFile);
  const storage = await openStorage(env.databaseUrl, {
    programmeKey: programme.key,
    ...(options.instance ? { instance: options.instance } : {}),
  });
  try {
    const store = storage.store;
    const clock = options.clock ?? systemClock;
    const sync = await store.syncProgramme(programme, clock.now());
    options.logger.debug({ programme: programme.key, ...sync }, 'programme file synced');
    const ctx: AppContext = {
      programme,
      store,
      clock,
      logger: options.logger,
      publicUrl: env.publicUrl,
      ...(options.chat ? { chat: options.chat } : {}),
    };
    return { ctx, storage, close: () => storage.close() };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
