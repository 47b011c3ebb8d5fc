// The committee pack's page in Debian's Chromium: no WCAG 2.1 A/AA violation (axe-core) in French and in English, at a
// desktop width and at 320 CSS px; the notes chosen with the keyboard alone; and printed, one project per page with
// nothing of the page's frame — checked on the PDF Chromium prints, read back.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium, MONDAY, type Sandbox, startSandbox } from '../support/browser.ts';
import { readPdf } from '../support/pdf.ts';

let sandbox: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ start: MONDAY }), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('the committee pack’s page', () => {
  it.each(['fr', 'en'])(
    'has no accessibility violation, for one project and for all, in %s',
    async (lang) => {
      const page = await browser.newPage();
      const english: Record<string, string> = lang === 'en' ? { lang } : {};
      await page.goto(`${sandbox.base}/dashboard/projects/aides-entreprises?${new URLSearchParams(english)}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('h1').textContent()).toBe(
        lang === 'en'
          ? 'Strategic committee pack — Aides régionales aux entreprises'
          : 'Dossier du comité stratégique — Aides régionales aux entreprises',
      );
      await expectAccessible(page, 'one project');
      await page.goto(
        `${sandbox.base}/dashboard/projects?${new URLSearchParams({ ...english, notes: '1' })}`,
      );
      expect(await page.locator('article.cb-pack-project').count()).toBe(6);
      await expectAccessible(page, 'every project, with the notes');
      await page.close();
    },
    120_000,
  );

  it('lets the notes be chosen with the keyboard alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.base}/dashboard/projects/transport-lycees`);
    expect(await page.locator('td.cb-pack-notes').count()).toBe(0);
    await page.locator('#notes').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('notes')).toBe('1');
    expect(await page.locator('#notes-statement').textContent()).toContain(
      'Ce dossier contient les notes des coachs.',
    );
    expect(await page.locator('td.cb-pack-notes').first().textContent()).toBe('revue du POC');
    // The PDF link keeps the choice.
    expect(await page.locator('#pdf').getAttribute('href')).toBe(
      '/dashboard/projects/transport-lycees.pdf?notes=1',
    );
    await page.close();
  }, 60_000);

  it('prints one project per page, without the header, the menu, the form or the footer', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.base}/dashboard/projects`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      '.fr-header',
      '.fr-footer',
      '.cb-pack-options',
      '.cb-pack-download',
      '.cb-pack-toc',
    ])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    const printed = await readPdf(await page.pdf({ format: 'A4', printBackground: true }));
    const projects = await page.locator('article.cb-pack-project h2').allTextContents();
    expect(projects).toHaveLength(6);
    // Each project's name opens a page of its own; the first page is the pack's title and period.
    const firstLines = printed.pages.map((text) => text.trim().split('\n')[0]?.trim());
    expect(firstLines[0]).toBe('Dossier du comité stratégique');
    for (const name of projects) expect(firstLines, name).toContain(name);
    expect(printed.pages.join('\n')).not.toContain('Aller au contenu');
    await page.close();
  }, 60_000);
});
