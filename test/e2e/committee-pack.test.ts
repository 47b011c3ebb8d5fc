// The committee pack (phases 4 and 5): the example cohort's six weeks played through the real use cases, then the pack
// as the owner gets it — from `/phase <project>`, on the page under the dashboard's signed link, as the PDF behind
// "Télécharger le dossier (PDF)", and from `coaching-bot pack`. The PDF is read back as a reader's software reads it.
// The coaches' notes are in it only when asked for; whoever is not an owner gets nothing.
import { mkdtempSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import { committeePack } from '../../src/app/committee-pack.ts';
import { silentLogger } from '../../src/app/context.ts';
import { type DashboardLinks, signDashboardToken } from '../../src/app/dashboard-link.ts';
import { main } from '../../src/cli/main.ts';
import { readEnv } from '../../src/config/env.ts';
import { packPage } from '../../src/http/dashboard/pack-page.ts';
import { createDashboard } from '../../src/http/dashboard/routes.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { seedSandbox } from '../../src/platforms/sandbox/seed.ts';
import { packPdf } from '../../src/render/pack-pdf.ts';
import { dashboardLinks } from '../../src/runtime.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { readPdf, structNodes } from '../support/pdf.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/programme.yml');
/** A note Julien logged with Alice in the example's first week. */
const ALICE_NOTE = 'revue du POC';

let clock: TestClock;
let url: string;
let bot: TestBot;
let http: HttpServer;

beforeAll(async () => {
  // The Monday after week 48: six weeks answered, logged, reminded and evaluated (week 48 not evaluated yet).
  clock = new TestClock(new Date());
  clock.setParis('2026-11-30', 9);
  url = tempDatabaseUrl();
  const programme = exampleProgramme();
  const chat = new RecordingChat(programme);
  const env = readEnv({ DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test' }, '/');
  let links: DashboardLinks | undefined;
  bot = await openBot(url, programme, clock, chat, {
    dashboard: async (storage) => {
      links = await dashboardLinks(storage.secrets, env);
      return links;
    },
  });
  await seedSandbox(bot.ctx, () => chat);
  const dashboard = createDashboard({ ctx: bot.ctx, env, sandbox: false });
  http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    routes: dashboard.routes,
    fallback: dashboard.fallback,
  });
  // The server's address is known once it listens.
  if (links) links.baseUrl = http.url;
}, 60_000);

afterAll(async () => {
  await http?.close();
  bot?.close();
});

/** The signed link at the end of `/phase <project>`'s reply, if any. */
async function phaseLink(actor: string, project: string): Promise<string | undefined> {
  const reply = await runCommand(bot.ctx, { actor, command: 'phase', text: project });
  if (reply.kind !== 'text') throw new Error('not a text reply');
  return reply.text.match(/Dossier du comité \(lien personnel, valable 24 heures\) : (\S+)$/)?.[1];
}

function hrefOf(body: string, id: string): string {
  const href = body.match(new RegExp(`id="${id}" href="([^"]+)"`))?.[1]?.replaceAll('&amp;', '&');
  if (!href) throw new Error(`no #${id} link`);
  return `${http.url}${href}`;
}

describe('what the pack counts', () => {
  it('gives each intrapreneur’s weeks, released days, exemptions, alerts, coaching points and sessions', async () => {
    const pack = await committeePack(bot.ctx, { withNotes: false });
    expect(pack.projects.map((p) => p.id)).toEqual([
      'transport-lycees',
      'aides-entreprises',
      'ter-accessible',
      'formation-pro',
      'cantines-locales',
      'aide-permis',
    ]);
    // From the check-in window's first week (16 October) to this one.
    expect([pack.from, pack.to, pack.weeks.length]).toEqual(['2026-W42', '2026-W49', 8]);
    const person = (project: string) => pack.projects.find((p) => p.id === project)?.intrapreneurs[0];

    const alice = person('transport-lycees');
    expect([alice?.name, alice?.managerName, alice?.minimumDays]).toEqual([
      'Alice Martin',
      'Isabelle Roux',
      1,
    ]);
    expect(alice?.figures).toEqual({
      asked: 6,
      answered: 6,
      exemptLeave: 0,
      exemptClosed: 0,
      releasedDays: 6.5,
      honoured: 6,
      missed: 0,
      noAnswer: 0,
      coachingHeld: 6,
      coachingAnswered: 6,
      coachingLogged: 5,
      coachingMissed: 0,
      alerts: 0,
      sessions: 5,
      sessionMinutes: 300,
    });
    // Without the option, a session says when, how long and who logged it, never what was said.
    expect(alice?.sessions[0]).toEqual({
      date: '2026-10-22',
      durationMinutes: 45,
      loggedBy: 'julien',
      loggedByName: 'Julien Moreau',
    });

    // Nicolas's manager kept him busy: his alerts, week by week; one week he said "no" but his coach logged a session.
    const nicolas = person('aides-entreprises');
    expect(nicolas?.alerts).toEqual([
      { week: '2026-W44', rule: 'release_missed' },
      { week: '2026-W46', rule: 'release_average' },
      { week: '2026-W47', rule: 'release_two_weeks' },
      { week: '2026-W47', rule: 'coaching_missed' },
    ]);
    expect(nicolas?.weeks.find((w) => w.week === '2026-W44')).toMatchObject({
      release: 'missed',
      releasedDays: 0.5,
      coaching: 'held',
      coachingAnswered: false,
      coachingLogged: true,
    });
    // Camille's week of leave is exempt; Mehdi forgot twice.
    expect(person('ter-accessible')?.figures).toMatchObject({
      exemptLeave: 1,
      honoured: 5,
      releasedDays: 5.5,
    });
    expect(person('formation-pro')?.figures).toMatchObject({ asked: 6, answered: 4, noAnswer: 2, alerts: 3 });

    const withNotes = await committeePack(bot.ctx, { project: 'Trajets des lycéens', withNotes: true });
    expect(withNotes.projects.map((p) => p.id)).toEqual(['transport-lycees']);
    expect(withNotes.projects[0]?.intrapreneurs[0]?.sessions[0]?.notes).toBe(ALICE_NOTE);
  });
});

describe('an intrapreneur with a minimum of their own', () => {
  it('counts their weeks against it, and says there is one without saying why', async () => {
    // Nicolas part-time: half a day a week is his minimum.
    const programme = structuredClone(bot.ctx.programme);
    const nicolas = programme.projects.find((p) => p.id === 'aides-entreprises')?.intrapreneurs[0];
    if (!nicolas) throw new Error('no Nicolas');
    Object.assign(nicolas, { daysPerWeek: 0.5, reason: 'temps partiel thérapeutique' });
    const pack = await committeePack(
      { ...bot.ctx, programme },
      { project: 'aides-entreprises', withNotes: false },
    );
    const person = pack.projects[0]?.intrapreneurs[0];
    expect([person?.minimumDays, person?.individualMinimum]).toEqual([0.5, true]);
    expect(person?.figures).toMatchObject({ releasedDays: 4, honoured: 5, missed: 1 });

    const pdf = await readPdf(await packPdf(pack, 'fr'));
    expect(pdf.pages[1]).toContain(
      'Manager : Laurent Mercier. Minimum : 0,5 jour libéré par semaine (aménagement individuel).',
    );
    const page = packPage(pack, 'en', {
      path: '/dashboard/projects/aides-entreprises',
      pdf: '#',
      hidden: {},
    }).value;
    expect(page).toContain('Minimum: 0.5 days released a week (individual arrangement).');
    expect(pdf.pages.join('\n') + page).not.toContain('thérapeutique');
  });
});

describe('the pack for an owner, on the web', () => {
  it('is linked from /phase <project>, opens on its signed link, and downloads as a PDF without the notes', async () => {
    const link = await phaseLink('claire', 'transport-lycees');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/projects\/transport-lycees\?t=/);

    const page = await fetch(link ?? '');
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<h1>Dossier du comité stratégique — Trajets des lycéens</h1>');
    expect(body).toContain('Startups de Territoire — Hauts-de-France — Région Hauts-de-France');
    expect(body).toContain('<th scope="row">Jours libérés déclarés</th><td>6,5 jours</td>');
    expect(body).toContain('<th scope="row">Semaines interrogées</th><td>6</td>');
    expect(body).toContain('Les notes des coachs ne figurent pas dans ce dossier');
    expect(body).not.toContain(ALICE_NOTE);

    const pdfResponse = await fetch(hrefOf(body, 'pdf'));
    expect([pdfResponse.status, pdfResponse.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(pdfResponse.headers.get('content-disposition')).toBe(
      'attachment; filename="dossier-comite-transport-lycees.pdf"',
    );
    const pdf = await readPdf(new Uint8Array(await pdfResponse.arrayBuffer()));
    // The first page, then the project's: its figures and its weeks run onto a second.
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.title).toBe(
      'Dossier du comité stratégique — Trajets des lycéens — Startups de Territoire — Hauts-de-France',
    );
    expect([pdf.lang, pdf.marked]).toEqual(['fr-FR', true]);
    expect(pdf.pages[0]).toContain('Startups de Territoire — Hauts-de-France');
    expect(pdf.pages[0]).toContain('Région Hauts-de-France');
    expect(pdf.pages[0]).toContain('Les notes des coachs ne figurent pas dans ce dossier');
    expect(pdf.pages[1]?.startsWith('Trajets des lycéens')).toBe(true);
    expect(pdf.pages[1]).toContain('Manager : Isabelle Roux. Minimum : 1 jour libéré par semaine.');
    expect(pdf.pages[1]).toContain('Jours libérés déclarés 6,5 jours');
    expect(pdf.pages[1]).toContain('Séances de coaching enregistrées 5 (5 h au total)');
    expect(pdf.pages.join('\n')).toContain('22 octobre 2026 45 min Julien Moreau');
    expect(pdf.pages.join('\n')).not.toContain(ALICE_NOTE);
    expect(pdf.pages[2]).toContain('Page 3 sur 3');
    // Tagged: headings, tables whose cells have headers, the chart as a figure that says its figures.
    const nodes = structNodes(pdf.structure);
    for (const role of ['H1', 'H2', 'H3', 'H4', 'Table', 'TH', 'TD', 'L', 'LI', 'Figure'])
      expect(
        nodes.some((n) => n.role === role),
        role,
      ).toBe(true);
    expect(nodes.filter((n) => n.role === 'Figure').map((n) => n.alt)).toEqual([
      '6,5 jours libérés sur 6 semaines comptées ; minimum 1 jour par semaine. Le détail de chaque semaine suit dans le tableau.',
    ]);
  }, 60_000);

  it('includes the notes when the owner ticks the box, and says so on its first page', async () => {
    const link = await phaseLink('claire', 'transport-lycees');
    const page = await fetch(`${link}&notes=1`);
    const body = await page.text();
    expect(body).toContain('<input type="checkbox" id="notes" name="notes" value="1" checked>');
    expect(body).toContain('Ce dossier contient les notes des coachs.');
    expect(body).toContain(`<td class="cb-pack-notes">${ALICE_NOTE}</td>`);

    const pdfHref = hrefOf(body, 'pdf');
    expect(new URL(pdfHref).searchParams.get('notes')).toBe('1');
    const pdf = await readPdf(new Uint8Array(await (await fetch(pdfHref)).arrayBuffer()));
    expect(pdf.pages[0]).toContain(
      'Ce dossier contient les notes des coachs. Elles sont personnelles : ne le transmettez\nqu’aux membres du comité.',
    );
    expect(pdf.pages.join('\n')).toContain(`Notes du coach`);
    expect(pdf.pages.join('\n')).toContain(ALICE_NOTE);
  }, 60_000);

  it('shows every project from the dashboard, one per printed page, and in English on request', async () => {
    const link = await phaseLink('claire', 'transport-lycees');
    const token = new URL(link ?? '').searchParams.get('t') ?? '';
    const dashboard = await (await fetch(`${http.url}/dashboard?t=${token}`)).text();
    expect(dashboard.match(/href="\/dashboard\/projects\/[^"?]+\?t=/g)).toHaveLength(6);
    const all = await fetch(hrefOf(dashboard, 'pack-all'));
    const body = await all.text();
    expect(all.status).toBe(200);
    expect(body.match(/<article class="cb-pack-project"/g)).toHaveLength(6);

    const english = await (
      await fetch(`${http.url}/dashboard/projects/aides-entreprises?t=${token}&lang=en`)
    ).text();
    expect(english).toContain('<h1>Strategic committee pack — Aides régionales aux entreprises</h1>');
    expect(english).toContain('<th scope="row">Released days declared</th><td>4 days</td>');
    expect(english).toContain(
      '<td>Released day not honoured two weeks in a row; Coaching point missed two weeks in a row</td>',
    );
    expect(english).toContain(
      '<td>0.5 days, missed</td><td>disagreement: the intrapreneur answered no, the coach logged a session</td><td>Released day not honoured</td>',
    );
  }, 60_000);

  it('keeps the link whole when the platform’s room is short', async () => {
    const reply = await runCommand(bot.ctx, {
      actor: 'claire',
      command: 'phase',
      text: 'transport-lycees',
      limit: 400,
    });
    if (reply.kind !== 'text') throw new Error('not a text reply');
    expect(reply.text.length).toBeLessThanOrEqual(400);
    const link = reply.text.match(/: (http\S+)$/)?.[1] ?? '';
    expect(reply.text.startsWith('Trajets des lycéens — en pré-incubation')).toBe(true);
    expect((await fetch(link)).status).toBe(200);
  });

  it('refuses anyone but an owner: no link in /phase, 401 on the page and the PDF', async () => {
    // The coach may read the project's detail, not the committee's pack.
    expect(await phaseLink('julien', 'transport-lycees')).toBeUndefined();
    const reply = await runCommand(bot.ctx, { actor: 'julien', command: 'phase', text: 'transport-lycees' });
    expect(reply).toMatchObject({ ok: true });

    const coach = signDashboardToken(bot.ctx.dashboard?.secret ?? '', {
      owner: 'julien',
      expiresAt: new Date(clock.now().getTime() + 60_000),
    });
    for (const path of [
      '/dashboard/projects',
      '/dashboard/projects.pdf',
      '/dashboard/projects/transport-lycees',
      '/dashboard/projects/transport-lycees.pdf?notes=1',
      '/dashboard/projects/no-such-project',
    ]) {
      const withToken = await fetch(`${http.url}${path}${path.includes('?') ? '&' : '?'}t=${coach}`);
      expect(withToken.status, path).toBe(401);
      expect(await withToken.text(), path).not.toContain('Trajets des lycéens');
      expect((await fetch(`${http.url}${path}`)).status, path).toBe(401);
    }
  });

  it('tells an owner who names an unknown project so', async () => {
    const link = await phaseLink('claire', 'transport-lycees');
    const token = new URL(link ?? '').searchParams.get('t') ?? '';
    const page = await fetch(`${http.url}/dashboard/projects/covoiturage?t=${token}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Aucun projet « covoiturage » dans ce programme.');
  });
});

describe('coaching-bot pack', () => {
  const output = () => {
    const lines = { out: [] as string[], err: [] as string[] };
    return { lines, out: (t: string) => lines.out.push(t), err: (t: string) => lines.err.push(t) };
  };
  const env = () => ({ PROGRAMME_FILE: EXAMPLE, DATABASE_URL: url, LOG_LEVEL: 'error' });
  const file = (name: string) => join(mkdtempSync(join(tmpdir(), 'coaching-bot-pack-')), name);

  it('writes every project’s pack, readable by its owner only, without the notes', async () => {
    const target = file('comite.pdf');
    const o = output();
    expect(await main(['pack', '--output', target], o, env(), { clock })).toBe(0);
    expect(o.lines.out).toEqual([
      `Dossier du comité écrit dans ${target} (6 projets, sans les notes des coachs). Il contient des données personnelles : ne le transmettez qu’aux membres du comité stratégique.`,
    ]);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const pdf = await readPdf(await readFile(target));
    expect(pdf.title).toBe('Dossier du comité stratégique — Startups de Territoire — Hauts-de-France');
    // Each project starts a page of its own.
    const starts = pdf.pages.map((text) => text.split('\n')[0]?.trim());
    for (const project of bot.ctx.programme.projects) expect(starts, project.name).toContain(project.name);
    expect(pdf.pages.length).toBe(13);
    expect(pdf.pages.join('\n')).not.toContain(ALICE_NOTE);
  }, 60_000);

  it('writes one project with the notes when asked', async () => {
    const target = file('aides.pdf');
    const o = output();
    const args = ['pack', '--project', 'aides-entreprises', '--with-notes', '--output', target];
    expect(await main(args, o, env(), { clock })).toBe(0);
    expect(o.lines.out[0]).toContain('(1 projet, notes des coachs incluses)');
    const pdf = await readPdf(await readFile(target));
    expect(pdf.pages[0]).toContain('Ce dossier contient les notes des coachs.');
    const text = pdf.pages.join('\n');
    expect(text).toContain('Aides régionales aux entreprises');
    expect(text).not.toContain('Trajets des lycéens');
    expect(text).toContain('Jours libérés déclarés 4 jours');
    expect(text).toContain('Alertes levées 4');
    expect(text).toContain('Notes du coach');
  }, 60_000);

  it('says what is wrong, and writes nothing, for an unknown project or without --output', async () => {
    const target = file('none.pdf');
    const unknown = output();
    expect(
      await main(['pack', '--project', 'covoiturage', '--output', target], unknown, env(), { clock }),
    ).toBe(1);
    expect(unknown.lines.err).toEqual([
      'Projet inconnu « covoiturage ». Projets : transport-lycees, aides-entreprises, ter-accessible, formation-pro, cantines-locales, aide-permis.',
    ]);
    const missing = output();
    expect(await main(['pack'], missing, env(), { clock })).toBe(1);
    expect(missing.lines.err).toEqual([
      'Le dossier du comité est un PDF : indiquez le fichier à écrire avec --output FICHIER.pdf.',
    ]);
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
  });
});
