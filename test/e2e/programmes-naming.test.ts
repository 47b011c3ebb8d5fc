// Camille is an intrapreneur in both bundled programmes (`camille` in Hauts-de-France, `kevin` in La Réunion's file,
// the same person by e-mail): a rare case the programme files allow. Each Friday she gets two prompts, each naming
// its programme, and each of her clicks is recorded in the programme of the prompt she clicked — on Slack (Bolt's own
// receiver, requests signed as Slack signs them, the local Slack) and on the sandbox page. A value naming a programme
// the clicker has no role in is refused; values written before the programme was carried still work. The sandbox's
// commands run like Slack's, across the person's programmes.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { silentLogger } from '../../src/app/context.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createSandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import type { FakeMessage, FakeSlack } from '../fakes/slack-server.ts';
import { buttons, type SlackWorkspace, visibleText } from '../fakes/slack-workspace.ts';
import { TestClock } from '../support/fixtures.ts';
import {
  type ProgrammesOnSlack,
  programmesEnv,
  startProgrammesOnSlack,
} from '../support/programmes-slack.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/programmes', import.meta.url));
const HDF = 'startups-de-territoire-hauts-de-france';
const WEEK = '2026-W48';
const IN_HDF = 'Programme : Startups de Territoire — Hauts-de-France';
const IN_REUNION = 'Programme : Startups de Territoire — La Réunion';
const NOT_MEMBER =
  'Ce point hebdomadaire concerne un programme dans lequel vous n’avez pas de rôle : rien n’a été enregistré.';

/** The bundled programmes, with La Réunion's Kévin replaced by Camille of Hauts-de-France (same e-mail). */
function programmesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-naming-'));
  copyFileSync(join(EXAMPLES, 'hauts-de-france.yml'), join(dir, 'hauts-de-france.yml'));
  const reunion = readFileSync(join(EXAMPLES, 'reunion.yml'), 'utf8');
  const kevin = '{ id: kevin, name: Kévin Rivière, email: kevin.riviere@example.org }';
  if (!reunion.includes(kevin)) throw new Error('reunion.yml no longer lists Kévin as expected');
  writeFileSync(
    join(dir, 'reunion.yml'),
    reunion.replace(kevin, '{ id: kevin, name: Camille Lambert, email: camille.lambert@example.org }'),
  );
  return dir;
}

async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function contextOf(runtime: Runtime, key: string): AppContext {
  const ctx = runtime.programmes.get(key);
  if (!ctx) throw new Error(`no programme ${key}`);
  return ctx;
}

describe('on Slack, an intrapreneur in two programmes', () => {
  let s: ProgrammesOnSlack;
  let slack: FakeSlack;
  let runtime: Runtime;
  let workspace: SlackWorkspace;
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);
  const slackId = (email: string) => s.slackId(email);
  const camille = () => slackId('camille.lambert@example.org');
  const alice = () => slackId('alice.martin@example.org');
  const store = (key: string) => contextOf(runtime, key).store;
  /** Camille's prompt of the week, as she sees it now, by the key it was sent under. */
  const promptOf = (user: string, key: string): FakeMessage => {
    const found = slack.directMessages(user).find((m) => m.metadata?.event_payload.key === key);
    if (!found) throw new Error(`no message ${key}`);
    return found;
  };

  beforeAll(async () => {
    s = await startProgrammesOnSlack(programmesDir(), clock);
    ({ slack, runtime, workspace } = s);
    await sendPrompts(contextOf(runtime, HDF), WEEK);
    await sendPrompts(contextOf(runtime, 'reunion'), WEEK);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('gets two prompts, each naming its programme under the week; someone in one programme, hers as before', () => {
    const hdf = visibleText(promptOf(camille(), `${HDF}/prompt:camille:${WEEK}`));
    const reunion = visibleText(promptOf(camille(), `reunion/prompt:kevin:${WEEK}`));
    expect(slack.directMessages(camille())).toHaveLength(2);
    expect(hdf.split('\n').slice(0, 2)).toEqual([
      'Point hebdomadaire — semaine 48, du 23 au 27 novembre',
      IN_HDF,
    ]);
    expect(hdf).not.toContain('La Réunion');
    expect(reunion.split('\n').slice(0, 2)).toEqual([
      'Point hebdomadaire — semaine 48, du 23 au 27 novembre',
      IN_REUNION,
    ]);
    const alone = promptOf(alice(), `${HDF}/prompt:alice:${WEEK}`);
    expect(visibleText(alone)).not.toContain('Programme');
    expect(alone.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'actions',
      'section',
      'actions',
      'actions',
      'context',
    ]);
  });

  it('records each of her clicks in the programme of the prompt she clicked, and redraws it as it was', async () => {
    expect(
      (await workspace.click(camille(), promptOf(camille(), `${HDF}/prompt:camille:${WEEK}`), '1')).status,
    ).toBe(200);
    expect(
      (await workspace.click(camille(), promptOf(camille(), `reunion/prompt:kevin:${WEEK}`), '½')).status,
    ).toBe(200);
    await until(
      async () =>
        (await store(HDF).getAnswer('camille', WEEK)) !== undefined &&
        (await store('reunion').getAnswer('kevin', WEEK)) !== undefined,
      'both answers',
    );
    expect((await store(HDF).getAnswer('camille', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
    expect((await store('reunion').getAnswer('kevin', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 });
    // Redrawn in place, still naming its programme, still under the key it was sent with.
    await slack.until(
      () => slack.directMessages(camille()).every((m) => m.edits > 0),
      'both prompts redrawn',
    );
    const reunion = promptOf(camille(), `reunion/prompt:kevin:${WEEK}`);
    expect(visibleText(reunion)).toContain(IN_REUNION);
    expect(visibleText(reunion)).toContain('Enregistré : 0,5 jour');
    expect(buttons(reunion)[0]?.button.value).toBe(`${WEEK}|release|0|p=reunion`);
  });

  it('saves the comment of her Réunion prompt in La Réunion', async () => {
    const opened = slack.views.size;
    await workspace.click(
      camille(),
      promptOf(camille(), `reunion/prompt:kevin:${WEEK}`),
      'Ajouter un commentaire',
    );
    await slack.until(() => slack.views.size > opened, 'the comment modal');
    const view = [...slack.views.values()].at(-1);
    if (!view) throw new Error('no modal');
    expect(JSON.parse(String(view.view.private_metadata)).programme).toBe('reunion');
    expect((await workspace.submit(camille(), view.id, { comment: 'réunion de service' })).status).toBe(200);
    expect((await store('reunion').getAnswer('kevin', WEEK))?.comment).toBe('réunion de service');
    expect((await store(HDF).getAnswer('camille', WEEK))?.comment).toBeUndefined();
  });

  it('names the programme on her /checkin form and on its redraw, whose clicks reach it', async () => {
    const form = await workspace.ask(camille(), '/checkin', '--programme reunion');
    expect(visibleText(form)).toContain(IN_REUNION);
    expect(buttons(form).every((b) => String(b.button.value).endsWith('|p=reunion'))).toBe(true);
    await workspace.click(camille(), form, 'Oui', { block: `coaching|${WEEK}` });
    await until(
      async () => (await store('reunion').getAnswer('kevin', WEEK))?.coachingHeld === true,
      'the coaching point',
    );
    expect((await store(HDF).getAnswer('camille', WEEK))?.coachingHeld).toBeUndefined();
    await slack.until(() => form.edits > 0, 'the form redrawn');
    expect(visibleText(form)).toContain(IN_REUNION);
  });

  it('refuses a value naming a programme the clicker has no role in, and records nothing', async () => {
    const prompt = promptOf(alice(), `${HDF}/prompt:alice:${WEEK}`);
    const payload = workspace.clickPayload(alice(), prompt, '1');
    const [action] = payload.actions as { value: string }[];
    if (!action) throw new Error('no action');
    expect(action.value).toBe(`${WEEK}|release|1|p=${HDF}`);
    action.value = `${WEEK}|release|1|p=reunion`;
    const before = slack.ephemerals.length;
    expect((await workspace.signed('interactive', payload).send()).status).toBe(200);
    await slack.until(() => slack.ephemerals.length > before, 'the refusal');
    expect(slack.ephemerals.at(-1)).toMatchObject({ user: alice(), text: NOT_MEMBER });
    expect(await store(HDF).getAnswer('alice', WEEK)).toBeUndefined();
    expect(await store('reunion').getAnswer('alice', WEEK)).toBeUndefined();
  });

  it('still takes values written without the programme: for the person’s only programme, else asks', async () => {
    const old = (user: string, key: string, label: string) => {
      const payload = workspace.clickPayload(user, promptOf(user, key), label);
      const [action] = payload.actions as { value: string }[];
      if (action) action.value = action.value.replace(/\|p=[a-z0-9-]+$/, '');
      return workspace.signed('interactive', payload).send();
    };
    await old(alice(), `${HDF}/prompt:alice:${WEEK}`, '2 et plus');
    await until(async () => (await store(HDF).getAnswer('alice', WEEK)) !== undefined, 'Alice’s answer');
    expect((await store(HDF).getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 2 });
    const before = slack.ephemerals.length;
    await old(camille(), `reunion/prompt:kevin:${WEEK}`, '2 et plus');
    await slack.until(() => slack.ephemerals.length > before, 'the question');
    expect(slack.ephemerals.at(-1)?.text).toBe(
      'Ce point hebdomadaire peut concerner plusieurs de vos programmes : répondez avec `/checkin --programme &lt;programme&gt;`.',
    );
    expect((await store('reunion').getAnswer('kevin', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 });
  });
});

describe('on the sandbox, an intrapreneur in two programmes', () => {
  let runtime: Runtime;
  let http: HttpServer;
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);
  const store = (key: string) => contextOf(runtime, key).store;

  beforeAll(async () => {
    const env = programmesEnv(programmesDir());
    runtime = await openRuntime(env, {
      logger: silentLogger,
      clock,
      platforms: (deps) => [createSandboxPlatform(deps, env)],
    });
    const [platform] = runtime.platforms;
    if (!platform) throw new Error('no sandbox');
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: platform.routes,
    });
    await sendPrompts(contextOf(runtime, HDF), WEEK);
    await sendPrompts(contextOf(runtime, 'reunion'), WEEK);
  });
  afterAll(async () => {
    await http?.close();
    await runtime?.close();
  });

  const page = async (path: string) => (await fetch(`${http.url}${path}`)).text();
  /** Posts a form of the page and reads the page it leads back to. */
  async function post(path: string, form: Record<string, string>): Promise<string> {
    const response = await fetch(`${http.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    return page(response.headers.get('location') ?? '/');
  }
  const click = (p: string, form: Record<string, string>) =>
    post(`/sandbox/answer?p=${p}`, { week: WEEK, ...form });
  const typed = (p: string, as: string, text: string) =>
    post(`/sandbox/command?p=${p}`, { as, text, once: crypto.randomUUID() });

  it('shows each programme’s prompt naming it, records each click there; someone in one programme sees hers as before', async () => {
    const hdf = await page(`/?p=${HDF}&as=camille`);
    expect(hdf).toContain(`<p class="fr-text--sm fr-mb-1w cb-programme">${IN_HDF}</p>`);
    expect(hdf).not.toContain(`cb-programme">${IN_REUNION}`);
    expect(hdf).toContain(`<input type="hidden" name="programme" value="${HDF}">`);
    const reunion = await page('/?p=reunion&as=kevin');
    expect(reunion).toContain(`<p class="fr-text--sm fr-mb-1w cb-programme">${IN_REUNION}</p>`);
    expect(await page(`/?p=${HDF}&as=alice`)).not.toContain('cb-programme');
    // Each click is recorded in the programme of its form.
    await click(HDF, {
      as: 'camille',
      intrapreneur: 'camille',
      field: 'release',
      value: '1',
      programme: HDF,
    });
    await click('reunion', {
      as: 'kevin',
      intrapreneur: 'kevin',
      field: 'release',
      value: '0.5',
      programme: 'reunion',
    });
    expect((await store(HDF).getAnswer('camille', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
    expect((await store('reunion').getAnswer('kevin', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 });
  });

  it('answers /checkin of her other programme on this page, and its clicks go there', async () => {
    const shown = await typed(HDF, 'camille', '/checkin --programme reunion');
    expect(shown).toContain(`<p class="fr-text--sm cb-programme">${IN_REUNION}</p>`);
    expect(shown).toContain('<input type="hidden" name="programme" value="reunion">');
    expect(shown).toContain('<input type="hidden" name="intrapreneur" value="kevin">');
    // The form posts to this page's programme, and names its own.
    await click(HDF, {
      as: 'camille',
      intrapreneur: 'kevin',
      field: 'coaching',
      value: 'yes',
      programme: 'reunion',
    });
    expect((await store('reunion').getAnswer('kevin', WEEK))?.coachingHeld).toBe(true);
    expect((await store(HDF).getAnswer('camille', WEEK))?.coachingHeld).toBeUndefined();
  });

  it('refuses a form naming a programme the person has no role in, and records nothing', async () => {
    const shown = await click(HDF, {
      as: 'alice',
      intrapreneur: 'alice',
      field: 'release',
      value: '1',
      programme: 'reunion',
    });
    expect(shown).toContain(NOT_MEMBER);
    expect(await store(HDF).getAnswer('alice', WEEK)).toBeUndefined();
    expect(await store('reunion').getAnswer('alice', WEEK)).toBeUndefined();
  });

  it('answers /phase with a line per programme to a coach in both, and logs a session where the intrapreneur is', async () => {
    const phase = await typed(HDF, 'sophie', '/phase');
    expect(phase).toContain('Vos programmes :');
    expect(phase).toContain('• Startups de Territoire — La Réunion (<code>reunion</code>)');
    expect(phase).toContain(`• Startups de Territoire — Hauts-de-France (<code>${HDF}</code>)`);
    expect(await typed(HDF, 'sophie', '/coaching log @lea hier 1h cadrage')).toContain(
      'Séance de coaching enregistrée pour Léa Grondin',
    );
    expect(await typed(HDF, 'sophie', '/coaching log @mehdi hier 45min revue')).toContain(
      'Séance de coaching enregistrée pour Mehdi Haddad',
    );
    const logged = async (key: string) =>
      (await store(key).listCoachingSessions({})).map((s) => `${s.loggedBy}→${s.intrapreneur}:${s.notes}`);
    expect(await logged('reunion')).toEqual(['sophie→lea:cadrage']);
    expect(await logged(HDF)).toEqual(['sophie→mehdi:revue']);
  });
});
