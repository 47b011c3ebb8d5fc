// The sandbox and the owner dashboard in a real browser (Debian's Chromium driven by playwright-core), against the real
// `coaching-bot start` in a child process on a fresh database, its clock on Friday 27 November 2026 at 15:00: the
// example weeks are filled in, this week's check-in is waiting. An intrapreneur answers by clicking, a coach logs a
// session; the week is not over, so the owner cannot evaluate it yet. The bot restarted on Monday morning, the owner
// sends the reminders and evaluates the week, and the dashboard shows the alerts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import {
  actAs as actAsIn,
  launchChromium,
  MONDAY,
  restartSandbox,
  type Sandbox,
  screenshotDashboard,
  startSandbox,
  submit,
  WEEK,
} from '../support/browser.ts';
import { exampleProgramme } from '../support/fixtures.ts';

let sandbox: Sandbox;
let browser: Browser;
let base: string;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox(), launchChromium()]);
  base = sandbox.base;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

/** The text as the page renders it (Playwright's innerText, not the DOM property the lint rule is about). */
async function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the user reads
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

/** Back to the sandbox's first page, and pick someone. */
function actAs(page: Page, name: string): Promise<void> {
  return actAsIn(page, base, name);
}

function cell(page: Page, table: 'heatmap' | 'coaching', who: string): Locator {
  return page.locator(`#${table} td[data-intrapreneur="${who}"][data-week="${WEEK}"]`);
}

async function storedAnswer(who: string) {
  const database = openDatabase(sandbox.databaseUrl, { readonly: true });
  try {
    return await new DrizzleStore(database, exampleProgramme().key).getAnswer(who, WEEK);
  } finally {
    closeDatabase(database);
  }
}

describe('the sandbox in a browser', () => {
  it('plays a week: check-in by clicks, a coaching session, reminders, evaluation, alerts on the dashboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));

    // Whom are you? The intrapreneur Alice.
    await page.goto(`${base}/`);
    expect(await text(page.locator('main'))).toContain('Qui êtes-vous ?');
    await submit(page, () => page.getByRole('link', { name: 'Alice Martin' }).click());
    expect(await text(page.locator('h1'))).toContain('Vous êtes Alice Martin');

    // Friday's check-in is there; two clicks and a comment, each recorded at once and shown in the message.
    const prompt = page.locator(`li[data-kind="prompt"][data-week="${WEEK}"]`);
    expect(await text(prompt)).toContain('Point hebdomadaire — semaine 48, du 23 au 27 novembre');
    expect(await text(prompt)).toContain('Pas encore de réponse.');
    await submit(page, () => prompt.getByRole('button', { name: '½', exact: true }).click());
    expect(await text(page.locator('#ephemeral'))).toContain('C’est noté.');
    expect(await text(prompt)).toContain('Enregistré : 0,5 jour');
    expect(await prompt.getByRole('button', { name: '½', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await submit(page, () => prompt.getByRole('button', { name: 'Non' }).click());
    await prompt.getByLabel('Ajouter un commentaire').fill('Réunion de service imprévue');
    await submit(page, () => prompt.getByRole('button', { name: 'Enregistrer le commentaire' }).click());
    expect(await text(prompt)).toContain(
      'Enregistré : 0,5 jour, pas de point de coaching, commentaire : « Réunion de service imprévue »',
    );
    expect(await storedAnswer('alice')).toMatchObject({
      release: { kind: 'days', days: 0.5 },
      coachingHeld: false,
      comment: 'Réunion de service imprévue',
      answeredBy: 'alice',
    });

    // Her coach logs the session she said did not happen; a typo gets a useful answer, not silence.
    await page.locator('#as').selectOption('julien');
    await submit(page, () => page.getByRole('button', { name: 'Voir la page de cette personne' }).click());
    expect(await text(page.locator('h1'))).toContain('Vous êtes Julien Moreau');
    await page.locator('#command').fill('/coaching log @zoe 45min revue du POC');
    await submit(page, () => page.locator('#command').press('Enter'));
    expect(await text(page.locator('#ephemeral'))).toContain(
      'Je ne trouve personne qui corresponde à « zoe »',
    );
    await page.locator('#command').fill('/coaching log @alice 45min revue du POC');
    await submit(page, () => page.locator('#command').press('Enter'));
    const logged = await text(page.locator('#ephemeral'));
    expect(logged).toContain('Visible par vous seul');
    expect(logged).toContain(
      'Séance de coaching enregistrée pour Alice Martin, le 27 novembre 2026 (45 min)',
    );

    // The dashboard before the evaluation: answers are in, Mehdi's is still awaited, no alert for this week.
    await page.goto(`${base}/dashboard`);
    expect(await text(cell(page, 'heatmap', 'alice'))).toContain('½ j ✗');
    expect(await text(cell(page, 'heatmap', 'alice'))).not.toContain('⚠');
    expect(await text(cell(page, 'heatmap', 'mehdi'))).toContain('En attente');
    expect(await text(cell(page, 'coaching', 'alice'))).toContain('≠ Non / séance');

    // The week is not over: the owner cannot evaluate it yet, nor send its reminders.
    await actAs(page, 'Claire Dubois');
    expect(await page.locator('#week').inputValue()).toBe(WEEK);
    await submit(page, () => page.getByRole('button', { name: 'Évaluer la semaine' }).click());
    expect(await text(page.locator('#ephemeral'))).toContain(
      'La semaine 48, du 23 au 27 novembre (2026-W48) n’est pas finie : ses rappels et son évaluation attendent sa fin.',
    );

    // Monday morning, before the scheduled reminder: the bot restarted, the owner sends the reminders by hand.
    sandbox = await restartSandbox(sandbox, MONDAY);
    base = sandbox.base;
    await actAs(page, 'Claire Dubois');
    await page.locator('#week').selectOption(WEEK);
    await submit(page, () => page.getByRole('button', { name: 'Envoyer les rappels' }).click());
    expect(await text(page.locator('#ephemeral'))).toContain('5 rappels envoyés');
    await submit(page, () => page.getByRole('button', { name: 'Envoyer les rappels' }).click());
    expect(await text(page.locator('#ephemeral'))).toContain('personne de plus à relancer');

    // Camille answers from her reminder, through the /checkin form.
    await actAs(page, 'Camille Lambert');
    const reminder = page.locator(`li[data-kind="reminder"][data-week="${WEEK}"]`);
    expect(await text(reminder)).toContain('petit rappel');
    await submit(page, () => reminder.getByRole('button', { name: 'Répondre maintenant' }).click());
    // Last week and this one are both open: she answers last week's.
    const lastWeek = page.locator('#ephemeral .fr-mb-3w').filter({ hasText: 'semaine 48' });
    await submit(page, () => lastWeek.getByRole('button', { name: '1', exact: true }).click());
    expect(await text(page.locator('#ephemeral'))).toContain('Enregistré : 1 jour');

    // The evaluation, by hand, now that the week is over: the owner reads every alert in her digest, the manager gets
    // his report's.
    await actAs(page, 'Claire Dubois');
    await page.locator('#week').selectOption(WEEK);
    await submit(page, () => page.getByRole('button', { name: 'Évaluer la semaine' }).click());
    // Five about the released day and the silences, and one because a coaching point is missing two weeks running.
    expect(await text(page.locator('#ephemeral'))).toContain(
      'Semaine 48, du 23 au 27 novembre évaluée : 6 alertes',
    );
    expect(await page.locator('li[data-kind="alert"]').count()).toBe(0);
    const digest = await text(page.locator('li[data-kind="digest"]').first());
    expect(digest).toContain('Synthèse de la semaine 48');
    expect(digest).toContain('6 alertes :');
    expect(digest).toContain('• Jour libéré non respecté (1) : Alice Martin');
    expect(digest).toMatch(/• Point de coaching manqué deux semaines de suite \(1\) : /);
    await actAs(page, 'Isabelle Roux');
    const alerts = await text(
      page.locator('li[data-kind="alert"]').filter({ hasText: 'Alice Martin' }).first(),
    );
    expect(alerts).toContain('Jour libéré non respecté');
    expect(alerts).toContain('Alice Martin a déclaré 0,5 jour');

    // The dashboard has changed: alert marks, Mehdi's silence now counted, the alert listed as delivered.
    await page.goto(`${base}/dashboard`);
    expect(await text(cell(page, 'heatmap', 'alice'))).toContain('½ j ✗ ⚠');
    expect(await text(cell(page, 'heatmap', 'alice'))).toContain('alerte : Jour libéré non respecté');
    expect(await text(cell(page, 'heatmap', 'mehdi'))).toContain('Sans réponse ⚠');
    expect(await text(cell(page, 'heatmap', 'camille'))).toContain('1 j');
    const row = page.locator(`#alerts tr[data-alert="release_missed:alice:${WEEK}"]`);
    expect(await text(row)).toContain('Isabelle Roux, la synthèse hebdomadaire');
    expect(await text(row)).toContain('1 sur 1 remis');
    const current = page.locator('.cb-phase-list li[aria-current="step"]');
    expect(await text(current)).toMatch(/^Début du programme et de la pré-incubation .* en cours$/i);
    expect(await text(page.locator('.cb-timeline'))).toContain('Aujourd’hui, 30 novembre');

    // The picture the README shows, taken here to a scratch directory (`npm run docs:screenshot` refreshes the
    // README's own): the page down to the coaching grid, 1280 px wide.
    const screenshot = join(mkdtempSync(join(tmpdir(), 'coaching-bot-screenshot-')), 'dashboard.png');
    await screenshotDashboard(page, screenshot);
    expect(readFileSync(screenshot).readUInt32BE(16)).toBe(1280);

    // The CSV export says the same.
    const csv = await (await page.request.get(`${base}/dashboard.csv`)).text();
    expect(csv).toContain(
      `${WEEK};alice;Alice Martin;transport-lycees;manqué;0,5;non;tenu;non;oui;jour libéré non respecté`,
    );
    expect(csv).toContain(
      `${WEEK};mehdi;Mehdi Haddad;formation-pro;sans réponse;;non;sans réponse;;non;pas de réponse`,
    );
    // The design system's scripts found the markup they expect on every page.
    expect(scriptErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('is usable with the keyboard and in English', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/dashboard`);
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#contenu$/);
    // The wide tables scroll with the keyboard: their region takes the focus.
    expect(await page.locator('.cb-scroll').first().getAttribute('tabindex')).toBe('0');

    await submit(page, () => page.getByRole('link', { name: 'English' }).click());
    expect(await text(page.locator('h1'))).toBe('Dashboard');
    expect(await text(page.locator('main'))).toContain('Released day, by intrapreneur and week');

    await page.goto(`${base}/?as=alice&lang=en`);
    expect(await text(page.locator('h1'))).toContain('You are Alice Martin');
    await page.locator('#command').fill('/phase');
    await submit(page, () => page.locator('#command').press('Enter'));
    expect(await text(page.locator('#ephemeral'))).toContain('Only visible to you');
    await page.close();
  }, 60_000);

  it('answers only this machine', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/dashboard']) {
      const response = await page.request.get(`${base}${path}`, {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(response.status(), path).toBe(403);
    }
    const post = await page.request.post(`${base}/sandbox/command`, {
      headers: { origin: 'https://evil.example' },
      form: { as: 'claire', text: '/phase dashboard' },
    });
    expect(post.status()).toBe(403);
    await page.close();
  });
});
