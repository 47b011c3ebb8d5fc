// The processes of the e-mail benchmark (bench/email.ts) beside the bot's own (bench/email/bot.js), driven over IPC:
//   smtp — a local SMTP server (smtp-server) that counts each mail by Message-ID and by recipient;
//   bare — a bare nodemailer pooled transport sending the same mails as the bot, rendered beforehand.
// Run with `node --import tsx bench/email-local.ts`, then sent `{ role }`.
import nodemailer from 'nodemailer';
import type { Programme } from '../src/core/programme.ts';
import { weekOfInstant } from '../src/core/week.ts';
import { composeMail } from '../src/platforms/email/compose.ts';
import { listId, mailHost, messageIdFor } from '../src/platforms/email/headers.ts';
import { mailHtml, mailText } from '../src/platforms/email/render.ts';
import { CONNECTIONS } from '../src/platforms/email/transport.ts';
import { systemClock } from '../src/runtime.ts';
import { benchCohort } from './cohort.ts';

export type Message = { role: 'smtp' } | { role: 'bare'; smtpUrl: string; count: number };

export const PUBLIC_URL = 'https://coaching.region.example';
export const FROM = { name: 'Startups de Territoire', address: 'coaching@region.example' };

const send = (message: unknown) => process.send?.(message);

/** `count` intrapreneurs, four to a project, in a programme whose check-ins are open this week. */
export function benchProgramme(count: number, now: Date): Programme {
  return benchCohort({ key: 'bench-email', name: 'Startups de Territoire — banc d’essai', count, now });
}

async function smtp(): Promise<void> {
  // Loaded by this role only: the bot's process holds what the bot holds, not the server's modules.
  const { SMTPServer } = await import('smtp-server');
  let byId = new Map<string, number>();
  let recipients = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '?';
        byId.set(id, (byId.get(id) ?? 0) + 1);
        for (const r of session.envelope.rcptTo) recipients.add(r.address);
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    send({ ready: `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  });
  process.on('message', (m: { summary?: boolean; reset?: boolean }) => {
    if (m.summary) {
      const counts = [...byId.values()];
      send({
        mails: counts.reduce((a, b) => a + b, 0),
        ids: byId.size,
        duplicated: counts.filter((n) => n > 1).length,
        recipients: recipients.size,
      });
    }
    if (m.reset) {
      byId = new Map();
      recipients = new Set();
      send({ reset: true });
    }
  });
}

async function bare(smtpUrl: string, count: number): Promise<void> {
  const programme = benchProgramme(count, systemClock.now());
  const week = weekOfInstant(systemClock.now(), programme.timezone);
  const host = mailHost(PUBLIC_URL);
  // The same mails as the bot's, links included (signed the same way would cost the same: a fixed token here).
  const mails = programme.people
    .filter((p) => p.id.startsWith('intra-'))
    .map((person) => {
      const content = composeMail({
        programme,
        message: { kind: 'prompt', week, intrapreneur: person.id },
        locale: 'fr',
        recipient: person,
        links: {
          checkin: (who, w) => (choice) =>
            `${PUBLIC_URL}/email/checkin?t=${who}.${w}.0123456789abcdef0123456789abcdef&c=${choice}`,
          dashboard: () => undefined,
        },
      });
      return {
        from: FROM,
        to: { name: person.name, address: person.email },
        subject: content.subject,
        text: mailText(content),
        html: mailHtml(content, 'fr'),
        messageId: messageIdFor(`prompt:${person.id}:${week}`, host),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        list: { id: listId(programme, host) },
      };
    });
  const transport = nodemailer.createTransport({
    pool: true,
    url: smtpUrl,
    maxConnections: CONNECTIONS,
    logger: false,
  });
  const started = performance.now();
  await Promise.all(mails.map((mail) => transport.sendMail(mail)));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  send({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 });
}

process.once('message', (m: Message) => {
  const work = m.role === 'smtp' ? smtp() : bare(m.smtpUrl, m.count);
  work.catch((error: unknown) => {
    send({ error: String(error instanceof Error ? error.stack : error) });
  });
});
send({ started: true });
