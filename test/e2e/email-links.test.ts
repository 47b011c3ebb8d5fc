// The check-in mails' links on the bot's HTTP server, followed with a real HTTP client: opening one shows the page
// and records nothing; only the page's own form records, through the same rules as a click in chat. A tampered,
// foreign, expired or closed link, a person removed from the programme, a form without the page's token or from
// another site: each gets a page saying so, with its status, and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { findPerson } from '../../src/core/programme.ts';
import { createEmailPlatform } from '../../src/platforms/email/index.ts';
import { type EmailBot, startEmailBot } from '../support/email-bot.ts';
import { depsOf, exampleProgramme } from '../support/fixtures.ts';
import { confirm, formOf, linkTo, open, post } from '../support/mail-links.ts';
import type { ReceivedMail } from '../support/mail-server.ts';

const WEEK = '2026-W47';

describe('the links of a check-in mail', () => {
  let e: EmailBot;
  let mail: ReceivedMail;

  beforeEach(async () => {
    e = await startEmailBot();
    await sendPrompts(e.bot.ctx, WEEK);
    const [prompt] = e.mail.to(findPerson(e.bot.ctx.programme, 'camille')?.email ?? '');
    if (!prompt) throw new Error('no prompt for Camille');
    mail = prompt;
  });

  afterEach(async () => {
    await e.close();
  });

  const stored = () => e.bot.ctx.store.getAnswer('camille', WEEK);
  const tokenOf = (url: string) => new URL(url).searchParams.get('t') ?? '';
  const withToken = (url: string, token: string) => {
    const u = new URL(url);
    u.searchParams.set('t', token);
    return u.toString();
  };

  it('open a page with the choice ready, in French or in English, and record nothing', async () => {
    const url = linkTo(mail, 'Une demi-journée (½)');
    for (let i = 0; i < 3; i++) expect((await open(url)).status).toBe(200);
    const page = await open(url);
    expect(page.text).toContain('Point hebdomadaire — semaine 47, du 16 au 20 novembre');
    expect(page.text).toContain('Intrapreneur : Camille Lambert');
    expect(page.text).toContain('Pas encore de réponse.');
    expect(page.html).toContain('value="0.5" checked');
    expect(page.text).toContain('Confirmer');
    const english = await open(`${url}&lang=en`);
    expect(english.text).toContain('Weekly check-in — week 47');
    expect(english.text).toContain('Check your answer, then confirm it: nothing is recorded before.');
    expect(await stored()).toBeUndefined();
  });

  it('record what the page’s form confirms, as a click in chat would', async () => {
    const page = await confirm(linkTo(mail, 'Une demi-journée (½)'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Votre réponse est enregistrée.');
    expect(await stored()).toMatchObject({ release: { kind: 'days', days: 0.5 }, answeredBy: 'camille' });
    const again = await confirm(linkTo(mail, 'Une demi-journée (½)'));
    expect(again.text).toContain('Rien n’a changé');
  });

  it('refuse a tampered link (401), a malformed one (400) and one of another bot (401)', async () => {
    const url = linkTo(mail, 'Un jour');
    const [payload = '', mac = ''] = tokenOf(url).split('.');
    // Mehdi's name put in place of Camille's, with Camille's signature.
    const forged = Buffer.from(
      Buffer.from(payload, 'base64url').toString('utf8').replace('camille', 'mehdi'),
    ).toString('base64url');
    const tampered = await open(withToken(url, `${forged}.${mac}`));
    expect(tampered.status).toBe(401);
    expect(tampered.text).toContain('Lien non valide');
    expect(tampered.text).not.toContain('Claire Dubois');
    expect((await open(withToken(url, 'not-a-token'))).status).toBe(400);
    expect((await open(url.replace(/t=[^&]+&/, ''))).status).toBe(400);

    // A second bot, its own database and key: its links do not open this bot's pages.
    const other = await startEmailBot();
    try {
      await sendPrompts(other.bot.ctx, WEEK);
      const [foreign] = other.mail.to(findPerson(other.bot.ctx.programme, 'camille')?.email ?? '');
      const foreignToken = tokenOf(linkTo(foreign as ReceivedMail, 'Un jour'));
      expect((await open(withToken(url, foreignToken))).status).toBe(401);
      const form = formOf((await open(url)).html);
      form.set('t', foreignToken);
      expect((await post(url, form)).status).toBe(401);
    } finally {
      await other.close();
    }
    expect((await open(url.replace('c=1', 'c=3'))).status).toBe(400);
    expect(await stored()).toBeUndefined();
  });

  it('refuse a form without the page’s token, with another link’s, or posted from another site (403)', async () => {
    const url = linkTo(mail, 'Un jour');
    const form = formOf((await open(url)).html);
    const without = new URLSearchParams(form);
    without.delete('form');
    const refused = await post(url, without);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Page expirée');

    const [mehdi] = e.mail.to(findPerson(e.bot.ctx.programme, 'mehdi')?.email ?? '');
    const mehdiForm = formOf((await open(linkTo(mehdi as ReceivedMail, 'Un jour'))).html);
    const swapped = new URLSearchParams(form);
    swapped.set('form', mehdiForm.get('form') ?? '');
    expect((await post(url, swapped)).status).toBe(403);

    expect((await post(url, form, { origin: 'https://evil.example' })).status).toBe(403);
    // A page left open for more than its time must be opened again.
    e.clock.advance(13 * 60 * 60_000);
    expect((await post(url, form)).status).toBe(403);
    expect(await stored()).toBeUndefined();
  });

  it('refuse a choice the page never offers (400) and a comment over 2,000 characters (400, nothing stored)', async () => {
    const url = linkTo(mail, 'Un jour');
    const form = formOf((await open(url)).html);
    const odd = new URLSearchParams(form);
    odd.set('release', '3');
    expect((await post(url, odd)).status).toBe(400);
    const long = new URLSearchParams(form);
    long.set('comment', 'é'.repeat(2001));
    const refused = await post(url, long);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('2000');
    expect(page).toContain('é'.repeat(2001));
    expect(await stored()).toBeUndefined();
  });

  it('say the week is closed once evaluated (410), and whom to ask', async () => {
    const url = linkTo(mail, 'Un jour');
    const form = formOf((await open(url)).html);
    e.clock.setParis('2026-11-24', 9);
    await evaluateWeek(e.bot.ctx, WEEK);
    const closed = await open(url);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('Semaine close');
    expect(closed.html).toContain('<a href="mailto:claire.dubois@example.org">Claire Dubois</a>');
    expect((await post(url, form)).status).toBe(410);
    expect(await stored()).toBeUndefined();
  });

  it('say a link has expired (410) once its time is over, even for a week never evaluated', async () => {
    const url = linkTo(mail, 'Un jour');
    e.clock.setParis('2026-12-21', 9);
    const expired = await open(url);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Lien expiré');
  });

  it('stop working for a person removed from the programme file (401)', async () => {
    const url = linkTo(mail, 'Un jour');
    const form = formOf((await open(url)).html);
    // The bot restarted with a file where Camille's project has gone.
    const programme = exampleProgramme();
    const without = {
      ...programme,
      people: programme.people.filter((p) => p.id !== 'camille'),
      projects: programme.projects.filter((p) => !p.intrapreneurs.some((i) => i.person === 'camille')),
    };
    const ctx = { ...e.bot.ctx, programme: without };
    const restarted = createEmailPlatform(depsOf(e.bot, { programme: without }), e.env).attach(ctx);
    e.mount(restarted.routes);
    try {
      const page = await open(url);
      expect(page.status).toBe(401);
      expect(page.text).toContain('vous ne faites plus partie des intrapreneurs suivis');
      expect((await post(url, form)).status).toBe(401);
      expect(await stored()).toBeUndefined();
    } finally {
      await restarted.stop();
    }
  });
});
