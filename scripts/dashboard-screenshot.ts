// Refreshes docs/dashboard.png, the dashboard the README shows (`npm run docs:screenshot`): the sandbox on a fresh
// database, its clock on Friday 27 November 2026, plays the week the browser test plays (Alice answers ½ day and no
// coaching point, her coach logs a session; on Monday the owner sends the reminders, Camille answers, the owner
// evaluates), then
// Debian's Chromium takes the dashboard down to the coaching grid. The tests never write this file.
import { fileURLToPath } from 'node:url';
import {
  actAs,
  launchChromium,
  MONDAY,
  restartSandbox,
  screenshotDashboard,
  startSandbox,
  submit,
  WEEK,
} from '../test/support/browser.ts';

const target = fileURLToPath(new URL('../docs/dashboard.png', import.meta.url));

let sandbox = await startSandbox();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let { base } = sandbox;
  const command = async (text: string) => {
    await page.locator('#command').fill(text);
    await submit(page, () => page.locator('#command').press('Enter'));
  };

  await actAs(page, base, 'Alice Martin');
  const prompt = page.locator(`li[data-kind="prompt"][data-week="${WEEK}"]`);
  await submit(page, () => prompt.getByRole('button', { name: '½', exact: true }).click());
  await submit(page, () => prompt.getByRole('button', { name: 'Non' }).click());
  await prompt.getByLabel('Ajouter un commentaire').fill('Réunion de service imprévue');
  await submit(page, () => prompt.getByRole('button', { name: 'Enregistrer le commentaire' }).click());

  await actAs(page, base, 'Julien Moreau');
  await command('/coaching log @alice 45min revue du POC');

  // The week is over on Monday morning: the owner sends the reminders and, later, evaluates it.
  sandbox = await restartSandbox(sandbox, MONDAY);
  base = sandbox.base;
  await actAs(page, base, 'Claire Dubois');
  await page.locator('#week').selectOption(WEEK);
  await submit(page, () => page.getByRole('button', { name: 'Envoyer les rappels' }).click());

  await actAs(page, base, 'Camille Lambert');
  const reminder = page.locator(`li[data-kind="reminder"][data-week="${WEEK}"]`);
  await submit(page, () => reminder.getByRole('button', { name: 'Répondre maintenant' }).click());
  const lastWeek = page.locator('#ephemeral .fr-mb-3w').filter({ hasText: 'semaine 48' });
  await submit(page, () => lastWeek.getByRole('button', { name: '1', exact: true }).click());

  await actAs(page, base, 'Claire Dubois');
  await page.locator('#week').selectOption(WEEK);
  await submit(page, () => page.getByRole('button', { name: 'Évaluer la semaine' }).click());
  const evaluated = (await page.locator('#ephemeral').textContent()) ?? '';
  // The same week as the browser test's, or no picture: a README showing another state would mislead.
  if (!evaluated.includes('6 alertes')) throw new Error(`the week did not play as expected: ${evaluated}`);

  await page.goto(`${base}/dashboard`);
  await screenshotDashboard(page, target);
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
  await sandbox.stop();
}
