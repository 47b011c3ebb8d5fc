// The platforms configured in the environment, in the order a person is looked for on them. A platform's modules, and
// its SDK, are loaded only when it is configured: a bot on Slack never loads the Mattermost client, nor one on
// Mattermost or in the sandbox Bolt (the largest module the bot has, some 30 MB once loaded).
import type { AppContext } from '../app/context.ts';
import type { Env } from '../config/env.ts';
import type { DeliveryLedger, SandboxMessageStore } from '../core/ports.ts';
import type { Platform } from './platform.ts';

/** What platforms keep in the bot's database: the sandbox's conversations, and the requests already taken in. */
export interface PlatformStorage {
  sandboxMessages: SandboxMessageStore;
  deliveries: DeliveryLedger;
}

/** Whether the sandbox runs: asked for, or nothing else configured (and not turned off). */
export function sandboxWanted(env: Env): boolean {
  if (env.sandbox === 'on') return true;
  if (env.sandbox === 'off') return false;
  return !env.slack && !env.mattermost;
}

export async function createPlatforms(
  ctx: AppContext,
  env: Env,
  storage: PlatformStorage,
): Promise<Platform[]> {
  const platforms: Platform[] = [];
  if (env.slack) {
    const { createSlackPlatform } = await import('./slack/index.ts');
    platforms.push(createSlackPlatform(ctx, env, { deliveries: storage.deliveries }));
  }
  if (env.mattermost) {
    const { createMattermostPlatform } = await import('./mattermost/index.ts');
    platforms.push(createMattermostPlatform(ctx, env));
  }
  // Last: real platforms reach people first.
  if (sandboxWanted(env)) {
    const { createSandboxPlatform } = await import('./sandbox/index.ts');
    platforms.push(createSandboxPlatform(ctx, env, storage.sandboxMessages));
  }
  return platforms;
}
