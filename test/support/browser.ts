// The real `coaching-bot start` with the sandbox in a child process on a fresh database, its clock on Friday 27
// November 2026 at 15:00 (the example weeks are filled in, this week's check-in is waiting) — then, on the same
// database, on Monday morning, once the week is over and may be evaluated — and Debian's Chromium to look at it.
// Shared by the browser tests and by `npm run docs:screenshot`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { instantAt } from '../../src/core/calendar.ts';
import { type Child, ROOT, startChild } from './child.ts';

export const WEEK = '2026-W48';
/** Friday of that week, after the check-in went out. */
export const FRIDAY = instantAt('2026-11-27', 15, 0, 'Europe/Paris');
/** The Monday after, before the scheduled reminders: the week is over, the owner may play the rest by hand. */
export const MONDAY = instantAt('2026-11-30', 9, 0, 'Europe/Paris');

export interface Sandbox {
  bot: Child;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The bot on a fresh database (or on `databaseUrl`), its clock starting at `start`. */
export async function startSandbox(
  options: { start?: Date; databaseUrl?: string; programmeFile?: string } = {},
): Promise<Sandbox> {
  const databaseUrl =
    options.databaseUrl ?? `file:${join(mkdtempSync(join(tmpdir(), 'coaching-bot-sandbox-')), 'bot.db')}`;
  const bot = startChild(['--import', 'tsx', 'test/support/sandbox-child.ts'], {
    PROGRAMME_FILE: options.programmeFile ?? join(ROOT, 'examples/programme.yml'),
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    CLOCK_START: (options.start ?? FRIDAY).toISOString(),
  });
  const [, base] = (await bot.line(/Bac à sable : ouvrez (http:\/\/127\.0\.0\.1:\d+)\//)) as [string, string];
  return {
    bot,
    base,
    databaseUrl,
    stop: async () => {
      bot.process.kill('SIGTERM');
      await bot.exited;
    },
  };
}

/** The same database, the bot stopped and started again with its clock at `start` (it listens on a new port). */
export async function restartSandbox(sandbox: Sandbox, start: Date): Promise<Sandbox> {
  await sandbox.stop();
  return startSandbox({ start, databaseUrl: sandbox.databaseUrl });
}

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Clicks (or presses) something that submits a form, and waits for the page it leads to. */
export async function submit(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

/** Back to the sandbox's first page, and pick someone. */
export async function actAs(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/`);
  await submit(page, () => page.getByRole('link', { name }).click());
}

/** The dashboard down to the coaching grid, as the README shows it (the page must be 1280 px wide). */
export async function screenshotDashboard(page: Page, path: string): Promise<void> {
  const coaching = await page.locator('section[aria-labelledby="coaching-title"]').boundingBox();
  await page.screenshot({
    path,
    fullPage: true,
    clip: {
      x: 0,
      y: 0,
      width: 1280,
      height: Math.ceil((coaching?.y ?? 0) + (coaching?.height ?? 900)),
    },
  });
}
