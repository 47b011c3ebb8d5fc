// The sandbox's routes over HTTP, without a browser: a request from elsewhere is refused in the page's language, and
// the check-in form's posts are read strictly (a value that is not one of the buttons of its question changes nothing).
import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/config/env.ts';
import type { Programme } from '../../src/core/programme.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { messages } from '../../src/i18n/index.ts';
import { createSandboxPlatform, type SandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import {
  exampleProgramme,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';

const WEEK = '2026-W47';

/** A request with the headers a test chooses (fetch will not let it set Host). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<{ status: number; body: string; type: string | undefined; location: string | undefined }> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: {
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            type: res.headers['content-type'],
            location: res.headers.location,
          }),
        );
      },
    );
    req.on('error', reject).end(body);
  });
}

describe('the sandbox over HTTP', () => {
  let bot: TestBot;
  let platform: SandboxPlatform;
  let http: HttpServer;
  let clock: TestClock;

  async function open(programme: Programme): Promise<void> {
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    const url = tempDatabaseUrl();
    const env = readEnv({ DATABASE_URL: url }, '/');
    ({ bot, platform } = await openBotOn(url, programme, clock, (deps) => createSandboxPlatform(deps, env)));
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: bot.ctx.logger,
      routes: platform.routes,
    });
  }

  afterEach(async () => {
    await http.close();
    await platform.stop();
    bot.close();
  });

  describe('a request from elsewhere', () => {
    beforeEach(() => open(exampleProgramme()));
    const relayed = { 'x-forwarded-for': '203.0.113.9' };

    it('is refused in the programme’s language, French', async () => {
      for (const [method, path] of [
        ['GET', '/'],
        ['POST', '/sandbox/answer'],
        ['POST', '/sandbox/command'],
        ['POST', '/sandbox/run'],
      ] as const) {
        const reply = await send(`${http.url}${path}`, { method, headers: relayed });
        expect(reply.status, path).toBe(403);
        expect(reply.body, path).toBe(messages('fr').sandbox.localOnly);
        expect(reply.body).toContain('Le bac à sable ne répond qu’aux requêtes faites depuis cette machine');
        expect(reply.type).toBe('text/plain; charset=utf-8');
      }
    });

    it('is refused in English on an English page', async () => {
      const reply = await send(`${http.url}/?as=alice&lang=en`, { headers: relayed });
      expect(reply.status).toBe(403);
      expect(reply.body).toBe(
        'The sandbox answers requests from this machine only: open it in a browser on the bot’s server.',
      );
    });
  });

  it('is refused in English when the programme is in English', async () => {
    await open({ ...exampleProgramme(), locale: 'en' });
    const reply = await send(`${http.url}/`, { headers: { host: 'evil.example' } });
    expect(reply.status).toBe(403);
    expect(reply.body).toBe(messages('en').sandbox.localOnly);
  });

  describe('the check-in form', () => {
    beforeEach(() => open(exampleProgramme()));
    const answer = (field: string, value: string) =>
      send(`${http.url}/sandbox/answer`, {
        method: 'POST',
        headers: { host: new URL(http.url).host },
        form: { as: 'alice', week: WEEK, field, value },
      });

    it('records the buttons’ values', async () => {
      expect((await answer('release', '0.5')).status).toBe(303);
      expect((await answer('coaching', 'yes')).status).toBe(303);
      expect(await bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
        release: { kind: 'days', days: 0.5 },
        coachingHeld: true,
      });
      expect((await answer('release', 'leave')).status).toBe(303);
      expect((await bot.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'leave' });
    });

    it('refuses a value no button of that question carries, and changes nothing', async () => {
      for (const [field, value] of [
        ['release', '0.50'],
        ['release', ' 1'],
        ['release', '3'],
        ['release', 'yes'],
        ['coaching', '1'],
        ['coaching', 'leave'],
        ['coaching', 'true'],
        ['other', 'yes'],
      ] as const) {
        const reply = await answer(field, value);
        expect(reply.status, `${field}=${value}`).toBe(400);
        expect(reply.body).toBe(messages('fr').sandbox.badForm);
      }
      expect(await bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
    });
  });

  describe('an owner at work', () => {
    beforeEach(() => open(exampleProgramme()));

    /** Posts a form as `as`, then reads the page the bot sends them back to: what they see of its reply. */
    async function act(path: string, form: Record<string, string>): Promise<string> {
      const posted = await send(`${http.url}${path}`, { method: 'POST', form });
      expect(posted.status).toBe(303);
      const page = await send(`${http.url}${posted.location}`);
      return /<section id="ephemeral"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    }

    it('cannot evaluate a week that is not over, nor prompt one that has not begun: the use cases say why', async () => {
      const evaluate = await act('/sandbox/run', { as: 'claire', job: 'evaluate', week: WEEK });
      expect(evaluate).toContain(
        'La semaine 47, du 16 au 20 novembre (2026-W47) n’est pas finie : ses rappels et son évaluation attendent sa fin.',
      );
      const remind = await act('/sandbox/run', { as: 'claire', job: 'reminder', week: WEEK });
      expect(remind).toContain('n’est pas finie');
      const prompt = await act('/sandbox/run', { as: 'claire', job: 'prompt', week: '2026-W48' });
      expect(prompt).toContain('La semaine 48, du 23 au 27 novembre (2026-W48) n’a pas encore commencé');
      expect(await bot.ctx.store.isEvaluated(WEEK)).toBe(false);
      expect(await bot.ctx.store.listOutbox({})).toEqual([]);
    });

    it('opens Alice’s evaluated week with /checkin @alice and corrects it for her; nobody else can', async () => {
      expect(await act('/sandbox/run', { as: 'claire', job: 'prompt', week: WEEK })).toContain(
        '6 messages envoyés',
      );
      await act('/sandbox/answer', { as: 'alice', week: WEEK, field: 'release', value: '0' });
      clock.setParis('2026-11-24', 9);
      expect(await act('/sandbox/run', { as: 'claire', job: 'evaluate', week: WEEK })).toContain('évaluée');

      const form = await act('/sandbox/command', { as: 'claire', text: `/checkin @alice ${WEEK}` });
      expect(form).toContain('Point hebdomadaire de Alice Martin, rempli par vous');
      expect(form).toContain('<input type="hidden" name="intrapreneur" value="alice">');
      const done = await act('/sandbox/answer', {
        as: 'claire',
        intrapreneur: 'alice',
        week: WEEK,
        field: 'release',
        value: '1',
      });
      expect(done).toContain('C’est noté');
      expect(await bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
        release: { kind: 'days', days: 1 },
        answeredBy: 'claire',
      });

      const refused = await act('/sandbox/answer', {
        as: 'nicolas',
        intrapreneur: 'alice',
        week: WEEK,
        field: 'release',
        value: '0',
      });
      expect(refused).toContain('Vous ne pouvez pas répondre à la place d’Alice Martin.');
      expect(await act('/sandbox/command', { as: 'nicolas', text: '/checkin @alice' })).toContain(
        'Seuls les responsables du programme peuvent ouvrir le point hebdomadaire d’Alice Martin',
      );
      expect((await bot.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 1 });
      expect((await bot.ctx.store.listCorrections({})).map((c) => [c.by, c.before, c.after])).toEqual([
        ['claire', '0', '1'],
      ]);
    });
  });

  describe('a command typed on the page', () => {
    beforeEach(() => open(exampleProgramme()));

    /** Posts a command as `who`, then opens the page the form leads back to, where the reply is shown. */
    async function typed(who: string, text: string): Promise<string> {
      const host = { host: new URL(http.url).host };
      const posted = await send(`${http.url}/sandbox/command`, {
        method: 'POST',
        headers: host,
        form: { as: who, text },
      });
      expect(posted.status).toBe(303);
      const page = await send(`${http.url}${posted.location}`, { headers: host });
      return /<section id="ephemeral"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    }

    it('shows what to type as code, never as raw backticks, with every word the log accepts', async () => {
      const reply = await typed('julien', '/coaching help');
      expect(reply).not.toContain('`');
      expect(reply).toContain('<code>/coaching log @intrapreneur [date] [durée] notes…</code>');
      for (const word of [
        'hier',
        'yesterday',
        'aujourd&#39;hui',
        'today',
        '27/11',
        '27-11',
        '27.11',
        '90 minutes',
        '1 h 30',
      ]) {
        expect(reply, word).toContain(`<code>${word}</code>`);
      }
    });
  });
});
