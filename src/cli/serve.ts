// `coaching-bot start`: the long-running bot. Stops cleanly on SIGTERM/SIGINT; reads the programme files again on SIGHUP.
import { newInstanceId } from '../config/instance.ts';
import type { Clock, Logger } from '../core/ports.ts';
import type { Programme } from '../core/programme.ts';
import { mountDashboard } from '../http/dashboard/routes.ts';
import { type HttpServer, startHttpServer } from '../http/server.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatforms } from '../platforms/index.ts';
import { loadProgrammes, openRuntime, type PlatformsOf } from '../runtime.ts';
import { type Scheduler, startSchedulers } from '../scheduler/scheduler.ts';
import { readinessRoute } from './readiness.ts';
import {
  closeHttp,
  listenForReload,
  listenForStop,
  type ReloadRequest,
  type StopRequest,
} from './shutdown.ts';
import type { VerbInput } from './types.ts';

/** For tests that run the real server in a child process: their own clock, or a platform of their own. */
export interface ServeOptions {
  clock?: Clock;
  platforms?: PlatformsOf;
}

export async function serve(input: VerbInput, options: ServeOptions = {}): Promise<number> {
  let programmes = loadProgrammes(input.env.programmeFile);
  const programme = programmes[0] as Programme;
  input.setLocale(programme.locale);
  const instance = newInstanceId();
  const logger = createLogger(input.env.logLevel, { instance });
  const stop = listenForStop(logger);
  const reload = listenForReload(logger, input.env.programmeFile);
  try {
    for (;;) {
      const next = await serveProgrammes(input, options, programmes, { logger, instance, stop, reload });
      if (!next) return 0;
      programmes = next;
      logger.info({ programmes: programmes.map((p) => p.key) }, 'reload: programme files loaded again');
    }
  } finally {
    reload.dispose();
  }
}

/**
 * Serves these programmes until asked to stop (then undefined) or until SIGHUP brings valid programme files (then
 * those): everything is closed in order, as for a stop, and the caller serves the new ones. Files with a problem are
 * refused, said in the log, and the programmes already served go on.
 */
async function serveProgrammes(
  input: VerbInput,
  options: ServeOptions,
  programmes: Programme[],
  parts: { logger: Logger; instance: string; stop: StopRequest; reload: ReloadRequest },
): Promise<Programme[] | undefined> {
  const { logger, instance, stop, reload } = parts;
  const t = messages((programmes[0] as Programme).locale).cli.server;
  // Aborted at a stop, or when this generation gives way to the reloaded programmes.
  const generation = new AbortController();
  const signal = AbortSignal.any([stop.signal, generation.signal]);
  const runtime = await openRuntime(input.env, {
    logger,
    programmes,
    instance,
    signal,
    platforms: options.platforms ?? createPlatforms,
    dashboard: true,
    ...(options.clock ? { clock: options.clock } : {}),
  }).catch((error: unknown) => {
    stop.dispose();
    throw error;
  });
  const { platforms } = runtime;
  if (!runtime.ctx.chat) logger.warn({}, t.noPlatform);

  let http: HttpServer | undefined;
  let scheduler: Scheduler | undefined;
  let reloaded: Programme[] | undefined;
  try {
    const readyz = readinessRoute({
      database: runtime.storage,
      platforms,
      scheduler: () => scheduler,
      stopping: () => signal.aborted,
    });
    const web = mountDashboard(runtime.programmes, input.env, platforms);
    const routes = Object.assign({ 'GET /readyz': readyz }, web.routes, ...platforms.map((p) => p.routes));
    const { host, port } = input.env;
    http = await startHttpServer({ host, port, logger, routes, fallback: web.fallback });
    for (const platform of platforms) {
      await platform.start();
      logger.info({ platform: platform.name }, 'platform: started');
    }
    // Each programme's jobs run at its own local times, on its own calendar.
    scheduler = await startSchedulers(
      runtime.programmes.all.map((ctx) => ({ ctx, retention: runtime.portsOf(ctx).retention })),
    );
    logger.info(
      {
        url: http.url,
        programmes: runtime.programmes.all.map((c) => c.programme.key),
        database: runtime.storage.kind,
      },
      'http: listening',
    );
    input.output.out(t.listening(http.url));
    for (const line of web.banner(http.url)) input.output.out(line);

    reloaded = await Promise.race([stop.requested.then(() => undefined), reload.next()]);
  } finally {
    // Requests first, then sends (the one in flight finishes), then platforms, then the database.
    if (!reloaded) stop.arm(() => void runtime.close());
    generation.abort();
    if (http) await closeHttp(http);
    await scheduler?.stop();
    for (const platform of platforms) await platform.stop().catch(() => {});
    await runtime.close();
    if (!reloaded) {
      stop.dispose();
      logger.info({}, 'stopped');
    }
  }
  return reloaded;
}
