// Refreshes the pictures of docs/email.md (`npm run docs:email-screenshots`): the weekly check-in mail as it reached
// a real SMTP server, and the page its « Une demi-journée » link opens, both in Debian's Chromium. The bot runs in
// this process on a fresh database, its clock on Friday 20 November 2026; the links point at it. The tests never
// write these files.
import { fileURLToPath } from 'node:url';
import { sendPrompts } from '../src/app/prompts.ts';
import { launchChromium } from '../test/support/browser.ts';
import { startEmailBot } from '../test/support/email-bot.ts';
import { linkTo } from '../test/support/mail-links.ts';

const target = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

const bot = await startEmailBot();
const browser = await launchChromium();
try {
  await sendPrompts(bot.bot.ctx, '2026-W47');
  const [mail] = bot.mail.to('alice.martin@example.org');
  if (!mail) throw new Error('no check-in mail for Alice');

  const page = await browser.newPage({ viewport: { width: 720, height: 300 } });
  await page.setContent(mail.html);
  await page.screenshot({ path: target('email-checkin.png'), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(linkTo(mail, 'Une demi-journée (½)'));
  await page.screenshot({ path: target('email-confirmation.png'), fullPage: true });
  console.log(`wrote ${target('email-checkin.png')} and ${target('email-confirmation.png')}`);
} finally {
  await browser.close();
  await bot.close();
}
