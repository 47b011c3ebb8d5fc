// The inbound contract on the sandbox: the forms of its page posted over HTTP, as a browser on this machine posts them,
// and the page they lead back to, where the answer shows.
import { readEnv } from '../../src/config/env.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { createSandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import { exampleProgramme, openBotOn, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { type InboundRequest, inboundContract, WEEK } from './inbound-contract.ts';

/** A page of another site posting to the sandbox: the browser says where the form comes from. */
const ELSEWHERE = { origin: 'https://evil.example' };

inboundContract('sandbox', async () => {
  const clock = new TestClock(new Date());
  clock.setParis('2026-11-20', 14);
  const url = tempDatabaseUrl();
  const env = readEnv({ DATABASE_URL: url }, '/');
  const { bot, platform } = await openBotOn(url, exampleProgramme(), clock, (deps) =>
    createSandboxPlatform(deps, env),
  );
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    logger: bot.ctx.logger,
    routes: platform.routes,
  });
  /** The pages each person was led back to: their answers show there, once. */
  const shown = new Map<string, string[]>();
  const page = async (person: string) => (await fetch(`${http.url}/?as=${person}`)).text();
  const form = (
    path: string,
    person: string,
    fields: Record<string, string>,
    headers = {},
  ): InboundRequest => {
    const body = new URLSearchParams({ as: person, ...fields }).toString();
    return {
      send: async () => {
        const res = await fetch(`${http.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body,
          redirect: 'manual',
        });
        const location = res.headers.get('location');
        if (location) {
          const next = await (await fetch(new URL(location, http.url))).text();
          shown.set(person, [...(shown.get(person) ?? []), next]);
        }
        return { status: res.status };
      },
    };
  };
  const value = (label: '1' | '½') => (label === '1' ? '1' : '0.5');
  /** The command form as the page gives it: with its one-time id. */
  const log = async (coach: string, intrapreneur: string, text: string, headers = {}) => {
    const once = /name="once" value="([^"]+)"/.exec(await page(coach))?.[1];
    if (!once) throw new Error('the command form has no one-time id');
    return form('/sandbox/command', coach, { text: `/coaching log @${intrapreneur} ${text}`, once }, headers);
  };
  return {
    ctx: bot.ctx,
    accepted: 303,
    refused: 403,
    notYours: 'Vous ne pouvez pas répondre à la place d’Alice Martin.',
    click: async (person, label) =>
      form('/sandbox/answer', person, { week: WEEK, field: 'release', value: value(label) }),
    forgedClick: async (person, label) =>
      form('/sandbox/answer', person, { week: WEEK, field: 'release', value: value(label) }, ELSEWHERE),
    // Anyone on this machine may post any form: here Nicolas posts Alice's check-in as himself.
    clickFor: async (actor, intrapreneur, label) =>
      form('/sandbox/answer', actor, { intrapreneur, week: WEEK, field: 'release', value: value(label) }),
    log: (coach, intrapreneur, text) => log(coach, intrapreneur, text),
    forgedLog: (coach, intrapreneur, text) => log(coach, intrapreneur, text, ELSEWHERE),
    // Each form is answered before its redirect: nothing is left to settle.
    settle: async () => {},
    seen: async (person) => [...(shown.get(person) ?? []), await page(person)].join('\n'),
    close: async () => {
      await http.close();
      await platform.stop();
      bot.close();
    },
  };
});
