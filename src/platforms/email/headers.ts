// The headers that make the bot's mails behave: a Message-ID made from the outbox key (so a mail sent again after a
// crash is the same message to every mail client), the reminder threaded under its prompt, and the marks of an
// automatic message that belongs to a programme (RFC 3834 Auto-Submitted, RFC 2919 List-Id).
import { promptKey } from '../../app/prompts.ts';
import type { ChatMessage } from '../../core/messages.ts';
import type { Programme } from '../../core/programme.ts';
import { programmeScopedKey, unscopedKey } from '../programme-chat.ts';

/** The host part of the bot's Message-IDs and List-Id: the host of PUBLIC_URL (an address as a `[literal]`). */
export function mailHost(publicUrl: string): string {
  let host: string;
  try {
    host = new URL(publicUrl).hostname;
  } catch {
    return 'localhost';
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `[${host}]`;
  if (host.startsWith('[')) return `[IPv6:${host.slice(1, -1)}]`;
  return host || 'localhost';
}

/**
 * `prompt:alice:2026-W48` → `<prompt.alice.2026-W48@host>`. Keys are made of programme ids (letters, digits, `_.-`)
 * and colons; anything else is written `=XX` so that two keys never share an id.
 */
export function messageIdFor(key: string, host: string): string {
  const local = [...Buffer.from(key, 'utf8')]
    .map((byte) => {
      const c = String.fromCharCode(byte);
      if (c === ':') return '.';
      return /[A-Za-z0-9_-]/.test(c) ? c : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('')
    // Dots may neither start, end nor follow one another in a dot-atom.
    .replace(/\.{2,}|^\.|\.$/g, (dots) => '=2E'.repeat(dots.length));
  return `<${local}@${host}>`;
}

/**
 * The mail a message answers: a reminder answers its week's prompt, so mail clients show them as one thread. `key`:
 * the reminder's own, which names its programme when the deployment serves several (as its prompt's does).
 */
export function threadOf(message: ChatMessage, host: string, key = ''): string | undefined {
  if (message.kind !== 'reminder') return undefined;
  const prompt = promptKey(message.intrapreneur, message.week);
  const { programme } = unscopedKey(key);
  return messageIdFor(programme === undefined ? prompt : programmeScopedKey(programme, prompt), host);
}

/**
 * `Startups de Territoire — Hauts-de-France <startups-de-territoire-hauts-de-france.host>`: lets mail filters sort
 * the programme's mail. The name is the phrase (encoded by nodemailer when it is not ASCII), the id stays bare.
 */
export function listId(programme: Programme, host: string): { url: string; comment: string } {
  const id =
    programme.key
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'programme';
  return { url: `${id}.${host.replace(/^\[(IPv6:)?|\]$/g, '')}`, comment: programme.name };
}
