// Stopping on SIGTERM/SIGINT (systemd, Docker, Ctrl-C): no new requests, no new sends, the message in flight finished,
// the rest handed back to the outbox, the database closed. Whatever hangs, the process is gone within 10 s, which is
// what orchestrators wait before they kill.
import { formatProblem } from '../config/programme-file.ts';
import type { Logger } from '../core/ports.ts';
import type { Programme } from '../core/programme.ts';
import type { HttpServer } from '../http/server.ts';
import { loadProgrammes, ProgrammeFileError } from '../runtime.ts';

/** Past this, the stop is forced: a send that hangs stays claimed, and is checked on the platform after its lease. */
export const FORCED_STOP_MS = 9_000;
/** How long requests already being answered get before their connections are closed. */
const HTTP_GRACE_MS = 3_000;

export interface StopRequest {
  /** Aborted at the first SIGTERM or SIGINT. */
  readonly signal: AbortSignal;
  /** Resolves at the first SIGTERM or SIGINT. */
  readonly requested: Promise<void>;
  /**
   * Stopping begins (after a signal, or an error in the bot): sends stop between two messages, and from now on a
   * second signal or the deadline runs `force` and exits at once.
   */
  arm(force: () => void): void;
  /** Stopped cleanly. The deadline stays armed: should something still hold the process, it exits anyway. */
  dispose(): void;
}

export function listenForStop(logger: Logger, deadlineMs = FORCED_STOP_MS): StopRequest {
  const controller = new AbortController();
  let force: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  let resolveRequested: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    resolveRequested = resolve;
  });
  const forced = (why: string) => {
    if (done) {
      logger.warn({ why }, 'shutdown: stopped, but something kept the process alive');
      process.exit();
    }
    logger.error({ why }, 'shutdown: forced, what was in flight is left to the outbox');
    try {
      force?.();
    } finally {
      process.exit(1);
    }
  };
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      forced(`second ${name}`);
      return;
    }
    logger.info({ signal: name }, 'shutdown: stopping');
    controller.abort();
    resolveRequested();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    requested,
    arm(f) {
      force = f;
      controller.abort();
      timer ??= setTimeout(() => forced(`not stopped after ${deadlineMs} ms`), deadlineMs);
      // The deadline must not keep an otherwise finished process alive.
      timer.unref();
    },
    dispose() {
      done = true;
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}

/** Stops listening at once, lets requests being answered finish for a moment, then closes what is left. */
export async function closeHttp(http: HttpServer, graceMs = HTTP_GRACE_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const drained = new Promise<void>((resolve) => {
    http.server.close(() => resolve());
    http.server.closeIdleConnections();
  });
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([drained, grace]);
  clearTimeout(timer);
  await http.close();
}

export interface ReloadRequest {
  /** Resolves with the programmes at the next SIGHUP whose programme files are all valid. */
  next(): Promise<Programme[]>;
  dispose(): void;
}

/**
 * SIGHUP reads the programme files again (a programme added, a person moved). Files with a problem are refused with
 * every problem in the log, and the programmes being served go on as they are.
 */
export function listenForReload(logger: Logger, path: string): ReloadRequest {
  let waiting: ((programmes: Programme[]) => void) | undefined;
  const onHangUp = () => {
    try {
      const programmes = loadProgrammes(path);
      logger.info({ programmes: programmes.map((p) => p.key) }, 'reload: programme files valid, reloading');
      waiting?.(programmes);
    } catch (error) {
      if (!(error instanceof ProgrammeFileError)) throw error;
      for (const file of error.files) {
        logger.error(
          { file: file.file, problems: file.problems.map(formatProblem) },
          'reload: programme file refused, the programmes being served go on',
        );
      }
    }
  };
  process.on('SIGHUP', onHangUp);
  return {
    next: () =>
      new Promise<Programme[]>((resolve) => {
        waiting = resolve;
      }),
    dispose: () => process.off('SIGHUP', onHangUp),
  };
}
