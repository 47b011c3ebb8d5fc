// The platforms configured in the environment, in the order a person is looked for on them. A platform's modules, and
// its SDK, are loaded only when it is configured: a bot on Slack never loads the Mattermost client nor nodemailer, nor
// one on Mattermost or in the sandbox Bolt (the largest module the bot has, some 30 MB once loaded).
import type { AppContext } from '../app/context.ts';
import type { Env } from '../config/env.ts';
import type { Platform } from './platform.ts';

/** Whether the sandbox runs: asked for, or nothing else configured (and not turned off). */
export function sandboxWanted(env: Env): boolean {
  if (env.sandbox === 'on') return true;
  if (env.sandbox === 'off') return false;
  return !env.slack && !env.mattermost && !env.email;
}

export async function createPlatforms(ctx: AppContext, env: Env): Promise<Platform[]> {
  const platforms: Platform[] = [];
  if (env.slack) {
    const { createSlackPlatform } = await import('./slack/index.ts');
    platforms.push(createSlackPlatform(ctx, env));
  }
  if (env.mattermost) {
    const { createMattermostPlatform } = await import('./mattermost/index.ts');
    platforms.push(createMattermostPlatform(ctx, env));
  }
  // After the chat platforms: e-mail reaches those none of them knows (or whose `channel:` asks for it).
  if (env.email) {
    const { createEmailPlatform } = await import('./email/index.ts');
    platforms.push(createEmailPlatform(ctx, env));
  }
  // Last: real platforms reach people first.
  if (sandboxWanted(env)) {
    const { createSandboxPlatform } = await import('./sandbox/index.ts');
    platforms.push(createSandboxPlatform(ctx, env));
  }
  return platforms;
}
