// The chat-port contract on the Slack adapter, against the local Slack: the same promises the other platforms keep.
import { afterEach, expect } from 'vitest';
import { findPerson } from '../../src/core/programme.ts';
import { startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';
import { chatContract } from './chat-contract.ts';

let violations: string[] = [];

afterEach(() => {
  // Every call the adapter made is one Slack's API description accepts.
  expect(violations).toEqual([]);
});

chatContract('slack', async () => {
  const s = await startSlackBot({ strangers: ['mehdi'] });
  violations = s.slack.violations;
  const known = findPerson(s.programme, 'alice');
  const stranger = findPerson(s.programme, 'mehdi');
  if (!known || !stranger) throw new Error('example programme changed');
  return {
    chat: s.platform.chat,
    programme: s.programme,
    known,
    stranger,
    rateLimitNext: (seconds) => s.slack.inject('chat.postMessage', { status: 429, retryAfter: seconds }),
    failNext: () => s.slack.inject('chat.postMessage', { status: 500 }),
    received: async (person) => s.slack.directMessages(s.slackId(person.id)).map(visibleText),
    close: () => s.close(),
  };
});
