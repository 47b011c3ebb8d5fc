// The platforms configured in the environment, in the order a person is looked for on them.
import type { AppContext } from '../app/context.ts';
import type { Env } from '../config/env.ts';
import { createMattermostPlatform } from './mattermost/index.ts';
import type { Platform } from './platform.ts';
import { createSandboxPlatform, sandboxWanted } from './sandbox/index.ts';
import { createSlackPlatform } from './slack/index.ts';

export function createPlatforms(ctx: AppContext, env: Env): Platform[] {
  const platforms: Platform[] = [];
  if (env.slack) platforms.push(createSlackPlatform(ctx, env));
  if (env.mattermost) platforms.push(createMattermostPlatform(ctx, env));
  if (sandboxWanted(env)) platforms.push(createSandboxPlatform(ctx, env)); // last: real platforms reach people first
  return platforms;
}
