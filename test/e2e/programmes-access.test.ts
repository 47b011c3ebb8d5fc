// One deployment, two programmes (Hauts-de-France and La Réunion), the people of each as their files list them.
// Sophie coaches in both: she logs sessions in each and `/phase` answers per programme. Bob is in the first only:
// nothing of the second reaches him, whatever he types. Dashboard links open their own programme's pages only, and
// the national view lists the programmes its owner owns, with the same figures as each programme's dashboard.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import { silentLogger } from '../../src/app/context.ts';
import { dashboardLink, signDashboardToken } from '../../src/app/dashboard-link.ts';
import { membershipsOf } from '../../src/app/memberships.ts';
import { runProgrammeCommand } from '../../src/app/programme-commands.ts';
import { programmeStatus } from '../../src/app/status.ts';
import { readEnv } from '../../src/config/env.ts';
import type { Person } from '../../src/core/programme.ts';
import { mountDashboard } from '../../src/http/dashboard/routes.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { recordingPlatform } from '../support/recording-platform.ts';

const PHASES = `
phases:
  - { id: pre_incubation, name: Pré-incubation, start: 2026-10-19, end: 2027-02-26 }
  - { id: poc_committee, name: Comité, start: 2027-03-01, end: 2027-03-15 }`;

const HDF = `
programme:
  id: hdf
  name: Hauts-de-France
  organisation: Région Hauts-de-France
owners: [claire, thomas]
people:
  - { id: claire, name: Claire Dubois, email: claire@example.org }
  - { id: thomas, name: Thomas Lefebvre, email: thomas@example.org }
  - { id: sophie, name: Sophie Girard, email: sophie@example.org }
  - { id: bob, name: Bob Leroy, email: bob@example.org }
  - { id: alice, name: Alice Martin, email: alice@example.org }
  - { id: camille, name: Camille Lambert, email: camille@example.org }
  - { id: marc, name: Marc Petit, email: marc@example.org }
${PHASES}
projects:
  - { id: trajets, name: Trajets, coach: sophie, intrapreneurs: [{ person: alice, manager: marc }] }
  - { id: aides, name: Aides, coach: bob, intrapreneurs: [{ person: camille, manager: marc }] }
`;

const REUNION = `
programme:
  id: reunion
  name: La Réunion
  organisation: Région Réunion
  timezone: Indian/Reunion
  holidays: reunion
owners: [claire.dubois, mireille]
people:
  - { id: claire.dubois, name: Claire Dubois, email: Claire@Example.org }
  - { id: mireille, name: Mireille Payet, email: mireille@example.org }
  - { id: sophie, name: Sophie Girard, email: sophie@example.org }
  - { id: teddy, name: Teddy Hoarau, email: teddy@example.org }
  - { id: lea, name: Léa Grondin, email: lea@example.org }
  - { id: cam, name: Camille Lambert, email: camille@example.org }
  - { id: jm, name: Jean-Marc Técher, email: jm@example.org }
${PHASES}
projects:
  - { id: eau, name: Coupures d'eau, coach: sophie, intrapreneurs: [{ person: lea, manager: jm }] }
  - { id: navettes, name: Navettes, coach: teddy, intrapreneurs: [{ person: cam, manager: jm }] }
`;

describe('two programmes, one deployment', () => {
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);
  const { platforms, messages } = recordingPlatform();
  let runtime: Runtime;
  let http: HttpServer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-programmes-'));
    writeFileSync(join(dir, 'hdf.yml'), HDF);
    writeFileSync(join(dir, 'reunion.yml'), REUNION);
    const env = readEnv(
      {
        PROGRAMME_FILE: dir,
        DATABASE_URL: tempDatabaseUrl(),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'test',
        // One key for both programmes: a link must still open its own programme only.
        DASHBOARD_SECRET: 'x'.repeat(32),
        PUBLIC_URL: 'https://bot.example.org',
      },
      '/',
    );
    runtime = await openRuntime(env, { logger: silentLogger, clock, platforms, dashboard: true });
    const web = mountDashboard(runtime.programmes, env, []);
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: web.routes,
      ...(web.fallback ? { fallback: web.fallback } : {}),
    });
    // Week 47: Alice and Léa had their released day, Camille (in Hauts-de-France) did not; Léa's coaching point held.
    const [hdf, reunion] = runtime.programmes.all;
    const answer = (intrapreneur: string, days: 0 | 1, coachingHeld: boolean) => ({
      intrapreneur,
      week: '2026-W47' as const,
      release: { kind: 'days' as const, days },
      coachingHeld,
      answeredBy: intrapreneur,
      answeredAt: clock.now(),
      updatedAt: clock.now(),
    });
    await hdf?.store.saveAnswer(answer('alice', 1, false));
    await hdf?.store.saveAnswer(answer('camille', 0, true));
    await reunion?.store.saveAnswer(answer('lea', 1, true));
  });
  afterAll(async () => {
    await http?.close();
    await runtime?.close();
  });

  const ctxOf = (key: string) => {
    const ctx = runtime.programmes.get(key);
    if (!ctx) throw new Error(`no programme ${key}`);
    return ctx;
  };
  const person = (key: string, id: string): Person => {
    const found = ctxOf(key).programme.people.find((p) => p.id === id);
    if (!found) throw new Error(`no ${id} in ${key}`);
    return found;
  };
  /** A command as a platform runs it for the person behind this entry of that programme's file. */
  const command = async (key: string, id: string, name: 'coaching' | 'phase' | 'checkin', text: string) => {
    const memberships = membershipsOf(runtime.programmes, person(key, id));
    const { reply, ctx } = await runProgrammeCommand(memberships, runtime.programmes.first, {
      command: name,
      text,
    });
    if (reply.kind !== 'text') throw new Error('expected a text reply');
    return { ...reply, programme: ctx.programme.key };
  };
  const sessions = async (key: string) =>
    (await ctxOf(key).store.listCoachingSessions({})).map((s) => `${s.loggedBy}→${s.intrapreneur}`);

  it('matches people across files by e-mail, whatever their id', () => {
    expect(
      membershipsOf(runtime.programmes, person('hdf', 'claire')).map(
        (m) => `${m.ctx.programme.key}:${m.person}`,
      ),
    ).toEqual(['hdf:claire', 'reunion:claire.dubois']);
    expect(membershipsOf(runtime.programmes, person('hdf', 'bob')).map((m) => m.ctx.programme.key)).toEqual([
      'hdf',
    ]);
  });

  it('lets a coach in both programmes log a session in each, found from the intrapreneur', async () => {
    const inHdf = await command('hdf', 'sophie', 'coaching', 'log @alice hier 1h revue du POC');
    expect(inHdf).toMatchObject({ ok: true, programme: 'hdf' });
    const inReunion = await command('reunion', 'sophie', 'coaching', 'log @lea hier 45min cadrage');
    expect(inReunion).toMatchObject({ ok: true, programme: 'reunion' });
    expect(await sessions('hdf')).toEqual(['sophie→alice']);
    expect(await sessions('reunion')).toEqual(['sophie→lea']);
  });

  it('asks which programme when the intrapreneur is in both, and logs where --programme says', async () => {
    const asked = await command('hdf', 'claire', 'coaching', 'log @camille hier 1h point');
    expect(asked.ok).toBe(false);
    expect(asked.text.split('\n')).toEqual([
      'Vous êtes dans plusieurs programmes et cette commande peut concerner plusieurs d’entre eux. Précisez lequel :',
      '• Hauts-de-France : `/coaching log @camille hier 1h point --programme hdf`',
      '• La Réunion : `/coaching log @camille hier 1h point --programme reunion`',
    ]);
    const logged = await command('hdf', 'claire', 'coaching', 'log @cam hier 1h point --programme reunion');
    expect(logged).toMatchObject({ ok: true, programme: 'reunion' });
    expect(await sessions('reunion')).toContain('claire.dubois→cam');
    expect(await sessions('hdf')).not.toContain('claire→camille');
  });

  it('answers /phase with one line per programme, and each programme in detail on request', async () => {
    const summary = await command('hdf', 'sophie', 'phase', '');
    expect(summary.text.split('\n')).toEqual([
      'Vos programmes :',
      '• Hauts-de-France (`hdf`) — phase en cours : Pré-incubation ; prochaine étape : Comité',
      '• La Réunion (`reunion`) — phase en cours : Pré-incubation ; prochaine étape : Comité',
      'Le détail d’un programme : `/phase <programme>` ; un projet : `/phase <programme> <projet>`.',
    ]);
    const detail = await command('hdf', 'sophie', 'phase', 'reunion');
    const direct = await runCommand(ctxOf('reunion'), { actor: 'sophie', command: 'phase', text: '' });
    expect(detail).toMatchObject({ programme: 'reunion', text: (direct as { text: string }).text });
    const project = await command('hdf', 'sophie', 'phase', 'reunion eau');
    expect(project.programme).toBe('reunion');
    expect(project.text).toContain("Coupures d'eau");
    // A project name alone finds its programme.
    expect((await command('hdf', 'sophie', 'phase', 'trajets')).programme).toBe('hdf');
  });

  it('keeps everything of La Réunion from Bob, who is in Hauts-de-France only', async () => {
    const log = await command('hdf', 'bob', 'coaching', 'log @lea hier 1h intrusion');
    expect(log).toMatchObject({ ok: false, programme: 'hdf' });
    expect(await sessions('reunion')).not.toContain('bob→lea');
    const named = await command('hdf', 'bob', 'phase', '--programme reunion');
    expect(named).toMatchObject({
      ok: false,
      text: 'Vous n’avez pas de rôle dans le programme « reunion ». Tapez la commande sans --programme pour voir vos programmes.',
    });
    const project = await command('hdf', 'bob', 'phase', 'eau');
    expect(project).toMatchObject({ ok: false, programme: 'hdf' });
    expect(project.text).not.toContain("Coupures d'eau");
    const history = await command('hdf', 'bob', 'coaching', 'history @lea');
    expect(history.ok).toBe(false);
    // His /phase is his one programme's, as before.
    const phase = await command('hdf', 'bob', 'phase', '');
    const direct = await runCommand(ctxOf('hdf'), { actor: 'bob', command: 'phase', text: '' });
    expect(phase.text).toBe((direct as { text: string }).text);
  });

  const get = async (path: string) => {
    const response = await fetch(`${http.url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  const local = (url: string) => url.replace('https://bot.example.org', '');

  it('opens a dashboard link in its own programme only, page and CSV alike', async () => {
    const links = ctxOf('hdf').dashboard;
    if (!links) throw new Error('no dashboard links');
    const { url } = dashboardLink(links, 'thomas', clock.now());
    const own = await get(local(url));
    expect(own.status).toBe(200);
    expect(own.body).toContain('Hauts-de-France');
    const token = new URL(url).searchParams.get('t') as string;
    for (const path of ['/dashboard', '/dashboard.csv', '/dashboard/projects']) {
      expect((await get(`${path}?t=${encodeURIComponent(token)}&p=reunion`)).status).toBe(401);
    }
    // Signed with the shared key, for an id that is an owner of La Réunion, but naming Hauts-de-France: refused there.
    const claimed = signDashboardToken(links.secret, {
      owner: 'mireille',
      expiresAt: new Date(clock.now().getTime() + 60_000),
      programme: 'hdf',
    });
    expect((await get(`/dashboard.csv?t=${encodeURIComponent(claimed)}&p=reunion`)).status).toBe(401);
    // Thomas owns Hauts-de-France only: his national view lists it alone.
    const overview = await get(`/overview?t=${encodeURIComponent(token)}`);
    expect(overview.status).toBe(200);
    expect([...overview.body.matchAll(/data-programme="([a-z-]+)"/g)].map((m) => m[1])).toEqual([
      'hdf',
      'total',
    ]);
  });

  it('refuses the national view to a non-owner and without a valid link', async () => {
    const links = ctxOf('hdf').dashboard;
    if (!links) throw new Error('no dashboard links');
    const forged = signDashboardToken(links.secret, {
      owner: 'sophie',
      expiresAt: new Date(clock.now().getTime() + 60_000),
      programme: 'hdf',
    });
    expect((await get(`/overview?t=${encodeURIComponent(forged)}`)).status).toBe(401);
    expect((await get('/overview')).status).toBe(401);
    expect((await get('/overview?t=abc.def')).status).toBe(401);
    expect(await command('hdf', 'sophie', 'phase', 'dashboard')).toMatchObject({
      ok: false,
      text: 'Le tableau de bord est réservé aux responsables du programme.',
    });
  });

  it('sends an owner of both the national view, whose figures add up each programme’s dashboard', async () => {
    const sent = messages.length;
    const reply = await command('hdf', 'claire', 'phase', 'dashboard');
    expect(reply).toMatchObject({
      ok: true,
      text: 'Lien envoyé en message privé : il est valable 24 heures.',
    });
    const link = messages.slice(sent).find((m) => m.kind === 'dashboard_link');
    const url = /https:\/\/bot\.example\.org\/overview\?\S+/.exec(link?.text ?? '')?.[0];
    if (!url) throw new Error(`no overview link in ${link?.text}`);
    const page = await get(local(url));
    expect(page.status).toBe(200);
    const cells = (programme: string) => {
      const row =
        new RegExp(`<tr data-programme="${programme}">([\\s\\S]*?)</tr>`).exec(page.body)?.[1] ?? '';
      return Object.fromEntries([...row.matchAll(/data-figure="(\w+)">([^<]*)</g)].map((m) => [m[1], m[2]]));
    };
    const expected: Record<string, { honoured: number; coaching: number; of: number }> = {};
    for (const ctx of runtime.programmes.all) {
      const figures = (await programmeStatus(ctx)).figures;
      expected[ctx.programme.key] = {
        honoured: figures?.honoured ?? -1,
        coaching: figures?.coachingHeld ?? -1,
        of: figures?.intrapreneurs ?? -1,
      };
    }
    expect(expected).toEqual({
      hdf: { honoured: 1, coaching: 1, of: 2 },
      reunion: { honoured: 1, coaching: 1, of: 2 },
    });
    expect(cells('hdf')).toEqual({ honoured: '1 sur 2', coaching: '1 sur 2', alerts: '0' });
    expect(cells('reunion')).toEqual({ honoured: '1 sur 2', coaching: '1 sur 2', alerts: '0' });
    expect(cells('total')).toEqual({ honoured: '2 sur 4', coaching: '2 sur 4', alerts: '0' });
    // Each row links to its programme's own dashboard, which opens.
    const hrefs = [...page.body.matchAll(/<th scope="row"><a class="fr-link" href="([^"]+)"/g)].map((m) =>
      (m[1] as string).replace(/&amp;/g, '&'),
    );
    expect(hrefs).toHaveLength(2);
    for (const [i, href] of hrefs.entries()) {
      const dashboard = await get(local(href));
      expect(dashboard.status).toBe(200);
      expect(dashboard.body).toContain(i === 0 ? 'Hauts-de-France' : 'La Réunion');
    }
  });
});
