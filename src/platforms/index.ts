// The platforms configured in the environment, in the order a person is looked for on them.
import type { AppContext } from '../app/context.ts';
import type { Env } from '../config/env.ts';
import type { Platform } from './platform.ts';

export function createPlatforms(ctx: AppContext, env: Env): Platform[] {
  const platforms: Platform[] = [];
  // Each platform adds itself here, one line each: `if (env.slack) platforms.push(createSlackPlatform(ctx, env));`
  // PLATFORMS
  return platforms;
}
