// A real SMTP server in the test process (`smtp-server`), every accepted mail parsed with `mailparser`: plain, with
// STARTTLS or implicit TLS (a certificate of test/fixtures/tls that the bot is told to trust), with or without
// authentication. It can refuse an address for good, answer the next command with a 4xx, or drop the connection in
// the middle of a message or just after taking it, as real servers and networks do.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url)));
export const TEST_CA = fixture('localhost.crt');
const KEY = fixture('localhost.key');

export type Security = 'none' | 'starttls' | 'implicit';

export interface MailServerOptions {
  security?: Security;
  auth?: { user: string; pass: string };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  inReplyTo: string | undefined;
  references: string[];
  header(name: string): string | undefined;
  parsed: ParsedMail;
}

type Stage = 'mail' | 'rcpt' | 'data';
type Fault =
  | { kind: 'reply'; stage: Stage; code: number; text: string }
  /** The connection is cut while the message is coming in: the server keeps nothing. */
  | { kind: 'drop-during-data' }
  /** The server keeps the message, then the connection is cut before it answers. */
  | { kind: 'drop-after-data' };

export interface MailServer {
  url: string;
  port: number;
  /** Every mail the server kept, in order. */
  mails: ReceivedMail[];
  /** Mails kept for this address. */
  to(address: string): ReceivedMail[];
  /** Refuses this address at RCPT TO from now on (5.1.1 user unknown, by default). */
  refuse(address: string, code?: number): void;
  /** The next time `stage` comes, answers `code` instead (a 421 closes the connection, as RFC 5321 says). */
  replyNext(stage: Stage, code: number, text: string): void;
  dropNext(when: 'during-data' | 'after-data'): void;
  /** Waits until `count` mails were kept (fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Connections the server accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

function addressList(value: ParsedMail['references']): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export async function startMailServer(options: MailServerOptions = {}): Promise<MailServer> {
  const security = options.security ?? 'none';
  const mails: ReceivedMail[] = [];
  const refused = new Map<string, number>();
  const faults: Fault[] = [];
  const waiters: (() => void)[] = [];
  let connections = 0;

  /** The fault first in line, if it is one for this moment. */
  const takeIf = (applies: (fault: Fault) => boolean): Fault | undefined =>
    faults[0] && applies(faults[0]) ? faults.shift() : undefined;
  const socketOf = (session: SMTPServerSession): Socket | undefined => {
    for (const connection of server.connections) {
      if (connection.session === session) return (connection as unknown as { _socket: Socket })._socket;
    }
    return undefined;
  };

  const server: SMTPServer = new SMTPServer({
    secure: security === 'implicit',
    key: KEY,
    cert: TEST_CA,
    disabledCommands: [...(security === 'none' ? ['STARTTLS'] : []), ...(options.auth ? [] : ['AUTH'])],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.auth,
    // Without TLS at all, the credentials cross in clear: the bot must still be able to log in.
    allowInsecureAuth: security === 'none',
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        return callback(null, { user: auth.username });
      }
      callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(_address, _session, callback) {
      const fault = takeIf((f) => f.kind === 'reply' && f.stage === 'mail');
      if (fault?.kind === 'reply') return callback(smtpError(fault.code, fault.text));
      callback();
    },
    onRcptTo(address, _session, callback) {
      const code = refused.get(address.address.toLowerCase());
      if (code) return callback(smtpError(code, '5.1.1 No such user here'));
      const fault = takeIf((f) => f.kind === 'reply' && f.stage === 'rcpt');
      if (fault?.kind === 'reply') return callback(smtpError(fault.code, fault.text));
      callback();
    },
    onData(stream, session, callback) {
      const fault = takeIf((f) => f.kind !== 'reply' || f.stage === 'data');
      const chunks: Buffer[] = [];
      let cut = false;
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (fault?.kind === 'drop-during-data' && !cut) {
          cut = true;
          socketOf(session)?.destroy();
        }
      });
      stream.on('end', async () => {
        if (cut) return;
        if (fault?.kind === 'reply') return callback(smtpError(fault.code, fault.text));
        const parsed = await simpleParser(Buffer.concat(chunks));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: parsed.messageId ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          inReplyTo: parsed.inReplyTo,
          references: addressList(parsed.references),
          header: (name) => {
            const value = parsed.headers.get(name.toLowerCase());
            if (value === undefined) return undefined;
            return typeof value === 'string' ? value : JSON.stringify(value);
          },
          parsed,
        });
        for (const wake of waiters.splice(0)) wake();
        if (fault?.kind === 'drop-after-data') {
          socketOf(session)?.destroy();
          return;
        }
        callback();
      });
    },
  });
  server.on('error', () => {
    // A connection cut on purpose ends in an error on the server's side too.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const scheme = security === 'implicit' ? 'smtps' : 'smtp';
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';

  return {
    url: `${scheme}://${credentials}127.0.0.1:${port}`,
    port,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address.toLowerCase())),
    refuse: (address, code = 550) => refused.set(address.toLowerCase(), code),
    replyNext: (stage, code, text) => faults.push({ kind: 'reply', stage, code, text }),
    dropNext: (when) =>
      faults.push({ kind: when === 'during-data' ? 'drop-during-data' : 'drop-after-data' }),
    waitFor: async (count, ms = 10_000) => {
      const deadline = Date.now() + ms;
      while (mails.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 200)).unref();
        });
      }
    },
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
