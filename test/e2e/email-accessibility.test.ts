// The mails as a mail client shows them, and the pages their links open, checked in Debian's Chromium by axe-core
// against the WCAG 2.1 A and AA rules: every kind of mail as it reached the SMTP server (in French, and the check-in
// in English), and the check-in page before and after confirming, and when its week is closed, at a desktop width
// and at 320 CSS px. No rule is turned off.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { findPerson, type Person } from '../../src/core/programme.ts';
import { accessibilityViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { type EmailBot, startEmailBot } from '../support/email-bot.ts';
import { formOf, linkTo, open, post } from '../support/mail-links.ts';
import type { ReceivedMail } from '../support/mail-server.ts';

const WEEK = '2026-W47';

let e: EmailBot;
let browser: Browser;
let page: Page;
const mails: Record<string, ReceivedMail> = {};

beforeAll(async () => {
  [e, browser] = await Promise.all([startEmailBot(), launchChromium()]);
  page = await browser.newPage();
  const { ctx } = e.bot;
  const person = (id: string) => findPerson(ctx.programme, id) as Person;
  const first = (id: string, subject: string) =>
    e.mail.to(person(id).email).find((m) => m.subject.startsWith(subject)) as ReceivedMail;
  await sendPrompts(ctx, WEEK);
  await e.platform.chat.send({
    key: `prompt:nicolas:${WEEK}:en`,
    to: { person: person('nicolas') },
    message: { kind: 'prompt', week: WEEK, intrapreneur: 'nicolas' },
    locale: 'en',
  });
  // Alice is released half a day: her manager hears of it on Tuesday, the owners in their digest.
  await recordAnswer(ctx, {
    actor: 'alice',
    week: WEEK,
    change: { field: 'release', release: { kind: 'days', days: 0.5 } },
  });
  e.clock.setParis('2026-11-23', 9, 30);
  await sendReminders(ctx, WEEK);
  e.clock.setParis('2026-11-24', 9);
  await evaluateWeek(ctx, WEEK);
  await e.platform.chat.send({
    key: 'dashboard:claire:1',
    to: { person: person('claire') },
    message: {
      kind: 'dashboard_link',
      url: `${e.http.url}/dashboard?t=x`,
      expiresAt: new Date('2026-11-25T08:00:00Z'),
    },
    locale: 'fr',
  });
  mails.prompt = first('alice', 'Point hebdomadaire');
  mails['prompt in English'] = first('nicolas', 'Weekly check-in');
  mails.reminder = first('nicolas', 'Re:');
  mails['alert to a manager'] = first('isabelle', 'Jour libéré');
  mails.digest = first('claire', 'Synthèse');
  mails['dashboard link'] = first('claire', 'Votre lien');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await e?.close();
});

async function expectAccessible(what: string): Promise<void> {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await accessibilityViolations(page), `${what}, ${width} px wide`).toEqual([]);
    const { scrollWidth, clientWidth } = await page
      .locator('html')
      .evaluate((root) => ({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }));
    expect(scrollWidth, `${what}, ${width} px wide: the mail scrolls sideways`).toBe(clientWidth);
  }
}

describe('the mails', () => {
  it.each(['prompt', 'prompt in English', 'reminder', 'alert to a manager', 'digest', 'dashboard link'])(
    'the %s meets WCAG 2.1 AA, with a heading first and no image',
    async (kind) => {
      const mail = mails[kind] as ReceivedMail;
      await page.setContent(mail.html);
      await expectAccessible(kind);
      expect(await page.locator('img').count()).toBe(0);
      const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      // The subject says the same, an alert's with the name of whom it is about.
      expect(mail.subject.replace(/^Re: /, '')).toContain(heading);
      expect(heading).not.toBe('');
    },
  );
});

describe('the check-in page', () => {
  it('meets WCAG 2.1 AA when a link opens it, once confirmed, in English, and once the week is closed', async () => {
    // The week of the mails above is evaluated: the next one's check-in.
    e.clock.setParis('2026-11-27', 15);
    await sendPrompts(e.bot.ctx, '2026-W48');
    const prompt = e.mail.to('elodie.fournier@example.org').find((m) => m.subject.includes('semaine 48'));
    const url = linkTo(prompt as ReceivedMail, 'Un jour');
    await page.goto(url);
    await expectAccessible('the page a link opens');
    expect(await page.getByRole('radio', { name: 'Un jour', exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForURL(/done=saved/);
    await expectAccessible('the page once confirmed');
    expect(await page.getByRole('status').textContent()).toBe('Votre réponse est enregistrée.');
    await page.goto(`${url}&lang=en`);
    await expectAccessible('the page in English');

    const form = formOf((await open(url)).html);
    e.clock.setParis('2026-12-01', 9);
    await evaluateWeek(e.bot.ctx, '2026-W48');
    expect((await post(url, form)).status).toBe(410);
    await page.goto(url);
    await expectAccessible('the page of a closed week');
  });
});
