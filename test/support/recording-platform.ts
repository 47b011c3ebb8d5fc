// A platform made of recording chats, for tests of a deployment that serves several programmes: one conversation per
// person, whatever the programme, as on a real workspace.
import type { Platform, PlatformOutbound } from '../../src/platforms/platform.ts';
import type { PlatformsOf } from '../../src/runtime.ts';
import { type RecordedMessage, RecordingChat } from './recording-chat.ts';

export function recordingPlatform(messages: RecordedMessage[] = []): {
  platforms: PlatformsOf;
  messages: RecordedMessage[];
} {
  const platforms: PlatformsOf = (deps) => {
    const chat = new RecordingChat(deps.programme, messages);
    const reaches = async () => true;
    const outbound: PlatformOutbound = {
      name: 'recording',
      chat,
      reaches,
      chatFor: (programme) => new RecordingChat(programme, messages),
      attach: (): Platform => ({
        name: 'recording',
        chat,
        routes: {},
        reaches,
        start: async () => {},
        stop: async () => {},
        ready: async () => true,
      }),
    };
    return [outbound];
  };
  return { platforms, messages };
}
