// A picture of the committee pack's page for the docs (`npm run docs:pack-screenshot [FILE]`, docs/committee-pack.png
// unless told): the sandbox on a fresh database with its example weeks, the Monday after the week of the browser
// tests, and Debian's Chromium taking the first project's pack, down to its first intrapreneur's week-by-week
// table. The tests never write this file.
import { fileURLToPath } from 'node:url';
import { launchChromium, MONDAY, startSandbox } from '../test/support/browser.ts';

const target = process.argv[2] ?? fileURLToPath(new URL('../docs/committee-pack.png', import.meta.url));

const sandbox = await startSandbox({ start: MONDAY });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${sandbox.base}/dashboard/projects/transport-lycees`);
  const weeks = await page.locator('table[id$="-weeks"]').first().boundingBox();
  await page.screenshot({
    path: target,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: Math.ceil((weeks?.y ?? 0) + (weeks?.height ?? 900) + 24) },
  });
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
  await sandbox.stop();
}
