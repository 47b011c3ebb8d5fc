// `coaching-bot start`: the long-running bot. Stops cleanly on SIGTERM/SIGINT.
import { type HttpServer, startHttpServer } from '../http/server.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatforms } from '../platforms/index.ts';
import { chatFor } from '../platforms/routing-chat.ts';
import { loadProgramme, openRuntime } from '../runtime.ts';
import { type Scheduler, startScheduler } from '../scheduler/scheduler.ts';
import type { VerbInput } from './verbs.ts';

export async function serve(input: VerbInput): Promise<number> {
  const programme = loadProgramme(input.env.programmeFile);
  input.setLocale(programme.locale);
  const t = messages(programme.locale).cli.server;
  const logger = createLogger(input.env.logLevel);
  const runtime = await openRuntime(input.env, { logger, programme });
  const platforms = createPlatforms(runtime.ctx, input.env);
  const chat = chatFor(platforms);
  if (chat) runtime.ctx.chat = chat;
  else logger.warn({}, t.noPlatform);

  let http: HttpServer | undefined;
  let scheduler: Scheduler | undefined;
  try {
    const routes = Object.assign({}, ...platforms.map((p) => p.routes));
    http = await startHttpServer({ host: input.env.host, port: input.env.port, logger, routes });
    for (const platform of platforms) {
      await platform.start();
      logger.info({ platform: platform.name }, 'platform: started');
    }
    scheduler = await startScheduler(runtime.ctx);
    logger.info({ url: http.url, programme: programme.key }, 'http: listening');
    input.output.out(t.listening(http.url));

    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
  } finally {
    await http?.close();
    await scheduler?.stop();
    for (const platform of platforms) await platform.stop().catch(() => {});
    runtime.close();
    logger.info({}, 'stopped');
  }
  return 0;
}
