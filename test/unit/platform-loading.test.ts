// A platform's SDK is loaded only when the platform is configured: a bot on Slack does not carry the Mattermost client
// in its memory, nor a bot on Mattermost or in the sandbox Bolt. Each case runs in a fresh process, which reports the
// platforms it made and the SDKs Node loaded for them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/config/env.ts';
import { ROOT } from '../support/child.ts';

const CHILD = `
  const { createRequire } = await import('node:module');
  const { silentLogger } = await import('./src/app/context.ts');
  const { createPlatforms } = await import('./src/platforms/index.ts');
  const { openRuntime } = await import('./src/runtime.ts');
  const env = JSON.parse(process.env.BOT_ENV);
  const runtime = await openRuntime(env, { logger: silentLogger, platforms: createPlatforms });
  const platforms = runtime.platforms;
  const loaded = Object.keys(createRequire(process.cwd() + '/').cache);
  const sdk = (name) => loaded.some((file) => file.includes('/node_modules/' + name + '/'));
  process.stdout.write(JSON.stringify({
    platforms: platforms.map((p) => p.name),
    bolt: sdk('@slack/bolt'),
    mattermost: sdk('@mattermost/client'),
  }));
  await runtime.close();
`;

function platformsFor(env: Partial<Env>): { platforms: string[]; bolt: boolean; mattermost: boolean } {
  const full: Env = {
    programmeFile: join(ROOT, 'examples/programme.yml'),
    databaseUrl: ':memory:',
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'https://bot.example.org',
    logLevel: 'error',
    ...env,
  };
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', BOT_ENV: JSON.stringify(full) },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('platform SDKs', { tags: ['processes'], timeout: 60_000 }, () => {
  it('the sandbox alone loads neither Bolt nor the Mattermost client', () => {
    expect(platformsFor({})).toEqual({ platforms: ['sandbox'], bolt: false, mattermost: false });
  });

  it('Slack loads Bolt, not the Mattermost client', () => {
    expect(platformsFor({ slack: { botToken: 'xoxb-test', signingSecret: 'secret' } })).toEqual({
      platforms: ['slack'],
      bolt: true,
      mattermost: false,
    });
  });

  it('Mattermost loads its client, not Bolt', () => {
    expect(platformsFor({ mattermost: { url: 'https://chat.example.org', botToken: 'token' } })).toEqual({
      platforms: ['mattermost'],
      bolt: false,
      mattermost: true,
    });
  });
});
