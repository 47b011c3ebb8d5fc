// `GET /readyz`: whether the bot can do its job now — a write to the database can be made, each configured platform
// answers, the scheduler runs — for an orchestrator or a reverse proxy. 503 with what is not ready; 200 otherwise.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, type Route } from '../http/server.ts';
import type { Platform } from '../platforms/platform.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { WriteCheck } from '../storage/storage.ts';

/** A platform that has not answered by then counts as unreachable: a probe must answer before its own timeout. */
const PLATFORM_TIMEOUT_MS = 3_000;

export interface ReadinessProbe {
  /** The database, reached and written to (`Storage.probe`). */
  database: { probe(): Promise<WriteCheck> };
  platforms: readonly Platform[];
  /** Undefined until the scheduler has started. */
  scheduler(): Scheduler | undefined;
  stopping(): boolean;
}

type Check = WriteCheck | 'not_running' | 'starting' | 'stopping';

async function platformCheck(platform: Platform): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PLATFORM_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([platform.ready(), timeout])) ? 'ok' : 'unreachable';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(probe: ReadinessProbe): Promise<{ ready: boolean; checks: object }> {
  const scheduler = probe.scheduler();
  const [database, platforms] = await Promise.all([
    probe.database.probe(),
    Promise.all(probe.platforms.map(async (p) => [p.name, await platformCheck(p)] as const)).then((pairs) =>
      Object.fromEntries(pairs),
    ),
  ]);
  const checks = {
    database: database as Check,
    scheduler: (scheduler === undefined ? 'starting' : scheduler.running ? 'ok' : 'not_running') as Check,
    platforms,
    ...(probe.stopping() ? { process: 'stopping' as Check } : {}),
  };
  const all: Check[] = [checks.database, checks.scheduler, ...Object.values(platforms)];
  const ready = !probe.stopping() && all.every((c) => c === 'ok');
  return { ready, checks };
}

export function readinessRoute(probe: ReadinessProbe): Route {
  return async (_req: IncomingMessage, res: ServerResponse) => {
    const { ready, checks } = await readiness(probe);
    json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
  };
}
