// The sandbox: a chat platform whose conversations live in the bot's own database and are read on a web page served by
// the bot itself. It runs when no other platform is configured (or with SANDBOX=on), so that `npm start` on a fresh
// clone shows the whole product.
import { resolve } from 'node:path';
import type { AppContext } from '../../app/context.ts';
import { BUNDLED_PROGRAMME, type Env } from '../../config/env.ts';
import type { Clock, SandboxMessageStore } from '../../core/ports.ts';
import type { Person } from '../../core/programme.ts';
import type { Platform } from '../platform.ts';
import { EphemeralReplies } from './ephemeral.ts';
import { inboundRoutes, localOnly } from './inbound.ts';
import { SANDBOX, SandboxChat } from './outbound.ts';
import { isEmpty, seedSandbox } from './seed.ts';
import { pageRoute } from './view.ts';

export interface SandboxPlatform extends Platform {
  readonly chat: SandboxChat;
  /** The conversations, for tests and for the seed. */
  store(): SandboxMessageStore;
}

/** `conversations`: where the sandbox keeps what it shows, in the bot's own database. */
export function createSandboxPlatform(
  ctx: AppContext,
  env: Env,
  conversations: SandboxMessageStore,
): SandboxPlatform {
  const storeOf = () => conversations;
  const knows = (person: Person) => ctx.programme.people.some((p) => p.id === person.id);
  const chatAt = (clock: Clock) => new SandboxChat(storeOf, knows, clock);
  const replies = new EphemeralReplies();

  return {
    name: SANDBOX,
    chat: chatAt(ctx.clock),
    store: storeOf,
    routes: {
      'GET /': localOnly(pageRoute({ ctx, store: storeOf, replies }), ctx.programme.locale),
      ...inboundRoutes({ ctx, replies }),
    },
    reaches: async (person) => knows(person),
    async start() {
      // Never a real programme: the seed invents answers and alerts about the people of the file.
      if (resolve(env.programmeFile) !== BUNDLED_PROGRAMME || !(await isEmpty(ctx))) return;
      const weeks = await seedSandbox(ctx, chatAt);
      ctx.logger.info({ weeks }, 'sandbox: example weeks filled in');
    },
    async stop() {},
    ready: async () => true,
  };
}
