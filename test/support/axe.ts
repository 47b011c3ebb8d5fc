// axe-core, the accessibility engine, run inside a page that playwright-core drives, with the rules of WCAG 2.1 levels
// A and AA. The violations come back as one readable line per element (rule, where, what to fix), so that a failing
// test says what to change.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** `rule-id: selector — summary` for each element that breaks a WCAG 2.1 A or AA rule; none on an accessible page. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (`script-src 'self'`) does not
  // govern: a <script> tag would be refused, and loosening the policy for the test would test another page.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const results = await page.locator('html').evaluate(
    (root, tags) =>
      (globalThis as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResults> } }).axe.run(root, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_21_AA,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`,
    ),
  );
}

/** The widths a page is checked at: a desktop window, and 320 CSS px (WCAG's reflow). */
export const WIDTHS = [1280, 320];

/** No WCAG 2.1 A/AA violation in what the page shows now, and the page itself no wider than the window. */
export async function expectAccessibleNow(page: Page, what: string): Promise<void> {
  const width = page.viewportSize()?.width;
  expect(await accessibilityViolations(page), `${what}, ${width} px wide`).toEqual([]);
  const { scrollWidth, clientWidth } = await page
    .locator('html')
    .evaluate((root) => ({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }));
  expect(scrollWidth, `${what}, ${width} px wide: the page scrolls sideways`).toBe(clientWidth);
}

/** The same at each width, back to the widest after. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessibleNow(page, what);
  }
  await page.setViewportSize({ width: WIDTHS[0] ?? 1280, height: 900 });
}
