// What a real mail server does to the bot's mails, and what reaches the mailboxes: a deferral (4xx) is tried again
// after a while and delivered once; an address refused for good (550) is reported in the owners' digest while the
// others are delivered; a connection cut in the middle of a message, or just after the server took it, loses nothing
// and leaves no second message but a copy under the same Message-ID; a sender that died after the server took a
// mail sends it again under the same Message-ID.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOX } from '../../src/app/context.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { findPerson, type Person } from '../../src/core/programme.ts';
import { createEmailPlatform } from '../../src/platforms/email/index.ts';
import { type EmailBot, startEmailBot } from '../support/email-bot.ts';
import { depsOf } from '../support/fixtures.ts';
import { TEST_CA } from '../support/mail-server.ts';

const WEEK = '2026-W47';
const INTRAPRENEURS = ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'];

describe('mail delivery against a server that defers, refuses and drops', () => {
  let e: EmailBot;

  afterEach(async () => {
    await e.close();
  });

  const person = (id: string) => findPerson(e.bot.ctx.programme, id) as Person;
  /** The Message-IDs of the mails each intrapreneur holds. */
  const prompts = () => INTRAPRENEURS.map((id) => e.mail.to(person(id).email).map((m) => m.messageId));
  const once = INTRAPRENEURS.map((id) => [`<prompt.${id}.${WEEK}@[127.0.0.1]>`]);

  /** The outbox's retries, once their delay is over, as the scheduler runs them. */
  async function drain(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      if ((await e.bot.ctx.store.listOutbox({ status: 'pending' })).length === 0) return;
      e.clock.advance(10 * 60_000);
      await dispatchOutbox(e.bot.ctx);
    }
    throw new Error('messages still pending after five rounds');
  }

  it('tries a deferred mail again after a while, and delivers it once', async () => {
    e = await startEmailBot({ connections: 1 });
    e.mail.replyNext('rcpt', 451, '4.7.1 Greylisted, please try again later');
    const first = await sendPrompts(e.bot.ctx, WEEK);
    expect(first).toMatchObject({ sent: 5, retried: 1, failed: 0 });
    const [deferred] = await e.bot.ctx.store.listOutbox({ week: WEEK, status: 'pending' });
    expect(deferred?.lastError).toBe('mail_deferred_451');
    // Not before a minute: greylisting refuses any earlier retry.
    expect((deferred?.nextAttemptAt.getTime() ?? 0) - e.clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
    expect(await dispatchOutbox(e.bot.ctx)).toMatchObject({ sent: 0 });
    await drain();
    expect(prompts()).toEqual(once);
  });

  it('delivers once when the server says 421 and closes the connection', async () => {
    e = await startEmailBot({ connections: 1 });
    e.mail.replyNext('mail', 421, '4.7.0 Too many connections, closing');
    await sendPrompts(e.bot.ctx, WEEK);
    await drain();
    expect(prompts()).toEqual(once);
    expect(await e.bot.ctx.store.listOutbox({ week: WEEK, status: 'failed' })).toEqual([]);
  });

  it('reports an address refused for good in the digest, and delivers the others', async () => {
    e = await startEmailBot();
    e.mail.refuse(person('mehdi').email, 550);
    expect(await sendPrompts(e.bot.ctx, WEEK)).toMatchObject({ sent: 5, failed: 1, retried: 0 });
    expect(prompts()).toEqual(once.map((ids, i) => (INTRAPRENEURS[i] === 'mehdi' ? [] : ids)));
    e.clock.setParis('2026-11-24', 9);
    await evaluateWeek(e.bot.ctx, WEEK);
    const digest = e.mail.to(person('claire').email).find((m) => m.subject.startsWith('Synthèse'));
    expect(digest?.text).toContain('1 message n’a pas pu être remis :');
    expect(digest?.text).toContain('Mehdi Haddad (prompt) : mail_refused_550');
  });

  it('sends again a mail whose connection was cut while it went out, once', async () => {
    e = await startEmailBot({ connections: 1 });
    e.mail.dropNext('during-data');
    const first = await sendPrompts(e.bot.ctx, WEEK);
    expect(first).toMatchObject({ sent: 5, retried: 1 });
    const [cut] = await e.bot.ctx.store.listOutbox({ week: WEEK, status: 'pending' });
    expect(cut?.lastError).toBe('outcome_unknown:mail_connection');
    await drain();
    expect(prompts()).toEqual(once);
  });

  it('leaves a copy under the same Message-ID, never a second message, when the answer to a taken mail is lost', async () => {
    e = await startEmailBot({ connections: 1 });
    e.mail.dropNext('after-data');
    await sendPrompts(e.bot.ctx, WEEK);
    await drain();
    const held = prompts();
    // One mailbox holds the mail twice, under one Message-ID; the others once.
    expect(held.map((ids) => [...new Set(ids)])).toEqual(once);
    expect(held.flat()).toHaveLength(INTRAPRENEURS.length + 1);
    expect(await e.bot.ctx.store.listOutbox({ week: WEEK, status: 'sent' })).toHaveLength(6);
  });

  it('after a crash, sends again under the same Message-ID what the server had taken; before one, finds it', async () => {
    e = await startEmailBot();
    const alice = person('alice');
    const claim = async () => {
      await e.bot.ctx.store.enqueue([
        {
          key: `prompt:alice:${WEEK}`,
          kind: 'prompt',
          week: WEEK,
          recipient: 'alice',
          message: { kind: 'prompt', week: WEEK, intrapreneur: 'alice' },
          dueAt: e.clock.now(),
        },
      ]);
      await e.bot.ctx.store.claimDue(e.clock.now(), 10, DEFAULT_OUTBOX.leaseMs);
    };
    // The server took the mail, but the sender stopped before the outbox heard of it.
    await claim();
    await e.platform.chat.send({
      key: `prompt:alice:${WEEK}`,
      to: { person: alice },
      message: { kind: 'prompt', week: WEEK, intrapreneur: 'alice' },
      locale: 'fr',
    });
    e.clock.advance(DEFAULT_OUTBOX.leaseMs + 1000);
    // The same process still knows it took it: marked sent, nothing sent again.
    expect(await dispatchOutbox(e.bot.ctx)).toMatchObject({ sent: 0, recovered: 1 });
    expect(e.mail.to(alice.email)).toHaveLength(1);

    // A new process cannot ask the server: it sends again, under the same Message-ID.
    const restarted = createEmailPlatform(depsOf(e.bot), e.env, { tls: { ca: TEST_CA } }).attach(e.bot.ctx);
    try {
      await e.bot.ctx.store.enqueue([
        {
          key: `reminder:alice:${WEEK}`,
          kind: 'reminder',
          week: WEEK,
          recipient: 'alice',
          message: { kind: 'reminder', week: WEEK, intrapreneur: 'alice' },
          dueAt: e.clock.now(),
        },
      ]);
      await e.bot.ctx.store.claimDue(e.clock.now(), 10, DEFAULT_OUTBOX.leaseMs);
      await e.platform.chat.send({
        key: `reminder:alice:${WEEK}`,
        to: { person: alice },
        message: { kind: 'reminder', week: WEEK, intrapreneur: 'alice' },
        locale: 'fr',
      });
      e.clock.advance(DEFAULT_OUTBOX.leaseMs + 1000);
      const result = await dispatchOutbox({ ...e.bot.ctx, chat: restarted.chat });
      expect(result).toMatchObject({ sent: 1, recovered: 0 });
      const reminders = e.mail.to(alice.email).filter((m) => m.subject.startsWith('Re:'));
      expect(reminders.map((m) => m.messageId)).toEqual([
        `<reminder.alice.${WEEK}@[127.0.0.1]>`,
        `<reminder.alice.${WEEK}@[127.0.0.1]>`,
      ]);
    } finally {
      await restarted.stop();
    }
  });
});
