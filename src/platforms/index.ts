// The platforms configured in the environment, in the order a person is looked for on them. A platform's modules, and
// its SDK, are loaded only when it is configured: a bot on Slack never loads the Mattermost client nor nodemailer, nor
// one on Mattermost or in the sandbox Bolt (the largest module the bot has, some 30 MB once loaded).
import type { Env } from '../config/env.ts';
import type { PlatformDeps, PlatformOutbound } from './platform.ts';

/** Whether the sandbox runs: asked for, or nothing else configured (and not turned off). */
export function sandboxWanted(env: Env): boolean {
  if (env.sandbox === 'on') return true;
  if (env.sandbox === 'off') return false;
  return !env.slack && !env.mattermost && !env.email;
}

/** The outbound halves of the configured platforms (see platform.ts for the second half, `attach`). */
export async function createPlatforms(deps: PlatformDeps, env: Env): Promise<PlatformOutbound[]> {
  const platforms: PlatformOutbound[] = [];
  if (env.slack) {
    const { createSlackPlatform } = await import('./slack/index.ts');
    platforms.push(createSlackPlatform(deps, env));
  }
  if (env.mattermost) {
    const { createMattermostPlatform } = await import('./mattermost/index.ts');
    platforms.push(createMattermostPlatform(deps, env));
  }
  // After the chat platforms: e-mail reaches those none of them knows (or whose `channel:` asks for it).
  if (env.email) {
    const { createEmailPlatform } = await import('./email/index.ts');
    platforms.push(createEmailPlatform(deps, env));
  }
  // Last: real platforms reach people first.
  if (sandboxWanted(env)) {
    const { createSandboxPlatform } = await import('./sandbox/index.ts');
    platforms.push(createSandboxPlatform(deps, env));
  }
  return platforms;
}
