// manifest.yml is what a workspace administrator pastes into "Create app from manifest": it must be a manifest Slack
// accepts (its published JSON Schema), ask for the scopes the bot needs and no more, and declare the commands.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { manifest } from '../fakes/slack-bot.ts';
import { checkCall, contractFile } from '../fakes/slack-spec.ts';

/** The top schema refers to the versioned ones by their published address; they are read from the local copy. */
const PUBLISHED = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';

function manifestValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const version of ['1.0.0', '2.0.0']) {
    const name = `manifest.schema.${version}.json`;
    ajv.addSchema(JSON.parse(readFileSync(contractFile(name), 'utf8')), `${PUBLISHED}${name}`);
  }
  return ajv.compile(JSON.parse(readFileSync(contractFile('manifest.schema.json'), 'utf8')));
}

describe('manifest.yml', () => {
  const validate = manifestValidator();

  it('is a manifest Slack’s schema accepts', () => {
    const valid = validate(manifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail (a manifest without its bot user’s name is refused)', () => {
    const broken = structuredClone(manifest()) as unknown as {
      features: { bot_user: Record<string, unknown> };
    };
    delete broken.features.bot_user.display_name;
    expect(validate(broken)).toBe(false);
    expect(validate(JSON.parse(readFileSync(contractFile('manifest.valid.json'), 'utf8')))).toBe(true);
  });

  it('asks for exactly the scopes the bot uses', () => {
    expect(manifest().oauth_config.scopes.bot).toEqual([
      'chat:write',
      'im:write',
      'commands',
      'users:read',
      'users:read.email',
      'im:history',
    ]);
  });

  it('declares the three commands, in French, escaping mentions, at the bot’s request URL', () => {
    const m = manifest() as unknown as {
      features: {
        slash_commands: { command: string; description: string; url: string; should_escape: boolean }[];
      };
      settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
    };
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/coaching', '/phase', '/checkin']);
    for (const command of m.features.slash_commands) {
      expect(command.should_escape).toBe(true);
      expect(command.url).toBe('https://bot.example.org/slack/events');
    }
    expect(m.features.slash_commands[0]?.description).toBe(
      "Enregistrer une séance de coaching, voir l'historique",
    );
    expect(m.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://bot.example.org/slack/events',
    });
    expect(m.settings.socket_mode_enabled).toBe(false);
  });
});

describe('the local Slack’s checks', () => {
  it('refuses what Slack’s API description refuses', () => {
    expect(checkCall('chat.postMessage', { channel: 'U1', text: 'x', metadata: '{}' })).toEqual([]);
    expect(checkCall('chat.postMessage', { text: 'x' })).toEqual([
      'chat.postMessage: required argument channel missing',
    ]);
    expect(checkCall('chat.postMessage', { channel: 'U1', colour: 'red' })).toEqual([
      'chat.postMessage: unknown argument colour',
    ]);
    expect(checkCall('chat.sendEverywhere', {})).toEqual(['chat.sendEverywhere: not a Slack Web API method']);
  });
});
