// One e-mail platform for two programmes (the bundled Hauts-de-France and La Réunion): one real SMTP server in the
// process, the bot's HTTP server whose address is PUBLIC_URL, the links followed as a person would. Each programme's
// intrapreneurs get their prompt; each link answers in its own programme, and a link of one programme never acts on
// the other, altered or signed with the other's key.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { mountDashboard } from '../../src/http/dashboard/routes.ts';
import { botSecret } from '../../src/http/dashboard/secret.ts';
import { type HttpServer, type Route, startHttpServer } from '../../src/http/server.ts';
import { assetRoutes } from '../../src/http/web/assets.ts';
import { createEmailPlatform, LINK_SECRET } from '../../src/platforms/email/index.ts';
import { checkinUrl, linkExpiry, signCheckinToken } from '../../src/platforms/email/links.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { emailEnv } from '../support/email-bot.ts';
import { TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { confirm, formOf, linkTo, open, post } from '../support/mail-links.ts';
import { type MailServer, type ReceivedMail, startMailServer, TEST_CA } from '../support/mail-server.ts';

const DIR = fileURLToPath(new URL('../../examples/programmes', import.meta.url));
const HDF = 'startups-de-territoire-hauts-de-france';
const WEEK = '2026-W48';
const ONE_DAY = 'Un jour';

describe('one e-mail platform, two programmes', () => {
  let mail: MailServer;
  let runtime: Runtime;
  let http: HttpServer;
  let platform: Platform | undefined;
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-27', 15);

  beforeAll(async () => {
    mail = await startMailServer();
    // PUBLIC_URL is known once the server listens; the platform's routes are made after.
    const table: Record<string, Route> = { ...assetRoutes() };
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: {},
      fallback: (req, res) => {
        const route = table[`${req.method} ${(req.url ?? '/').split('?')[0]}`];
        if (!route) return void res.writeHead(404).end();
        return route(req, res);
      },
    });
    const env = {
      ...emailEnv({ databaseUrl: tempDatabaseUrl(), publicUrl: http.url, smtpUrl: mail.url }),
      programmeFile: DIR,
    };
    runtime = await openRuntime(env, {
      logger: silentLogger,
      clock,
      platforms: (deps) => [createEmailPlatform(deps, env, { tls: { ca: TEST_CA } })],
      dashboard: true,
    });
    platform = runtime.platforms[0];
    Object.assign(table, mountDashboard(runtime.programmes, env, runtime.platforms).routes, platform?.routes);
    await platform?.start();
  });
  afterAll(async () => {
    await platform?.stop();
    await http?.close();
    await mail?.close();
    await runtime?.close();
  });

  const ctxOf = (key: string) => {
    const ctx = runtime.programmes.get(key);
    if (!ctx) throw new Error(`no programme ${key}`);
    return ctx;
  };
  const store = (key: string) => ctxOf(key).store;
  const promptTo = (address: string): ReceivedMail => {
    const [prompt] = mail.to(address);
    if (!prompt) throw new Error(`no prompt to ${address}`);
    return prompt;
  };
  /** A link's token with its claims changed, its signature kept. */
  const altered = (url: string, claims: Record<string, unknown>) => {
    const link = new URL(url);
    const [payload = '', signature = ''] = (link.searchParams.get('t') ?? '').split('.');
    const old = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const changed = Buffer.from(JSON.stringify({ ...old, ...claims })).toString('base64url');
    link.searchParams.set('t', `${changed}.${signature}`);
    return link.toString();
  };

  it('sends each programme’s prompts to its own intrapreneurs, under its programme’s key', async () => {
    await sendPrompts(ctxOf(HDF), WEEK);
    await sendPrompts(ctxOf('reunion'), WEEK);
    await mail.waitFor(9, 20_000);
    expect(mail.mails.flatMap((m) => m.to).sort()).toEqual([
      'alice.martin@example.org',
      'anais.fontaine@example.org',
      'camille.lambert@example.org',
      'elodie.fournier@example.org',
      'kevin.riviere@example.org',
      'lea.grondin@example.org',
      'mehdi.haddad@example.org',
      'nicolas.durand@example.org',
      'pierre.dupont@example.org',
    ]);
    expect(promptTo('lea.grondin@example.org').messageId).toBe(`<reunion=2Fprompt.lea.${WEEK}@[127.0.0.1]>`);
    expect(promptTo('alice.martin@example.org').messageId).toBe(
      `<${HDF}=2Fprompt.alice.${WEEK}@[127.0.0.1]>`,
    );
    const listId = (m: ReceivedMail) => m.parsed.headerLines.find((h) => h.key === 'list-id')?.line;
    expect(listId(promptTo('lea.grondin@example.org'))?.endsWith(' <reunion.127.0.0.1>')).toBe(true);
    expect(listId(promptTo('alice.martin@example.org'))?.endsWith(` <${HDF}.127.0.0.1>`)).toBe(true);
  });

  it('answers each link in its own programme', async () => {
    const lea = await confirm(linkTo(promptTo('lea.grondin@example.org'), ONE_DAY));
    expect(lea.text).toContain('Votre réponse est enregistrée');
    const alice = await confirm(linkTo(promptTo('alice.martin@example.org'), 'Une demi-journée (½)'));
    expect(alice.text).toContain('Votre réponse est enregistrée');
    expect((await store('reunion').getAnswer('lea', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
    expect((await store(HDF).getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 });
  });

  it('threads a reminder under its prompt, both under the programme’s key', async () => {
    clock.setParis('2026-11-30', 10);
    await sendReminders(ctxOf('reunion'), WEEK);
    const kevin = mail.to('kevin.riviere@example.org');
    expect(kevin.map((m) => m.inReplyTo)).toEqual([
      undefined,
      `<reunion=2Fprompt.kevin.${WEEK}@[127.0.0.1]>`,
    ]);
    expect(kevin[0]?.messageId).toBe(kevin[1]?.inReplyTo);
  });

  it('never lets a link of one programme act on the other', async () => {
    const kevinLink = linkTo(promptTo('kevin.riviere@example.org'), ONE_DAY);
    // Kévin's link moved to Hauts-de-France: no longer the bot's signature.
    const moved = await open(altered(kevinLink, { g: HDF }));
    expect(moved.status).toBe(401);
    // A link signed with Hauts-de-France's own key, for Kévin of La Réunion, or for Alice in La Réunion.
    const hdfKey = await botSecret(runtime.portsOf(ctxOf(HDF)).secrets, LINK_SECRET);
    const forged = (person: string) =>
      checkinUrl(
        http.url,
        signCheckinToken(hdfKey, {
          person,
          week: WEEK,
          expiresAt: linkExpiry(WEEK, 'Indian/Reunion'),
          programme: 'reunion',
        }),
        '1',
      );
    for (const url of [forged('kevin'), forged('alice')]) expect((await open(url)).status).toBe(401);
    // Kévin's genuine page, its form posted with the token moved to Hauts-de-France.
    const page = await open(kevinLink);
    expect(page.status).toBe(200);
    const form = formOf(page.html);
    form.set('t', new URL(altered(kevinLink, { g: HDF })).searchParams.get('t') ?? '');
    expect((await post(kevinLink, form)).status).toBe(401);
    expect(await store('reunion').getAnswer('kevin', WEEK)).toBeUndefined();
    expect(await store(HDF).getAnswer('alice', WEEK)).toMatchObject({ release: { kind: 'days', days: 0.5 } });
  });

  it('takes a link made while the deployment served one programme in the first programme', async () => {
    const hdfKey = await botSecret(runtime.portsOf(ctxOf(HDF)).secrets, LINK_SECRET);
    const expiresAt = linkExpiry(WEEK, 'Europe/Paris');
    const before = checkinUrl(
      http.url,
      signCheckinToken(hdfKey, { person: 'nicolas', week: WEEK, expiresAt }),
      '0',
    );
    expect((await confirm(before)).status).toBe(200);
    expect((await store(HDF).getAnswer('nicolas', WEEK))?.release).toEqual({ kind: 'days', days: 0 });
  });

  it('gives Claire, owner of both, one digest per programme, whose link opens that programme’s dashboard', async () => {
    clock.setParis('2026-12-01', 10);
    await evaluateWeek(ctxOf(HDF), WEEK);
    await evaluateWeek(ctxOf('reunion'), WEEK);
    const digests = mail.to('claire.dubois@example.org').filter((m) => m.subject.startsWith('Synthèse'));
    expect(digests).toHaveLength(2);
    const names: string[] = [];
    for (const digest of digests) {
      const link = linkTo(digest, 'Ouvrir le tableau de bord');
      const board = await open(link);
      expect(board.status).toBe(200);
      const shown = ['Hauts-de-France', 'La Réunion'].filter((n) => board.text.includes(`Territoire — ${n}`));
      names.push(shown.join(','));
      const named = new URL(link).searchParams.get('p');
      // Its token, under the other programme's name, opens nothing.
      const other = new URL(link);
      other.searchParams.set('p', named === 'reunion' ? HDF : 'reunion');
      expect((await open(other.toString())).status).toBe(401);
    }
    expect(names).toEqual(['Hauts-de-France', 'La Réunion']);
  });
});
