// Who may open the owner dashboard. With Slack or Mattermost configured, only a signed link that an owner asked for
// with `/phase dashboard` opens it, for 24 hours; a missing, forged or expired link, and every other page, gets 401.
// With the sandbox alone, it is open to this machine only.
import { request as httpRequest } from 'node:http';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import { silentLogger } from '../../src/app/context.ts';
import { type DashboardLinks, signDashboardToken } from '../../src/app/dashboard-link.ts';
import { readEnv } from '../../src/config/env.ts';
import { createDashboard, type Dashboard } from '../../src/http/dashboard/routes.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { dashboardLinks } from '../../src/runtime.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

/** A GET with the headers a test chooses (fetch will not let it set Host). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

describe('the dashboard when a real platform is configured', () => {
  let clock: TestClock;
  let bot: TestBot;
  let chat: RecordingChat;
  let dashboard: Dashboard;
  let links: DashboardLinks;
  let http: HttpServer;
  let url: string;

  beforeEach(async () => {
    clock = new TestClock(new Date());
    clock.setParis('2026-11-27', 15);
    url = tempDatabaseUrl();
    const programme = exampleProgramme();
    chat = new RecordingChat(programme);
    const env = readEnv(
      { DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test' },
      '/',
    );
    bot = await openBot(url, programme, clock, chat, {
      dashboard: async (storage) => {
        links = await dashboardLinks(storage.secrets, env);
        return links;
      },
    });
    dashboard = createDashboard({ ctx: bot.ctx, env, sandbox: false });
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: dashboard.routes,
      fallback: dashboard.fallback,
    });
    // The server's address is known once it listens.
    links.baseUrl = http.url;
  });
  afterEach(async () => {
    await http.close();
    bot.close();
  });

  async function askForLink(actor: string) {
    return runCommand(bot.ctx, { actor, command: 'phase', text: 'dashboard' });
  }

  function sentLink(): string {
    const text = chat.to('claire').find((m) => m.kind === 'dashboard_link')?.text ?? '';
    return text.match(/https?:\/\/\S+/)?.[0] ?? '';
  }

  it('sends an owner a link by direct message that opens the dashboard and its CSV export', async () => {
    expect(await askForLink('claire')).toEqual({
      kind: 'text',
      ok: true,
      text: 'Lien envoyé en message privé : il est valable 24 heures.',
    });
    const link = sentLink();
    expect(link).toMatch(/\/dashboard\?t=/);
    expect(chat.to('claire')[0]?.text).toContain('Voici votre lien vers le tableau de bord du programme');

    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Tableau de bord</h1>');
    const csvHref = page.body.match(/href="(\/dashboard\.csv\?[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(csvHref).toContain('t=');
    const csv = await get(`${http.url}${csvHref}`);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('\uFEFFSemaine;Identifiant;Intrapreneur;Projet;Jour libéré');

    const xlsxHref = page.body.match(/href="(\/dashboard\.xlsx\?[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    expect(xlsxHref).toContain('t=');
    const xlsx = await fetch(`${http.url}${xlsxHref}`);
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    const [sheet] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheet?.data[0]?.slice(0, 3)).toEqual(['Semaine', 'Identifiant', 'Intrapreneur']);

    const english = await get(`${http.url}${csvHref}&lang=en`);
    expect(english.body).toContain('\uFEFFweek,intrapreneur,name,project,release');
  });

  it('refuses the link to anyone but an owner', async () => {
    const reply = await askForLink('alice');
    expect(reply).toMatchObject({
      ok: false,
      text: 'Le tableau de bord est réservé aux responsables du programme.',
    });
    expect(chat.messages).toEqual([]);
  });

  it('answers 401 to a missing, forged or expired link, and to every other page', async () => {
    await askForLink('claire');
    const link = sentLink();
    const token = new URL(link).searchParams.get('t') ?? '';

    expect((await get(`${http.url}/dashboard`)).status).toBe(401);
    expect((await get(`${http.url}/dashboard.csv`)).status).toBe(401);
    expect((await get(`${http.url}/dashboard.xlsx`)).status).toBe(401);
    const refused = await get(`${http.url}/dashboard`);
    expect(refused.body).toContain('/phase dashboard');

    // Forged: the owner and expiry re-signed with another key, or the signature altered.
    const forged = signDashboardToken('not-the-bot-secret', {
      owner: 'claire',
      expiresAt: new Date(clock.now().getTime() + 1e9),
    });
    expect((await get(`${http.url}/dashboard?t=${forged}`)).status).toBe(401);
    const tampered = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await get(`${http.url}/dashboard?t=${tampered}`)).status).toBe(401);
    // Every other path is closed too, even with a valid token, even from this machine.
    for (const path of ['/', '/sandbox/answer', '/api/anything', '/favicon.ico']) {
      expect((await get(`${http.url}${path}?t=${token}`)).status, path).toBe(401);
    }

    // Still valid one minute before the 24 hours are over, refused after.
    clock.advance(24 * 60 * 60_000 - 60_000);
    expect((await get(link)).status).toBe(200);
    clock.advance(2 * 60_000);
    expect((await get(link)).status).toBe(401);
    expect((await get(`${http.url}/dashboard.csv?t=${token}`)).status).toBe(401);
    expect((await get(`${http.url}/dashboard.xlsx?t=${token}`)).status).toBe(401);
  });

  it('keeps its signing key across restarts, so that a link sent yesterday still opens', async () => {
    // Another connection to the same database, as after a restart.
    const restarted = await openBot(url, bot.ctx.programme, clock, undefined);
    const again = await dashboardLinks(
      restarted.storage.secrets,
      readEnv({ DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test' }, '/'),
    );
    restarted.close();
    expect(again.secret).toBe(links.secret);
    const fromEnv = await dashboardLinks(
      bot.storage.secrets,
      readEnv(
        {
          DATABASE_URL: url,
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_SIGNING_SECRET: 't',
          DASHBOARD_SECRET: 'x'.repeat(32),
        },
        '/',
      ),
    );
    expect(fromEnv.secret).not.toBe(links.secret);
  });
});

describe('the dashboard with the sandbox alone', () => {
  let bot: TestBot;
  let http: HttpServer;

  beforeEach(async () => {
    const clock = new TestClock(new Date());
    clock.setParis('2026-11-27', 15);
    const url = tempDatabaseUrl();
    bot = await openBot(url, exampleProgramme(), clock, undefined);
    const dashboard = createDashboard({
      ctx: bot.ctx,
      env: readEnv({ DATABASE_URL: url }, '/'),
      sandbox: true,
    });
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: dashboard.routes,
    });
  });
  afterEach(async () => {
    await http.close();
    bot.close();
  });

  it('opens without a link on this machine, and in English on request', async () => {
    const page = await get(`${http.url}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Les cinq phases du programme');
    expect((await get(`${http.url}/dashboard?lang=en`)).body).toContain('<h1>Dashboard</h1>');
  });

  it('refuses a request relayed by a proxy or addressed to another host name', async () => {
    expect((await get(`${http.url}/dashboard`, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(403);
    expect((await get(`${http.url}/dashboard`, { forwarded: 'for=203.0.113.7' })).status).toBe(403);
    expect((await get(`${http.url}/dashboard`, { host: 'evil.example:80' })).status).toBe(403);
    for (const path of ['/dashboard.csv', '/dashboard.xlsx']) {
      expect((await get(`${http.url}${path}`, { 'x-forwarded-for': '203.0.113.7' })).status, path).toBe(403);
    }
    expect((await get(`${http.url}/dashboard.xlsx`)).status).toBe(200);
  });
});
