// The chat-port contract on the Mattermost adapter: the real `@mattermost/client` against a local Mattermost that
// behaves like the real server (and checks each request against the vendor's API description).
import { expect } from 'vitest';
import { findPerson } from '../../src/core/programme.ts';
import { conversation, visibleText } from '../fakes/mattermost-integrations.ts';
import { mattermostWorld, usernameOf } from '../fakes/mattermost-world.ts';
import { chatContract } from './chat-contract.ts';

chatContract('mattermost', async () => {
  const world = await mattermostWorld({ absent: ['mehdi'] });
  const known = findPerson(world.programme, 'alice');
  const stranger = findPerson(world.programme, 'mehdi');
  if (!known || !stranger) throw new Error('example programme changed');
  return {
    chat: world.platform.chat,
    programme: world.programme,
    known,
    stranger,
    rateLimitNext: (seconds) =>
      world.mm.fail('POST /api/v4/posts', { status: 429, retryAfterSeconds: seconds }),
    failNext: () => world.mm.fail('POST /api/v4/posts', { status: 500 }),
    received: async (person) =>
      person.id === stranger.id
        ? []
        : conversation(world.mm, world.bot, usernameOf(person)).map((p) => visibleText(p)),
    close: async () => {
      expect(world.mm.violations).toEqual([]);
      await world.close();
    },
  };
});
