// The sentence an administrator reads when a platform is chosen but not configured: in the programme's language.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import type { Env } from '../../src/config/env.ts';
import { createMattermostPlatform } from '../../src/platforms/mattermost/index.ts';
import { type PlatformDeps, PlatformError } from '../../src/platforms/platform.ts';
import { createSlackPlatform } from '../../src/platforms/slack/index.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const env: Env = {
  programmeFile: '',
  databaseUrl: '',
  host: '127.0.0.1',
  port: 0,
  publicUrl: '',
  logLevel: 'error',
};

function ctxIn(locale: 'fr' | 'en'): PlatformDeps {
  return { programme: { ...exampleProgramme(), locale }, logger: silentLogger } as unknown as PlatformDeps;
}

function refusal(start: () => unknown): PlatformError {
  try {
    start();
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('the platform started');
}

describe('a platform without its settings', () => {
  it('Slack says what to set, French first', () => {
    expect(refusal(() => createSlackPlatform(ctxIn('fr'), env)).message).toContain(
      'SLACK_BOT_TOKEN n’est pas défini',
    );
    expect(refusal(() => createSlackPlatform(ctxIn('en'), env)).message).toContain(
      'SLACK_BOT_TOKEN is not set',
    );
  });

  it('Mattermost says what to set, French first', () => {
    expect(refusal(() => createMattermostPlatform(ctxIn('fr'), env)).message).toContain(
      'MATTERMOST_URL et MATTERMOST_BOT_TOKEN ne sont pas définis',
    );
    expect(refusal(() => createMattermostPlatform(ctxIn('en'), env)).message).toContain(
      'MATTERMOST_URL and MATTERMOST_BOT_TOKEN are not set',
    );
  });
});
