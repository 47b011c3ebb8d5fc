// Reading what Mattermost posts to the bot and answering it. Mattermost reads an integration's answer as JSON only
// when its content type is `application/json`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody as readHttpBody } from '../../http/body.ts';

/** Integration payloads are small; anything bigger is not Mattermost. */
const MAX_BODY = 256 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readHttpBody(req, MAX_BODY)).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const body = await readBody(req);
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
