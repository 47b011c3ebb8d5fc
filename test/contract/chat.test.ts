// The chat-port contract on the recording platform the use-case tests rely on, so that those tests stand on a port
// that behaves like the real adapters. The Slack, Mattermost and sandbox adapters run the same contract.
import { findPerson } from '../../src/core/programme.ts';
import { exampleProgramme } from '../support/fixtures.ts';
import { RecordingChat, transient } from '../support/recording-chat.ts';
import { chatContract } from './chat-contract.ts';

chatContract('recording platform', async () => {
  const programme = exampleProgramme();
  const chat = new RecordingChat(programme);
  const known = findPerson(programme, 'alice');
  const stranger = findPerson(programme, 'mehdi');
  if (!known || !stranger) throw new Error('example programme changed');
  chat.strangers.add(stranger.id);
  return {
    chat,
    programme,
    known,
    stranger,
    rateLimitNext: (seconds) => chat.refusals.push(transient('ratelimited', seconds * 1000)),
    failNext: () => chat.refusals.push(transient('internal_error')),
    received: async (person) => chat.to(person.id).map((m) => m.text),
    close: async () => {},
  };
});
