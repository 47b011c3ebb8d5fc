// Every page the sandbox and the dashboard show, as each role sees them, in French and in English, checked in Debian's
// Chromium by axe-core against the WCAG 2.1 A and AA rules, at a desktop width and at 320 CSS px (WCAG 1.4.10,
// reflow: nothing but the wide tables, each in its own focusable scroll box, may scroll sideways). No rule is turned
// off: a failure lists each violation with its rule and the element it is on.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectAccessibleNow } from '../support/axe.ts';
import {
  launchChromium,
  MONDAY,
  restartSandbox,
  type Sandbox,
  startSandbox,
  submit,
  WEEK,
} from '../support/browser.ts';

const LANGUAGES = ['fr', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/** The sandbox page as someone (or the chooser), in a language: French is the example programme's own. */
function sandboxUrl(lang: Language, as?: string): string {
  const params = new URLSearchParams({ ...(as ? { as } : {}), ...(lang === 'en' ? { lang } : {}) });
  return `${sandbox.base}/${params.size ? `?${params}` : ''}`;
}

/** Types a command in the sandbox's command box; the page comes back with its ephemeral answer. */
async function command(page: Page, text: string): Promise<void> {
  await page.locator('#command').fill(text);
  await submit(page, () => page.locator('#command').press('Enter'));
}

// The tests run in order on one sandbox: the open check-in forms first, then the owner evaluates the week (which
// closes them for everyone but the owners), then the alerts and the dashboard.
describe.each(LANGUAGES)('the pages in %s', (lang) => {
  const en = lang === 'en';

  it('the chooser, the owner with the week buttons, the coach, the manager', async () => {
    const page = await browser.newPage();
    await page.goto(sandboxUrl(lang));
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await expectAccessible(page, 'the chooser');

    await page.goto(sandboxUrl(lang, 'claire'));
    expect(await page.locator('button[name="job"]').count()).toBe(3);
    await expectAccessible(page, 'the owner');
    await command(page, '/phase dashboard');
    // The link comes as a message of its own, with its long signed address.
    expect(
      await page.locator('li[data-kind="dashboard_link"]').first().locator('a[href*="/dashboard"]').count(),
    ).toBe(1);
    await expectAccessible(page, 'the owner with the dashboard link');

    await page.goto(sandboxUrl(lang, 'julien'));
    await expectAccessible(page, 'the coach');
    await command(page, '/coaching log @zoe 45min');
    expect(await page.locator('#ephemeral.cb-ephemeral--error').count()).toBe(1);
    await expectAccessible(page, 'the coach with an error');

    await page.goto(sandboxUrl(lang, 'isabelle'));
    // Élodie missed a released day in the example weeks: her manager was told.
    expect(await page.locator('li[data-kind="alert"]').count()).toBe(1);
    await expectAccessible(page, 'the manager with alerts');
    await page.close();
  }, 120_000);

  it('the intrapreneur with an open check-in form, in the message and after /checkin', async () => {
    const page = await browser.newPage();
    await page.goto(sandboxUrl(lang, 'alice'));
    const prompt = page.locator(`li[data-kind="prompt"][data-week="${WEEK}"]`);
    // Six choices for the released day, yes and no for the coaching point, and the comment box: the form is open.
    expect(await prompt.locator('button[aria-pressed]').count()).toBe(8);
    expect(await prompt.locator('textarea').count()).toBe(1);
    await expectAccessible(page, 'the intrapreneur');

    await command(page, '/checkin');
    expect(await page.locator('#ephemeral button[aria-pressed]').count()).toBe(8);
    await expectAccessible(page, 'the intrapreneur after /checkin');

    // A click in the ephemeral form: the answer is recorded and said, the message's form shows the choice pressed.
    await submit(page, () =>
      page
        .locator('#ephemeral')
        .getByRole('button', { name: en ? 'No' : 'Non', exact: true })
        .click(),
    );
    expect(await page.locator('#ephemeral').textContent()).toContain(
      en ? 'no coaching point' : 'pas de point de coaching',
    );
    expect(await prompt.locator('button[aria-pressed="true"]').count()).toBe(1);
    await expectAccessible(page, 'the intrapreneur after a click');
    await page.close();
  }, 120_000);
});

describe('after the evaluation of the week', () => {
  beforeAll(async () => {
    // A week is evaluated once it is over: the bot restarts on the Monday after, on the same database.
    sandbox = await restartSandbox(sandbox, MONDAY);
    const page = await browser.newPage();
    await page.goto(sandboxUrl('fr', 'claire'));
    await page.locator('#week').selectOption(WEEK);
    await submit(page, () => page.locator('button[name="job"][value="reminder"]').click());
    await page.locator('#week').selectOption(WEEK);
    await submit(page, () => page.locator('button[name="job"][value="evaluate"]').click());
    expect(await page.locator('#ephemeral').textContent()).toContain('7 alertes');
    await page.close();
  }, 60_000);

  it.each(LANGUAGES)(
    'the owner with the evaluation, the alerts and the digest, in %s',
    async (lang) => {
      const page = await browser.newPage();
      await page.goto(sandboxUrl(lang, 'claire'));
      // A digest for each of the six example weeks, and this week's.
      expect(await page.locator('li[data-kind="digest"]').count()).toBe(7);
      await expectAccessible(page, 'the owner after the evaluation');
      // Evaluated again, for the answer in the ephemeral box.
      await page.locator('#week').selectOption(WEEK);
      await submit(page, () => page.locator('button[name="job"][value="evaluate"]').click());
      expect(await page.locator('#ephemeral').count()).toBe(1);
      await expectAccessible(page, 'the owner with the answer to an evaluation');
      await page.close();
    },
    60_000,
  );

  it.each(LANGUAGES)(
    'an intrapreneur with a reminder and a closed check-in, in %s',
    async (lang) => {
      const page = await browser.newPage();
      await page.goto(sandboxUrl(lang, 'camille'));
      expect(await page.locator(`li[data-kind="reminder"][data-week="${WEEK}"]`).count()).toBe(1);
      expect(
        await page.locator(`li[data-kind="prompt"][data-week="${WEEK}"] button[aria-pressed]`).count(),
      ).toBe(0);
      await expectAccessible(page, 'the intrapreneur after the evaluation');
      await page.close();
    },
    60_000,
  );

  it.each(LANGUAGES)(
    'the dashboard with six weeks of answers and the alerts, in %s',
    async (lang) => {
      const page = await browser.newPage();
      await page.goto(`${sandbox.base}/dashboard${lang === 'en' ? '?lang=en' : ''}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('#heatmap tbody tr').count()).toBe(6);
      // The intrapreneurs' column, the six example weeks, the evaluated week 48 and this one (Monday after).
      expect(await page.locator('#heatmap thead th[scope="col"]').count()).toBe(9);
      expect(await page.locator(`#alerts tr[data-alert$=":${WEEK}"]`).count()).toBe(7);
      await expectAccessible(page, 'the dashboard');
      // The wide tables scroll in their own box, which the keyboard can reach.
      await page.setViewportSize({ width: 320, height: 900 });
      for (const table of ['#heatmap', '#coaching', '#alerts']) {
        const box = page.locator(`[tabindex="0"]:has(> ${table}), [tabindex="0"]:has(> * > ${table})`);
        expect(await box.evaluate((e) => e.scrollWidth > e.clientWidth), table).toBe(true);
      }
      // On a narrow screen the navigation hides behind the menu button; opened, it is checked too.
      await page.locator('#header-menu-button').click();
      await page.locator('#header-menu .fr-nav__link').first().waitFor({ state: 'visible' });
      await expectAccessibleNow(page, 'the dashboard with its menu open');
      await page.close();
    },
    60_000,
  );

  it('the page that refuses another machine', async () => {
    const page = await browser.newPage({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.9' } });
    const response = await page.goto(`${sandbox.base}/dashboard`);
    expect(response?.status()).toBe(403);
    await expectAccessible(page, 'the refusal');
    await page.close();
  }, 60_000);
});
