// E-mail's pieces on their own: the environment that turns it on, the Message-IDs made from outbox keys, the signed
// links and forms, what each SMTP failure means to the outbox, and the plain-text part that must read well alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { EnvError, readEnv } from '../../src/config/env.ts';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { ChatMessage } from '../../src/core/messages.ts';
import { findPerson, type Person } from '../../src/core/programme.ts';
import { scrub } from '../../src/logger.ts';
import { composeMail, type MailLinks } from '../../src/platforms/email/compose.ts';
import { listId, mailHost, messageIdFor, threadOf } from '../../src/platforms/email/headers.ts';
import {
  checkinUrl,
  linkExpiry,
  signCheckinToken,
  signFormToken,
  verifyCheckinToken,
  verifyFormToken,
} from '../../src/platforms/email/links.ts';
import { mailHtml, mailText } from '../../src/platforms/email/render.ts';
import { deliveryError } from '../../src/platforms/email/transport.ts';
import { createPlatforms } from '../../src/platforms/index.ts';
import type { PlatformDeps } from '../../src/platforms/platform.ts';
import { exampleProgramme } from '../support/fixtures.ts';

function problems(env: Record<string, string>): string[] {
  try {
    readEnv(env, '/');
  } catch (error) {
    if (error instanceof EnvError) return error.problems.map((p) => `${p.variable}: ${p.code}`);
    throw error;
  }
  return [];
}

describe('the e-mail settings', () => {
  const complete = {
    SMTP_URL: 'smtp://bot:s3cret@smtp.region.example:587',
    MAIL_FROM: '"Startups de Territoire" <coaching@region.example>',
    PUBLIC_URL: 'https://coaching.region.example',
  };

  it('turn e-mail on with the sender and a rate', () => {
    expect(readEnv({ ...complete, SMTP_RATE: '0.5' }, '/').email).toEqual({
      url: complete.SMTP_URL,
      from: { name: 'Startups de Territoire', address: 'coaching@region.example' },
      rate: 0.5,
    });
    expect(readEnv(complete, '/').email?.rate).toBe(5);
    expect(readEnv({}, '/').email).toBeUndefined();
  });

  it('name each missing or wrong one, and never repeat the URL', () => {
    expect(problems({ SMTP_URL: complete.SMTP_URL })).toEqual([
      'MAIL_FROM: mail_from_missing',
      'PUBLIC_URL: public_url_missing',
    ]);
    expect(problems({ ...complete, SMTP_URL: 'http://bot:s3cret@smtp.region.example' })).toEqual([
      'SMTP_URL: smtp_url_invalid',
    ]);
    expect(problems({ ...complete, MAIL_FROM: 'a@b.example, c@d.example' })).toEqual([
      'MAIL_FROM: mail_from_invalid',
    ]);
    expect(problems({ MAIL_FROM: complete.MAIL_FROM, PUBLIC_URL: complete.PUBLIC_URL })).toEqual([
      'SMTP_URL: smtp_url_invalid',
    ]);
    const error = (() => {
      try {
        readEnv({ ...complete, SMTP_URL: 'ftp://bot:s3cret@x' }, '/');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('s3cret');
  });
});

describe('Message-IDs', () => {
  it('are made from the outbox key, on the host of PUBLIC_URL', () => {
    const host = mailHost('https://coaching.region.example/bot');
    expect(messageIdFor('prompt:alice:2026-W48', host)).toBe(
      '<prompt.alice.2026-W48@coaching.region.example>',
    );
    expect(messageIdFor('alert:release_missed:alice:2026-W48:marc', host)).toBe(
      '<alert.release_missed.alice.2026-W48.marc@coaching.region.example>',
    );
    expect(mailHost('http://127.0.0.1:3000')).toBe('[127.0.0.1]');
  });

  it('never give two keys the same id, whatever they hold', () => {
    const keys = [
      'prompt:a.b:W1',
      'prompt:a:b:W1',
      'prompt:a=2Eb:W1',
      'prompt:é:W1',
      'prompt:e:W1',
      'x::y',
      'x:.:y',
    ];
    const ids = keys.map((k) => messageIdFor(k, 'h.example'));
    expect(new Set(ids).size).toBe(keys.length);
    for (const id of ids) expect(id).toMatch(/^<[A-Za-z0-9_=-]+(\.[A-Za-z0-9_=-]+)*@h\.example>$/);
  });

  it('thread a reminder under its week’s prompt, and name the programme’s list', () => {
    const reminder: ChatMessage = { kind: 'reminder', week: '2026-W48', intrapreneur: 'alice' };
    expect(threadOf(reminder, 'h.example')).toBe('<prompt.alice.2026-W48@h.example>');
    expect(
      threadOf({ kind: 'prompt', week: '2026-W48', intrapreneur: 'alice' }, 'h.example'),
    ).toBeUndefined();
    expect(listId(exampleProgramme(), '[127.0.0.1]')).toEqual({
      url: 'startups-de-territoire-hauts-de-france.127.0.0.1',
      comment: 'Startups de Territoire — Hauts-de-France',
    });
  });
});

describe('check-in links', () => {
  const secret = 'a-key-of-this-bot';
  const now = new Date('2026-11-20T13:00:00Z');
  const grant = { person: 'alice', week: '2026-W47', expiresAt: linkExpiry('2026-W47', 'Europe/Paris') };

  it('name the person and the week, until five weeks after its Monday', () => {
    const token = signCheckinToken(secret, grant);
    expect(verifyCheckinToken(secret, token, now)).toEqual({ ok: true, grant });
    expect(grant.expiresAt.toISOString()).toBe('2026-12-20T23:00:00.000Z');
    expect(verifyCheckinToken(secret, token, new Date('2026-12-21T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(checkinUrl('https://bot.example/', token, '0.5')).toBe(
      `https://bot.example/email/checkin?t=${token}&c=0.5`,
    );
  });

  it('are refused when forged, altered or cut', () => {
    const token = signCheckinToken(secret, grant);
    expect(verifyCheckinToken('another-bot', token, now)).toEqual({ ok: false, reason: 'forged' });
    const [payload = '', mac = ''] = token.split('.');
    const other = signCheckinToken(secret, { ...grant, person: 'mehdi' }).split('.')[0];
    expect(verifyCheckinToken(secret, `${other}.${mac}`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyCheckinToken(secret, payload, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCheckinToken(secret, `${token}.x`, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('carry a form token bound to the link, good for twelve hours', () => {
    const link = signCheckinToken(secret, grant);
    const form = signFormToken(secret, link, now);
    expect(verifyFormToken(secret, link, form, now)).toBe(true);
    expect(verifyFormToken(secret, link, form, new Date(now.getTime() + 12 * 3_600_000))).toBe(true);
    expect(verifyFormToken(secret, link, form, new Date(now.getTime() + 12 * 3_600_000 + 1))).toBe(false);
    const otherLink = signCheckinToken(secret, { ...grant, week: '2026-W48' });
    expect(verifyFormToken(secret, otherLink, form, now)).toBe(false);
    expect(verifyFormToken(secret, link, '', now)).toBe(false);
  });
});

describe('what an SMTP failure means to the outbox', () => {
  const smtp = (fields: Record<string, unknown>) => Object.assign(new Error('smtp'), fields);

  it('refuses for good a 5xx for the recipient or the message', () => {
    for (const command of ['RCPT TO', 'DATA']) {
      const error = deliveryError(smtp({ code: 'EENVELOPE', responseCode: 550, command }));
      expect([error.code, error.transient, error.outcomeUnknown]).toEqual(['mail_refused_550', false, false]);
    }
  });

  it('tries again later a 4xx, a 503, a login refused or a sender refused', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'mail_deferred_451'],
      [{ code: 'EMESSAGE', responseCode: 421, command: 'DATA' }, 'mail_deferred_421'],
      [{ code: 'EPROTOCOL', responseCode: 503, command: 'DATA' }, 'mail_deferred_503'],
      [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'mail_auth'],
      [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, 'mail_auth'],
      [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'mail_sender_refused_553'],
    ];
    for (const [fields, code] of cases) {
      const error = deliveryError(smtp(fields));
      expect([error.code, error.transient, error.outcomeUnknown]).toEqual([code, true, false]);
    }
    expect(deliveryError(smtp({ responseCode: 451 })).retryAfterMs).toBe(60_000);
  });

  it('does not know whether a mail whose connection dropped went out', () => {
    for (const code of ['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']) {
      const error = deliveryError(smtp({ code }));
      expect([error.code, error.transient, error.outcomeUnknown]).toEqual(['mail_connection', true, true]);
    }
  });
});

describe('the plain-text part', () => {
  const programme = exampleProgramme();
  const person = (id: string) => findPerson(programme, id) as Person;
  const links: MailLinks = {
    checkin: (who, week) => (choice) => `https://bot.example/email/checkin?t=${who}-${week}&c=${choice}`,
    dashboard: (owner) => ({
      url: `https://bot.example/dashboard?t=${owner}`,
      expiresAt: new Date('2026-11-25T08:00:00Z'),
    }),
  };
  const alert = {
    kind: 'release_missed' as const,
    intrapreneur: 'alice',
    week: '2026-W47',
    recipients: ['claire', 'isabelle'],
    reason: { releasedDays: 0.5, required: 1 },
  };
  const cases: [string, ChatMessage, string][] = [
    ['prompt', { kind: 'prompt', week: '2026-W47', intrapreneur: 'alice' }, 'alice'],
    ['reminder', { kind: 'reminder', week: '2026-W47', intrapreneur: 'alice' }, 'alice'],
    ['alert to a manager', { kind: 'alert', alert }, 'isabelle'],
    [
      'digest',
      {
        kind: 'digest',
        digest: {
          week: '2026-W47',
          intrapreneurs: 6,
          honoured: 4,
          missed: 1,
          unknown: 1,
          exempt: 0,
          coachingHeld: 5,
          alerts: [{ kind: 'release_missed', intrapreneur: 'alice' }],
          undelivered: [],
        },
      } as ChatMessage,
      'claire',
    ],
    [
      'dashboard link',
      {
        kind: 'dashboard_link',
        url: 'https://bot.example/dashboard?t=x',
        expiresAt: new Date('2026-11-25T08:00:00Z'),
      },
      'claire',
    ],
  ];

  it.each(cases)('of the %s says all the HTML says, links written out, no markup', (_, message, to) => {
    const content = composeMail({ programme, message, locale: 'fr', recipient: person(to), links });
    const text = mailText(content);
    const html = mailHtml(content, 'fr');
    expect(text).not.toMatch(/<[a-z/!]/i);
    expect(text.split('\n')[0]).toBe(content.heading);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
    for (const href of hrefs) expect(text).toContain(href);
    expect(text).toContain('Message automatique du programme « Startups de Territoire — Hauts-de-France »');
    expect(html).not.toMatch(/<img|<table|url\(|https?:\/\/(?!bot\.example)/);
  });

  it('of the prompt lists each answer with its own link, in words', () => {
    const content = composeMail({
      programme,
      message: { kind: 'prompt', week: '2026-W47', intrapreneur: 'alice' },
      locale: 'fr',
      recipient: person('alice'),
      links,
    });
    expect(mailText(content)).toContain(
      [
        'Combien de jours avez-vous été libéré(e) de vos tâches habituelles cette semaine ?',
        '  * Aucun jour',
        '    https://bot.example/email/checkin?t=alice-2026-W47&c=0',
        '  * Une demi-journée (½)',
        '    https://bot.example/email/checkin?t=alice-2026-W47&c=0.5',
      ].join('\n'),
    );
  });

  it('of an owner’s alert carries the dashboard, a manager’s does not', () => {
    const to = (id: string) =>
      mailText(
        composeMail({
          programme,
          message: { kind: 'alert', alert },
          locale: 'fr',
          recipient: person(id),
          links,
        }),
      );
    expect(to('claire')).toContain('https://bot.example/dashboard?t=claire');
    expect(to('claire')).toContain('Vous recevez cette alerte comme responsable du programme.');
    expect(to('isabelle')).not.toContain('dashboard');
    expect(to('isabelle')).toContain('manager de cette personne');
  });
});

describe('e-mail among the platforms', () => {
  const email = {
    SMTP_URL: 'smtp://bot:s3cret@smtp.region.example:587',
    MAIL_FROM: 'coaching@region.example',
    PUBLIC_URL: 'https://coaching.region.example',
  };
  const names = async (env: Record<string, string>) => {
    const programme = exampleProgramme();
    // Which platforms are made, not what they store: nothing here reaches the storage.
    const deps = {
      programme,
      logger: silentLogger,
      clock: { now: () => new Date() },
      storage: {},
    } as unknown as PlatformDeps;
    const platforms = await createPlatforms(deps, readEnv({ DATABASE_URL: 'file::memory:', ...env }, '/'));
    return platforms.map((p) => p.name);
  };

  it('comes after the chat platforms, and turns the sandbox off unless asked for', async () => {
    expect(await names({})).toEqual(['sandbox']);
    expect(await names(email)).toEqual(['email']);
    expect(await names({ ...email, SANDBOX: 'on' })).toEqual(['email', 'sandbox']);
    expect(await names({ ...email, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'x' })).toEqual([
      'slack',
      'email',
    ]);
  });

  it('is asked for per person in the programme file, as slack, mattermost or email only', () => {
    const file = (channel: string) =>
      readFileSync(join(import.meta.dirname, '../../examples/programme.yml'), 'utf8').replace(
        '{ id: isabelle, name: Isabelle Roux, email: isabelle.roux@example.org }',
        `{ id: isabelle, name: Isabelle Roux, email: isabelle.roux@example.org, channel: ${channel} }`,
      );
    const ok = parseProgramme(file('email'));
    expect(ok.ok && findPerson(ok.programme, 'isabelle')?.channel).toBe('email');
    const refused = parseProgramme(file('telegram'));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems.map((p) => p.path)).toEqual(['people[11].channel']);
  });

  it('never lets the password of SMTP_URL into a log line', () => {
    expect(scrub({ err: 'connect smtp://bot:s3cret@smtp.region.example:587 refused' })).toEqual({
      err: 'connect smtp://bot:[hidden]@smtp.region.example:587 refused',
    });
  });
});
