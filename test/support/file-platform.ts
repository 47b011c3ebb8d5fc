// A chat platform whose conversations live in a JSON-lines file, so that several processes (a bot stopped, then
// started again) share them the way they would share a real Slack workspace. `findSent` reads the file, as the
// real platforms search the bot's recent messages for a key.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { ChatPort, Delivery, Recipient, SentMessage } from '../../src/core/ports.ts';
import type { Platform, PlatformOutbound } from '../../src/platforms/platform.ts';

export interface FileMessage {
  key: string;
  to: string;
  kind: string;
  pid: number;
}

function address(to: Recipient): string {
  return 'person' in to ? to.person.id : `#${to.channel}`;
}

export function readSent(file: string): FileMessage[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FileMessage);
}

export interface FilePlatformOptions {
  file: string;
  /**
   * The send with this number (1 for the first one of the process) announces itself on stdout (`in-flight KEY`)
   * and does not reach the platform before the process gets SIGTERM: a message in flight when the bot is stopped.
   */
  holdAt?: number;
}

export function filePlatform(options: FilePlatformOptions): PlatformOutbound {
  let sends = 0;
  const chat: ChatPort = {
    platform: 'file',
    async send(delivery: Delivery): Promise<SentMessage> {
      sends++;
      if (sends === options.holdAt) {
        const released = new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
        process.stdout.write(`in-flight ${delivery.key}\n`);
        await released;
      }
      const line: FileMessage = {
        key: delivery.key,
        to: address(delivery.to),
        kind: delivery.message.kind,
        pid: process.pid,
      };
      appendFileSync(options.file, `${JSON.stringify(line)}\n`);
      return { platform: 'file', ref: `${process.pid}:${sends}` };
    },
    async findSent(to: Recipient, key: string): Promise<SentMessage | null> {
      const found = readSent(options.file).find((m) => m.key === key && m.to === address(to));
      return found ? { platform: 'file', ref: `${found.pid}` } : null;
    },
  };
  const platform: Platform = {
    name: 'file',
    chat,
    routes: {},
    reaches: async () => true,
    start: async () => {},
    stop: async () => {},
    ready: async () => true,
  };
  // Nothing comes in from a file: its inbound half is empty.
  return { ...platform, attach: () => platform };
}
