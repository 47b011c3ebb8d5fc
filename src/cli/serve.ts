// `coaching-bot start`: the long-running bot. Stops cleanly on SIGTERM/SIGINT.
import { startHttpServer } from '../http/server.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { loadProgramme, openRuntime } from '../runtime.ts';
import { startScheduler } from '../scheduler/scheduler.ts';
import type { VerbInput } from './verbs.ts';

export async function serve(input: VerbInput): Promise<number> {
  const programme = loadProgramme(input.env.programmeFile);
  input.setLocale(programme.locale);
  const t = messages(programme.locale).cli.server;
  const logger = createLogger(input.env.logLevel);
  const runtime = await openRuntime(input.env, { logger, programme });
  const http = await startHttpServer({ host: input.env.host, port: input.env.port, logger, routes: {} });
  const scheduler = await startScheduler(runtime.ctx);
  if (!runtime.ctx.chat) logger.warn({}, t.noPlatform);
  logger.info({ url: http.url, programme: programme.key }, 'http: listening');
  input.output.out(t.listening(http.url));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await http.close();
  await scheduler.stop();
  runtime.close();
  logger.info({}, 'stopped');
  return 0;
}
