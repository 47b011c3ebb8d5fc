// The sandbox: a chat platform whose conversations live in the bot's own database and are read on a web page served by
// the bot itself. It runs when no other platform is configured (or with SANDBOX=on), so that `npm start` on a fresh
// clone shows the whole product.
import { resolve } from 'node:path';
import { BUNDLED_PROGRAMME, BUNDLED_PROGRAMMES, type Env } from '../../config/env.ts';
import type { Clock, SandboxMessageStore } from '../../core/ports.ts';
import type { Person } from '../../core/programme.ts';
import type { Route } from '../../http/server.ts';
import { searchParams, sendText } from '../../http/web/request.ts';
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

/**
 * The conversations are kept in the bot's own database (`deps.storage.sandboxMessages`), each programme's apart when
 * the bot serves several: then each programme has its page (`/?p=<programme>`), and the page offers the others.
 */
export function createSandboxPlatform(deps: PlatformDeps, env: Env): PlatformOutbound<SandboxPlatform> {
  const { programme } = deps;
  const all = deps.programmes ?? [programme];
  const lanes = new Map(
    all.map((served) => {
      const conversations = (deps.storageOf?.(served.key) ?? deps.storage).sandboxMessages;
      const storeOf = () => conversations;
      const knows = (person: Person) => served.people.some((p) => p.id === person.id);
      const chatAt = (clock: Clock) => new SandboxChat(storeOf, knows, clock);
      return [served.key, { programme: served, storeOf, knows, chatAt, chat: chatAt(deps.clock) }] as const;
    }),
  );
  const home = lanes.get(programme.key) ?? [...lanes.values()][0];
  if (!home) throw new Error('the sandbox serves at least one programme');
  const { chat, storeOf } = home;
  /** Whose file lists this very entry (ids may repeat across files). */
  const laneOf = (person: Person) =>
    [...lanes.values()].find((lane) => lane.programme.people.includes(person)) ?? home;
  const reaches = async (person: Person) => laneOf(person).knows(person);
  const bundled = [BUNDLED_PROGRAMME, BUNDLED_PROGRAMMES].includes(resolve(env.programmeFile));

  return {
    name: SANDBOX,
    chat,
    reaches,
    chatFor: (served) => (lanes.get(served.key) ?? home).chat,
    attach: (ctx, programmes) => {
      const replies = new EphemeralReplies();
      const forms = platformLedger(deps.storage.deliveries, SANDBOX);
      const contexts = programmes?.several ? programmes.all : [ctx];
      const listed = programmes?.several
        ? programmes.all.map((c) => ({ key: c.programme.key, name: c.programme.name }))
        : undefined;
      const routesOf = (c: typeof ctx): Record<string, Route> => {
        const lane = lanes.get(c.programme.key) ?? home;
        return {
          'GET /': localOnly(
            pageRoute({
              ctx: c,
              store: lane.storeOf,
              replies,
              ...(listed && programmes
                ? { programmes: listed, contextOf: (key: string) => programmes.get(key) }
                : {}),
            }),
            c.programme.locale,
          ),
          ...inboundRoutes({
            ctx: c,
            replies,
            forms,
            ...(listed && programmes ? { programme: c.programme.key, programmes } : {}),
          }),
        };
      };
      const routes = listed
        ? byProgramme(contexts.map((c) => [c.programme.key, routesOf(c)]))
        : routesOf(ctx);
      return {
        name: SANDBOX,
        chat,
        store: storeOf,
        routes,
        reaches,
        async start() {
          // Never a real programme: the seed invents answers and alerts about the people of the bundled files.
          if (!bundled) return;
          for (const c of contexts) {
            if (!(await isEmpty(c))) continue;
            const weeks = await seedSandbox(c, (lanes.get(c.programme.key) ?? home).chatAt);
            c.logger.info({ programme: c.programme.key, weeks }, 'sandbox: example weeks filled in');
          }
        },
        async stop() {},
        ready: async () => true,
      };
    },
  };
}

/** Each programme's routes on the same paths: a request goes to the programme its `?p=` names, else the first. */
function byProgramme(entries: [string, Record<string, Route>][]): Record<string, Route> {
  const byKey = new Map(entries);
  const first = entries[0]?.[1] ?? {};
  const routes: Record<string, Route> = {};
  for (const path of Object.keys(first)) {
    routes[path] = (req, res) => {
      const key = searchParams(req).get('p');
      const route = (key === null ? first : byKey.get(key))?.[path];
      if (!route) return sendText(res, 404, 'not found');
      return route(req, res);
    };
  }
  return routes;
}
