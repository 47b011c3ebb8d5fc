// Several platforms at once: each person is reached where they are known, and one platform's outage does not stop
// the messages of people reached on another.
import { describe, expect, it } from 'vitest';
import { ChatDeliveryError, type Delivery } from '../../src/core/ports.ts';
import type { Person } from '../../src/core/programme.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { RoutingChat } from '../../src/platforms/routing-chat.ts';
import { exampleProgramme } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const programme = exampleProgramme();

function platform(
  name: string,
  reaches: (person: Person) => Promise<boolean>,
): Platform & { chat: RecordingChat } {
  return {
    name,
    chat: new RecordingChat(programme),
    routes: {},
    reaches,
    start: async () => {},
    stop: async () => {},
    ready: async () => true,
  };
}

function prompt(id: string): Delivery {
  const person = programme.people.find((p) => p.id === id) as Person;
  return {
    key: `prompt:${id}:2026-W47`,
    to: { person },
    message: { kind: 'prompt', week: '2026-W47', intrapreneur: id },
    locale: 'fr',
  };
}

describe('routing between platforms', () => {
  it('reaches each person on the first platform that knows them', async () => {
    const slack = platform('slack', async (p) => p.id === 'alice');
    const mattermost = platform('mattermost', async () => true);
    const chat = new RoutingChat([slack, mattermost]);
    await chat.send(prompt('alice'));
    await chat.send(prompt('nicolas'));
    expect(slack.chat.messages.map((m) => m.to)).toEqual(['alice']);
    expect(mattermost.chat.messages.map((m) => m.to)).toEqual(['nicolas']);
    expect(await chat.findSent(prompt('nicolas').to, 'prompt:nicolas:2026-W47')).not.toBeNull();
  });

  it('goes on with the other platform when one cannot answer', async () => {
    const slack = platform('slack', async () => {
      throw new Error('slack 502');
    });
    const mattermost = platform('mattermost', async () => true);
    await new RoutingChat([slack, mattermost]).send(prompt('alice'));
    expect(mattermost.chat.messages.map((m) => m.to)).toEqual(['alice']);
  });

  it('keeps the message for later when the only platform that might know the person is down', async () => {
    const slack = platform('slack', async () => {
      throw new Error('slack 502');
    });
    const mattermost = platform('mattermost', async () => false);
    const error = await new RoutingChat([slack, mattermost]).send(prompt('alice')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect((error as ChatDeliveryError).transient).toBe(true);
  });

  it('refuses for good someone no platform knows', async () => {
    const chat = new RoutingChat([
      platform('slack', async () => false),
      platform('mattermost', async () => false),
    ]);
    const error = await chat.send(prompt('alice')).catch((e: unknown) => e);
    expect((error as ChatDeliveryError).transient).toBe(false);
    expect((error as ChatDeliveryError).code).toBe('unreachable');
  });
});
