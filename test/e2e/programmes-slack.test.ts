// One Slack app for two programmes (the bundled Hauts-de-France and La Réunion), through Bolt's own receiver and
// requests signed as Slack signs them, against the local Slack. Sophie coaches in both: each /coaching log lands in
// the programme of the intrapreneur she names, and /phase answers one line per programme. Julien coaches in
// Hauts-de-France only: La Réunion's intrapreneurs are unknown to him. Léa's click on her prompt is recorded in La
// Réunion, where she is.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import type { Runtime } from '../../src/runtime.ts';
import type { FakeSlack } from '../fakes/slack-server.ts';
import type { SlackWorkspace } from '../fakes/slack-workspace.ts';
import { TestClock } from '../support/fixtures.ts';
import { type ProgrammesOnSlack, startProgrammesOnSlack } from '../support/programmes-slack.ts';

const DIR = fileURLToPath(new URL('../../examples/programmes', import.meta.url));
const HDF = 'startups-de-territoire-hauts-de-france';

describe('one Slack app, two programmes', () => {
  let s: ProgrammesOnSlack;
  let slack: FakeSlack;
  let runtime: Runtime;
  let workspace: SlackWorkspace;
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);
  const slackId = (email: string) => s.slackId(email);

  beforeAll(async () => {
    s = await startProgrammesOnSlack(DIR, clock);
    ({ slack, runtime, workspace } = s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const store = (key: string) => {
    const ctx = runtime.programmes.get(key);
    if (!ctx) throw new Error(`no programme ${key}`);
    return ctx.store;
  };
  const mention = (email: string) => `<@${slackId(email)}>`;

  it('logs each of Sophie’s sessions in the programme of the intrapreneur she names', async () => {
    const sophie = slackId('sophie.girard@example.org');
    const inReunion = await workspace.ask(
      sophie,
      '/coaching',
      `log ${mention('lea.grondin@example.org')} hier 1h cadrage`,
    );
    expect(inReunion.text).toContain('Séance de coaching enregistrée pour Léa Grondin');
    const inHdf = await workspace.ask(
      sophie,
      '/coaching',
      `log ${mention('camille.lambert@example.org')} hier 45min revue`,
    );
    expect(inHdf.text).toContain('Séance de coaching enregistrée pour Camille Lambert');
    const logged = async (key: string) =>
      (await store(key).listCoachingSessions({}))
        .filter((s) => s.notes === 'cadrage' || s.notes === 'revue')
        .map((s) => `${s.loggedBy}→${s.intrapreneur}`);
    expect(await logged('reunion')).toEqual(['sophie→lea']);
    expect(await logged(HDF)).toEqual(['sophie→camille']);
  });

  it('answers /phase with one line per programme to Sophie, and her one programme to Julien', async () => {
    const summary = await workspace.ask(slackId('sophie.girard@example.org'), '/phase');
    expect(summary.text.split('\n').slice(0, 3)).toEqual([
      'Vos programmes :',
      '• Startups de Territoire — Hauts-de-France (`startups-de-territoire-hauts-de-france`) — phase en cours : Début du programme et de la pré-incubation ; prochaine étape : Présentation des preuves de concept au comité stratégique',
      '• Startups de Territoire — La Réunion (`reunion`) — phase en cours : Pré-incubation ; prochaine étape : Comité des preuves de concept',
    ]);
    const julien = await workspace.ask(slackId('julien.moreau@example.org'), '/phase');
    expect(julien.text).not.toContain('La Réunion');
  });

  it('keeps La Réunion from Julien, who coaches in Hauts-de-France only', async () => {
    const julien = slackId('julien.moreau@example.org');
    const reply = await workspace.ask(
      julien,
      '/coaching',
      `log ${mention('lea.grondin@example.org')} hier 1h intrusion`,
    );
    expect(reply.text).not.toContain('enregistrée');
    expect((await store('reunion').listCoachingSessions({})).some((s) => s.notes === 'intrusion')).toBe(
      false,
    );
    const named = await workspace.ask(julien, '/phase', '--programme reunion');
    expect(named.text).toBe(
      'Vous n’avez pas de rôle dans le programme « reunion ». Tapez la commande sans --programme pour voir vos programmes.',
    );
  });

  it('records Léa’s click on her prompt in La Réunion', async () => {
    const reunion = runtime.programmes.get('reunion');
    if (!reunion) throw new Error('no reunion');
    await sendPrompts(reunion, '2026-W48');
    const lea = slackId('lea.grondin@example.org');
    const [prompt] = slack.directMessages(lea);
    if (!prompt) throw new Error('no prompt for Léa');
    expect(prompt.metadata?.event_payload.key).toBe('reunion/prompt:lea:2026-W48');
    const reply = await workspace.click(lea, prompt, '1');
    expect(reply.status).toBe(200);
    // Answered after the acknowledgement: wait for it to be stored.
    const deadline = Date.now() + 10_000;
    while (!(await store('reunion').getAnswer('lea', '2026-W48')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await store('reunion').getAnswer('lea', '2026-W48'))?.release).toEqual({ kind: 'days', days: 1 });
  });
});
