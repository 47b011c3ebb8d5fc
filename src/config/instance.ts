// The name of this instance of the bot, in its logs and on what it holds in a database shared with other instances
// (outbox claims, scheduled runs). The host names the machine or container, the process id the process on it, and a
// few random characters tell apart two processes that had the same host and id (a container restarted with pid 1):
// a restarted instance must never take its dead predecessor's claims for its own.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
