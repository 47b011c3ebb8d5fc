// One Mattermost bot account for two programmes (the bundled Hauts-de-France and La Réunion), the real
// `@mattermost/client` against the local Mattermost, requests posted as Mattermost posts them. Sophie coaches in both:
// each /coaching log lands in the programme of the intrapreneur she names, and /phase answers one line per programme.
// Léa's click on her prompt is recorded in La Réunion, where she is; Claire, owner of both, answers for Kévin there. A
// person of Hauts-de-France acts on nothing of La Réunion: neither Léa's buttons nor a context altered, forged or
// signed for another programme.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { promptKey, sendPrompts } from '../../src/app/prompts.ts';
import type { Env } from '../../src/config/env.ts';
import type { Person } from '../../src/core/programme.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createMattermostPlatform } from '../../src/platforms/mattermost/index.ts';
import { ContextSigner } from '../../src/platforms/mattermost/signing.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import {
  actionsOf,
  click,
  conversation,
  slashCommand,
  submitDialog,
} from '../fakes/mattermost-integrations.ts';
import { FakeMattermost, type FakePost, type FakeUser } from '../fakes/mattermost-server.ts';
import { BOT_TOKEN, TEAM, usernameOf } from '../fakes/mattermost-world.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const DIR = fileURLToPath(new URL('../../examples/programmes', import.meta.url));
const HDF = 'startups-de-territoire-hauts-de-france';
const WEEK = '2026-W48';

describe('one Mattermost bot, two programmes', () => {
  let mm: FakeMattermost;
  let bot: FakeUser;
  let runtime: Runtime;
  let http: HttpServer;
  let platform: Platform | undefined;
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);

  beforeAll(async () => {
    mm = await new FakeMattermost().start();
    bot = mm.addUser({ username: 'coaching-bot', is_bot: true, locale: 'fr' }, BOT_TOKEN);
    // The bot's URL is known once it listens; its routes are the platform's, made with that URL.
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: Object.fromEntries(
        ['POST /mattermost/command', 'POST /mattermost/action', 'POST /mattermost/dialog'].map((k) => [
          k,
          (req: Parameters<Platform['routes'][string]>[0], res: Parameters<Platform['routes'][string]>[1]) =>
            platform?.routes[k]?.(req, res),
        ]),
      ),
    });
    const env: Env = {
      programmeFile: DIR,
      databaseUrl: tempDatabaseUrl(),
      host: '127.0.0.1',
      port: 0,
      publicUrl: http.url,
      logLevel: 'error',
      mattermost: { url: mm.url, botToken: BOT_TOKEN, team: TEAM },
    };
    runtime = await openRuntime(env, {
      logger: silentLogger,
      clock,
      platforms: (deps) => [createMattermostPlatform(deps, env)],
    });
    // The people of both files, each once (Claire and Sophie are in both).
    const users = new Map<string, FakeUser>();
    for (const ctx of runtime.programmes.all) {
      for (const person of ctx.programme.people) {
        if (users.has(person.email)) continue;
        const [first_name = '', last_name = ''] = person.name.split(' ');
        users.set(
          person.email,
          mm.addUser({ username: usernameOf(person), email: person.email, first_name, last_name }),
        );
      }
    }
    mm.addTeam(TEAM, [bot, ...users.values()]);
    mm.commandManagers.add(bot.id);
    platform = runtime.platforms[0];
    await platform?.start();
  });
  afterAll(async () => {
    expect(mm.violations).toEqual([]);
    await http?.close();
    await mm?.close();
    await runtime?.close();
  });

  const ctxOf = (key: string) => {
    const ctx = runtime.programmes.get(key);
    if (!ctx) throw new Error(`no programme ${key}`);
    return ctx;
  };
  const store = (key: string) => ctxOf(key).store;
  const personOf = (key: string, id: string): Person => {
    const person = ctxOf(key).programme.people.find((p) => p.id === id);
    if (!person) throw new Error(`no ${id} in ${key}`);
    return person;
  };
  const postAction = async (username: string, post: FakePost, context: Record<string, unknown>) => {
    const res = await fetch(`${http.url}/mattermost/action`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        user_id: mm.user(username).id,
        user_name: username,
        channel_id: post.channel_id,
        post_id: post.id,
        trigger_id: mm.issueTrigger(mm.user(username).id),
        type: 'button',
        context,
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const contextOf = (post: FakePost, name: string) => ({
    ...(actionsOf(post).find((a) => a.name === name)?.integration.context ?? {}),
  });
  let leaPrompt: FakePost;
  let alicePrompt: FakePost;

  it('logs each of Sophie’s sessions in the programme of the intrapreneur she names', async () => {
    const inReunion = await slashCommand(mm, 'sgirard', '/coaching log @lgrondin hier 1h cadrage');
    expect(inReunion.post?.message).toContain('Séance de coaching enregistrée pour Léa Grondin');
    const inHdf = await slashCommand(mm, 'sgirard', '/coaching log @clambert hier 45min revue');
    expect(inHdf.post?.message).toContain('Séance de coaching enregistrée pour Camille Lambert');
    const logged = async (key: string) =>
      (await store(key).listCoachingSessions({})).map((s) => `${s.loggedBy}→${s.intrapreneur}:${s.notes}`);
    expect(await logged('reunion')).toEqual(['sophie→lea:cadrage']);
    expect(await logged(HDF)).toEqual(['sophie→camille:revue']);
  });

  it('answers /phase with one line per programme to Sophie, and her one programme to Julien', async () => {
    const summary = await slashCommand(mm, 'sgirard', '/phase');
    expect(summary.post?.message.split('\n').slice(0, 3)).toEqual([
      'Vos programmes :',
      '• Startups de Territoire — Hauts-de-France (`startups-de-territoire-hauts-de-france`) — phase en cours : Début du programme et de la pré-incubation ; prochaine étape : Présentation des preuves de concept au comité stratégique',
      '• Startups de Territoire — La Réunion (`reunion`) — phase en cours : Pré-incubation ; prochaine étape : Comité des preuves de concept',
    ]);
    const details = await slashCommand(mm, 'sgirard', '/phase reunion');
    expect(details.post?.message).toContain('Comité des preuves de concept');
    expect(details.post?.message).not.toContain('Hauts-de-France');
    const julien = await slashCommand(mm, 'jmoreau', '/phase');
    expect(julien.post?.message).toContain('Hauts-de-France');
    expect(julien.post?.message).not.toContain('La Réunion');
  });

  it('keeps La Réunion from Julien, who coaches in Hauts-de-France only', async () => {
    const reply = await slashCommand(mm, 'jmoreau', '/coaching log @lgrondin hier 1h intrusion');
    expect(reply.post?.message).not.toContain('enregistrée');
    const named = await slashCommand(mm, 'jmoreau', '/phase --programme reunion');
    expect(named.post?.message).toBe(
      'Vous n’avez pas de rôle dans le programme « reunion ». Tapez la commande sans --programme pour voir vos programmes.',
    );
    expect((await store('reunion').listCoachingSessions({})).map((s) => s.notes)).toEqual(['cadrage']);
  });

  it('records Léa’s click on her prompt in La Réunion, and finds the prompt again under its programme’s key', async () => {
    await sendPrompts(ctxOf('reunion'), WEEK);
    await sendPrompts(ctxOf(HDF), WEEK);
    [leaPrompt] = conversation(mm, bot, 'lgrondin') as [FakePost];
    [alicePrompt] = conversation(mm, bot, 'amartin') as [FakePost];
    expect(leaPrompt.props.coaching_bot_key).toBe(`reunion/prompt:lea:${WEEK}`);
    expect(alicePrompt.props.coaching_bot_key).toBe(`${HDF}/prompt:alice:${WEEK}`);
    expect(contextOf(leaPrompt, '1').programme).toBe('reunion');

    expect(await click(mm, 'lgrondin', leaPrompt, '1')).toMatchObject({ ok: true });
    expect((await store('reunion').getAnswer('lea', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
    // Redrawn in place, the post keeps its programme's key: the outbox still finds it.
    expect(leaPrompt.props.coaching_bot_key).toBe(`reunion/prompt:lea:${WEEK}`);
    const found = await ctxOf('reunion').chat?.findSent(
      { person: personOf('reunion', 'lea') },
      promptKey('lea', WEEK),
    );
    expect(found?.ref).toBe(leaPrompt.id);

    // Her comment, through the dialog, lands in La Réunion too and shows on the same post.
    expect(await click(mm, 'lgrondin', leaPrompt, 'Ajouter un commentaire')).toMatchObject({ ok: true });
    expect(await submitDialog(mm, 'lgrondin', { comment: 'bonne semaine' })).toEqual({ status: 200 });
    expect((await store('reunion').getAnswer('lea', WEEK))?.comment).toBe('bonne semaine');
    expect(leaPrompt.props.coaching_bot_key).toBe(`reunion/prompt:lea:${WEEK}`);
    expect(JSON.stringify(leaPrompt.props.attachments)).toContain('bonne semaine');
  });

  it('lets Claire, owner of both, answer for Kévin in La Réunion', async () => {
    const form = await slashCommand(mm, 'cdubois', '/checkin @kriviere');
    if (!form.post) throw new Error('no form for Claire');
    expect(form.post.message).toBe(
      'Point hebdomadaire de Kévin Rivière, rempli par vous : chaque clic est enregistré pour Kévin Rivière, à votre nom, et signalé dans la prochaine synthèse.',
    );
    const attachments = form.post.props.attachments as { actions?: { integration: { context: object } }[] }[];
    const release = attachments.findIndex((a) =>
      a.actions?.some((b) => (b.integration.context as { week?: string }).week === WEEK),
    );
    const context = attachments[release]?.actions?.[0]?.integration.context;
    expect(context).toMatchObject({ person: 'kevin', by: 'claire', programme: 'reunion', week: WEEK });
    expect(await click(mm, 'cdubois', form.post, '½', release)).toMatchObject({ ok: true });
    expect(await store('reunion').getAnswer('kevin', WEEK)).toMatchObject({
      release: { kind: 'days', days: 0.5 },
      answeredBy: 'claire',
    });
  });

  it('refuses to a person of Hauts-de-France whatever would act on La Réunion, and stores nothing', async () => {
    const genuine = contextOf(alicePrompt, '1');
    // Alice's own button, moved to La Réunion or stripped of its programme: no longer the bot's signature.
    for (const context of [
      { ...genuine, programme: 'reunion' },
      Object.fromEntries(Object.entries(genuine).filter(([k]) => k !== 'programme')),
    ]) {
      expect((await postAction('amartin', alicePrompt, context)).status).toBe(401);
    }
    // Léa's genuine button, clicked by Alice; and a button the bot signed for La Réunion, in Alice's name (she has no
    // check-in there): refused, as someone else's.
    const signer = new ContextSigner(BOT_TOKEN);
    const elsewhere = {
      person: 'alice',
      week: WEEK,
      choice: '2',
      form: 'prompt',
      programme: 'reunion',
      locale: 'fr',
      sig: signer.sign('alice', WEEK, '2', undefined, 'reunion'),
    };
    for (const context of [contextOf(leaPrompt, '½'), elsewhere]) {
      expect(await postAction('amartin', leaPrompt, context)).toEqual({
        status: 200,
        body: {
          ephemeral_text:
            'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
        },
      });
    }
    // The comment dialog of Léa's prompt, its state moved to Hauts-de-France.
    await click(mm, 'lgrondin', leaPrompt, 'Ajouter un commentaire');
    const state = JSON.parse(String(mm.dialogs.at(-1)?.dialog.state)) as Record<string, unknown>;
    expect(state.programme).toBe('reunion');
    const moved = JSON.stringify({ ...state, programme: HDF });
    expect((await submitDialog(mm, 'lgrondin', { comment: 'ailleurs' }, { state: moved })).status).toBe(401);

    expect(await store(HDF).getAnswer('alice', WEEK)).toBeUndefined();
    expect((await store('reunion').getAnswer('lea', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
    expect((await store('reunion').getAnswer('lea', WEEK))?.comment).toBe('bonne semaine');
  });

  it('takes a button made while the deployment served one programme in the programme where the clicker has it', async () => {
    const signer = new ContextSigner(BOT_TOKEN);
    const unnamed = (person: string) => ({
      person,
      week: WEEK,
      choice: '0',
      form: 'checkin',
      locale: 'fr',
      sig: signer.sign(person, WEEK, '0'),
    });
    const anais = conversation(mm, bot, 'afontaine')[0] as FakePost;
    expect(await postAction('amartin', anais, unnamed('anais'))).toEqual({
      status: 200,
      body: {
        ephemeral_text:
          'Ce point hebdomadaire est adressé à quelqu’un d’autre : vous ne pouvez pas y répondre.',
      },
    });
    expect(await store('reunion').getAnswer('anais', WEEK)).toBeUndefined();
    expect((await postAction('afontaine', anais, unnamed('anais'))).status).toBe(200);
    expect((await store('reunion').getAnswer('anais', WEEK))?.release).toEqual({ kind: 'days', days: 0 });
    expect((await postAction('amartin', alicePrompt, unnamed('alice'))).status).toBe(200);
    expect((await store(HDF).getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 0 });
  });
});
