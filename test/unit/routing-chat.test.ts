// Several platforms at once: each person is reached where they are known, and one platform's outage does not stop
// the messages of people reached on another.
import { describe, expect, it } from 'vitest';
import { ChatDeliveryError, type Delivery } from '../../src/core/ports.ts';
import type { Person } from '../../src/core/programme.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { RoutingChat, routingWarnings } from '../../src/platforms/routing-chat.ts';
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

describe('routing with e-mail as the last resort, and people’s channel', () => {
  const email = () => ({ ...platform('email', async () => true), lastResort: true });

  it('writes by e-mail only to people no chat platform knows', async () => {
    const slack = platform('slack', async (p) => p.id === 'alice');
    const mail = email();
    const chat = new RoutingChat([slack, mail]);
    await chat.send(prompt('alice'));
    await chat.send(prompt('nicolas'));
    expect(slack.chat.messages.map((m) => m.to)).toEqual(['alice']);
    expect(mail.chat.messages.map((m) => m.to)).toEqual(['nicolas']);
  });

  it('does not write by e-mail while a chat platform cannot say whether it knows the person', async () => {
    const mattermost = platform('mattermost', async () => {
      throw new Error('mattermost 502');
    });
    const mail = email();
    const error = await new RoutingChat([mattermost, mail]).send(prompt('alice')).catch((e: unknown) => e);
    expect((error as ChatDeliveryError).code).toBe('platform_unavailable');
    expect((error as ChatDeliveryError).transient).toBe(true);
    expect(mail.chat.messages).toEqual([]);
  });

  it('reaches a person on the platform their channel names, even when another knows them first', async () => {
    const slack = platform('slack', async () => true);
    const mail = email();
    const aliceByMail = { ...programme.people.find((p) => p.id === 'alice'), channel: 'email' } as Person;
    const chat = new RoutingChat([slack, mail]);
    await chat.send({ ...prompt('alice'), to: { person: aliceByMail } });
    expect(mail.chat.messages.map((m) => m.to)).toEqual(['alice']);
    expect(slack.chat.messages).toEqual([]);
    expect(await chat.findSent({ person: aliceByMail }, 'prompt:alice:2026-W47')).not.toBeNull();
  });

  it('refuses for good a person whose channel does not know them, and routes as usual when it is not configured', async () => {
    const slack = platform('slack', async () => false);
    const mail = email();
    const onSlack = { ...programme.people.find((p) => p.id === 'alice'), channel: 'slack' } as Person;
    const error = await new RoutingChat([slack, mail])
      .send({ ...prompt('alice'), to: { person: onSlack } })
      .catch((e: unknown) => e);
    expect((error as ChatDeliveryError).code).toBe('unreachable');
    const onMattermost = { ...onSlack, channel: 'mattermost' } as Person;
    await new RoutingChat([slack, mail]).send({ ...prompt('alice'), to: { person: onMattermost } });
    expect(mail.chat.messages.map((m) => m.to)).toEqual(['alice']);
  });

  it('sends channel messages to a chat platform, never to e-mail', async () => {
    const mail = email();
    const slack = platform('slack', async () => true);
    await new RoutingChat([mail, slack]).send({ ...prompt('alice'), to: { channel: 'suivi' } });
    expect(slack.chat.messages.map((m) => m.to)).toEqual(['#suivi']);
  });

  it('names who asks for a platform that is not configured, and a digest channel only e-mail would carry', () => {
    const withChannels = {
      ...programme,
      digestChannel: 'suivi',
      people: programme.people.map((p) =>
        p.id === 'isabelle' ? { ...p, channel: 'mattermost' as const } : p,
      ),
    };
    const warnings = routingWarnings(withChannels, [email()]);
    expect(warnings.unconfiguredChannel.map((p) => p.id)).toEqual(['isabelle']);
    expect(warnings.digestChannelUnreachable).toBe(true);
    expect(routingWarnings(withChannels, [platform('mattermost', async () => true), email()])).toEqual({
      unconfiguredChannel: [],
      digestChannelUnreachable: false,
    });
  });
});
