// The sandbox over the bundled directory of two programmes, in Debian's Chromium: the national view side by side
// (axe-clean in both languages at 1280 and 320 px, every programme's dashboard reached with the keyboard alone), and a
// programme's sandbox page with its picker.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium, type Sandbox, startSandbox, submit } from '../support/browser.ts';
import { ROOT } from '../support/child.ts';

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([
    startSandbox({ programmeFile: join(ROOT, 'examples/programmes') }),
    launchChromium(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('two programmes in the sandbox', () => {
  it('shows the national view, accessible in both languages', async () => {
    const page = await browser.newPage();
    for (const lang of ['fr', 'en']) {
      await page.goto(`${sandbox.base}/overview${lang === 'en' ? '?lang=en' : ''}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(
        await page.locator('#overview tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.programme)),
      ).toEqual(['startups-de-territoire-hauts-de-france', 'reunion']);
      await expectAccessible(page, `the national view (${lang})`);
    }
    await page.close();
  });

  it('reaches each programme’s dashboard from the national view with the keyboard alone', async () => {
    const page = await browser.newPage();
    for (const [i, name] of ['Hauts-de-France', 'La Réunion'].entries()) {
      await page.goto(`${sandbox.base}/overview`);
      const link = page.locator('#overview tbody th a').nth(i);
      // Tab until the link has the focus, then Enter.
      for (
        let tabs = 0;
        tabs < 40 && !(await link.evaluate((a) => a === a.ownerDocument.activeElement));
        tabs++
      ) {
        await page.keyboard.press('Tab');
      }
      expect(await link.evaluate((a) => a === a.ownerDocument.activeElement)).toBe(true);
      await submit(page, () => page.keyboard.press('Enter'));
      expect(await page.locator('.fr-text--lead').first().textContent()).toContain(name);
    }
    await page.close();
  });

  it('shows a programme’s own page, with a picker to the other and to the national view', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.base}/?p=reunion&as=lea`);
    expect(await page.locator('h1').first().textContent()).toContain('Léa Grondin');
    await expectAccessible(page, 'La Réunion, as Léa');
    const picker = page.getByRole('link', { name: 'Passer à Startups de Territoire — Hauts-de-France' });
    await submit(page, () => picker.click());
    expect(new URL(page.url()).searchParams.get('p')).toBe('startups-de-territoire-hauts-de-france');
    await submit(page, () => page.getByRole('link', { name: 'Vue nationale' }).click());
    expect(new URL(page.url()).pathname).toBe('/overview');
    await page.close();
  });
});
