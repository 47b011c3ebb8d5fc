// The chat-port contract on the e-mail adapter, against a real SMTP server: what a person receives is the plain-text
// part of the mails that reached their address. A person the mail server does not know is refused at RCPT TO (550);
// a rate limit and a server error are 4xx replies, which SMTP uses for "try again later".
import { findPerson } from '../../src/core/programme.ts';
import { startEmailBot } from '../support/email-bot.ts';
import { chatContract } from './chat-contract.ts';

chatContract('email', async () => {
  const e = await startEmailBot();
  const programme = e.bot.ctx.programme;
  const known = findPerson(programme, 'alice');
  const stranger = findPerson(programme, 'mehdi');
  if (!known || !stranger) throw new Error('example programme changed');
  e.mail.refuse(stranger.email);
  return {
    chat: e.platform.chat,
    programme,
    known,
    stranger,
    rateLimitNext: () => e.mail.replyNext('mail', 451, '4.7.1 Too many messages, slow down'),
    failNext: () => e.mail.replyNext('data', 451, '4.3.0 Temporary local problem'),
    received: async (person) => e.mail.to(person.email).map((m) => m.text),
    close: () => e.close(),
  };
});
