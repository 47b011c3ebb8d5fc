// The sandbox: a chat platform whose conversations live in the bot's own database and are read on a web page served by
// the bot itself. It runs when no other platform is configured (or with SANDBOX=on), so that `npm start` on a fresh
// clone shows the whole product.
import { resolve } from 'node:path';
import { BUNDLED_PROGRAMME, type Env } from '../../config/env.ts';
import type { Clock, SandboxMessageStore } from '../../core/ports.ts';
import type { Person } from '../../core/programme.ts';
import { platformLedger } from '../delivery-ledger.ts';
import type { Platform, PlatformDeps, PlatformOutbound } from '../platform.ts';
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

/** The conversations are kept in the bot's own database (`deps.storage.sandboxMessages`). */
export function createSandboxPlatform(deps: PlatformDeps, env: Env): PlatformOutbound<SandboxPlatform> {
  const { programme } = deps;
  const conversations = deps.storage.sandboxMessages;
  const storeOf = () => conversations;
  const knows = (person: Person) => programme.people.some((p) => p.id === person.id);
  const chatAt = (clock: Clock) => new SandboxChat(storeOf, knows, clock);
  const chat = chatAt(deps.clock);
  const reaches = async (person: Person) => knows(person);

  return {
    name: SANDBOX,
    chat,
    reaches,
    attach: (ctx) => {
      const replies = new EphemeralReplies();
      return {
        name: SANDBOX,
        chat,
        store: storeOf,
        routes: {
          'GET /': localOnly(pageRoute({ ctx, store: storeOf, replies }), ctx.programme.locale),
          ...inboundRoutes({ ctx, replies, forms: platformLedger(deps.storage.deliveries, SANDBOX) }),
        },
        reaches,
        async start() {
          // Never a real programme: the seed invents answers and alerts about the people of the file.
          if (resolve(env.programmeFile) !== BUNDLED_PROGRAMME || !(await isEmpty(ctx))) return;
          const weeks = await seedSandbox(ctx, chatAt);
          ctx.logger.info({ weeks }, 'sandbox: example weeks filled in');
        },
        async stop() {},
        ready: async () => true,
      };
    },
  };
}
