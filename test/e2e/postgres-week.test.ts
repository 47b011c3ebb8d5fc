// The weekly loop end to end on PostgreSQL, as on SQLite: the bot answers the local Slack from a PostgreSQL database,
// the scheduled steps run through the real CLI (`prompt`, `remind`, `evaluate`), people click, comment and log
// sessions in the workspace; alerts and digests arrive. Then a data-protection request through the CLI:
// `export --person alice` holds every row about her, `erase --person alice` leaves no row of any table naming her.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/context.ts';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import type { Env } from '../../src/config/env.ts';
import type { Programme } from '../../src/core/programme.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createSlackPlatform } from '../../src/platforms/slack/index.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { BOT_TOKEN, manifestScopes, SIGNING_SECRET } from '../fakes/slack-bot.ts';
import { type FakeMessage, FakeSlack } from '../fakes/slack-server.ts';
import { SlackWorkspace, visibleText } from '../fakes/slack-workspace.ts';
import { COACHING_BOT, ROOT } from '../support/child.ts';
import { exampleProgramme, TestClock } from '../support/fixtures.ts';
import { newPostgresDatabase } from '../support/postgres.ts';

const WEEK = '2026-W47';
const PROGRAMME_FILE = join(ROOT, 'examples/programme.yml');
/** What names Alice, or what she and her coach wrote about her. */
const ABOUT_ALICE = ['alice', 'Alice Martin', 'ma fille est malade', 'tension avec Isabelle'];

/** Every row of every table of the database (the migrations' own included) that holds `needle`, by table. */
async function rowsHolding(pool: pg.Pool, needle: string): Promise<Record<string, number>> {
  const tables = await pool.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const rows = await pool.query<{ n: number }>(
      `select count(*)::int as n from ${name} t where strpos(t::text, $1) > 0`,
      [needle],
    );
    const n = rows.rows[0]?.n ?? 0;
    if (n > 0) found[name] = n;
  }
  return found;
}

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t) };
}

describe('the weekly loop on PostgreSQL', () => {
  let programme: Programme;
  let slack: FakeSlack;
  let runtime: Runtime;
  let http: HttpServer;
  let workspace: SlackWorkspace;
  let pool: pg.Pool;
  let cliEnv: Record<string, string>;
  const clock = new TestClock(new Date());
  const ids = new Map<string, string>();

  beforeAll(async () => {
    programme = exampleProgramme();
    const databaseUrl = await newPostgresDatabase('week');
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, scopes: manifestScopes() });
    for (const person of programme.people) {
      const user = slack.addUser({
        ...(person.slack ? { id: person.slack } : {}),
        name: person.name,
        email: person.email,
      });
      ids.set(person.id, user.id);
    }
    const env: Env = {
      programmeFile: PROGRAMME_FILE,
      databaseUrl,
      host: '127.0.0.1',
      port: 0,
      publicUrl: 'https://bot.example.org',
      logLevel: 'error',
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl },
    };
    clock.setParis('2026-11-20', 14);
    // The running bot: it answers clicks and commands, from the database only.
    runtime = await openRuntime(env, {
      logger: silentLogger,
      clock,
      programme,
      platforms: (deps) => [
        createSlackPlatform(deps, env, { pace: { perSecond: 1000, perConversationMs: 0 } }),
      ],
    });
    const [platform] = runtime.platforms;
    if (!platform) throw new Error('no Slack platform');
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: platform.routes,
    });
    await platform.start();
    workspace = new SlackWorkspace(slack, { url: `${http.url}/slack/events`, signingSecret: SIGNING_SECRET });
    // What an operator's shell gives the CLI.
    cliEnv = {
      PROGRAMME_FILE,
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
    };
  });

  afterAll(async () => {
    await runtime?.platforms[0]?.stop();
    await http?.close();
    await runtime?.close();
    await slack?.close();
    await pool?.end();
  });

  const slackId = (person: string) => ids.get(person) as string;
  const kinds = (person: string) =>
    slack
      .directMessages(slackId(person))
      .map((m) => String(m.metadata?.event_payload.key).split(':').slice(0, 2).join(':'));
  const prompt = (person: string): FakeMessage => {
    const [message] = slack.directMessages(slackId(person));
    if (!message) throw new Error(`${person} got no prompt`);
    return message;
  };

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const output = capture();
    const code = await main(args, output, cliEnv, { clock });
    return { code, out: output.lines.join('\n'), err: output.errors.join('\n') };
  }

  async function click(person: string, ...labels: string[]): Promise<void> {
    const message = prompt(person);
    for (const label of labels) {
      const edits = message.edits;
      expect((await workspace.click(slackId(person), message, label)).status).toBe(200);
      await slack.until(() => message.edits > edits, `${person}'s check-in to be redrawn`);
    }
  }

  it('prompts, takes the answers, reminds, evaluates, alerts and sends the digest', async () => {
    expect(await cli(['prompt', '--week', WEEK])).toEqual({
      code: 0,
      out: 'prompt 2026-W47 : 6 envoyés sur 6.',
      err: '',
    });
    for (const person of ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'])
      expect(kinds(person)).toEqual([`prompt:${person}`]);

    clock.setParis('2026-11-20', 16);
    await click('alice', '0', 'Non');
    await click('nicolas', '½', 'Non');
    await click('camille', 'En congés');
    await click('elodie', '1', 'Oui');
    await click('pierre', '1', 'Oui');
    const alice = slackId('alice');
    await workspace.click(alice, prompt('alice'), 'Ajouter un commentaire');
    await slack.until(() => slack.views.size === 1, 'the comment modal');
    const [view] = slack.views.keys();
    expect(
      (await workspace.submit(alice, view as string, { comment: 'Absente mardi : ma fille est malade' }))
        .status,
    ).toBe(200);
    const logged = await workspace.ask(
      slackId('julien'),
      '/coaching',
      'log @alice 45min tension avec Isabelle',
    );
    expect(logged.text).toContain('Séance de coaching enregistrée pour Alice Martin');
    expect(visibleText(prompt('alice'))).toContain('ma fille est malade');

    // Monday: Mehdi did not answer.
    clock.setParis('2026-11-23', 9, 30);
    expect(await cli(['remind', '--week', WEEK])).toEqual({
      code: 0,
      out: 'remind 2026-W47 : 1 envoyé sur 1.',
      err: '',
    });
    expect(kinds('mehdi')).toEqual(['prompt:mehdi', 'reminder:mehdi']);

    // Tuesday: the evaluation, its alerts and the owners' digest.
    clock.setParis('2026-11-24', 9);
    const evaluated = await cli(['evaluate', '--week', WEEK]);
    expect(evaluated).toEqual({
      code: 0,
      out: '2026-W47 évaluée : 3 alertes ; 4 messages envoyés sur 4.',
      err: '',
    });
    expect(kinds('claire')).toEqual(['digest:claire']);
    expect(kinds('thomas')).toEqual(['digest:thomas']);
    expect(kinds('isabelle')).toEqual(['alert:release_missed']);
    expect(kinds('laurent')).toEqual(['alert:release_missed']);
    expect(visibleText(slack.directMessages(slackId('isabelle'))[0])).toContain('Alice Martin');
    const digest = slack.directMessages(slackId('claire'))[0];
    expect(visibleText(digest)).toContain(
      'Jour libéré : 2/6 respectés, 2 manqués, 1 sans réponse, 1 exempté.',
    );
    expect(visibleText(digest)).toContain('• Pas de réponse au point hebdomadaire (1) : Mehdi Haddad');

    // Run again, nothing is sent twice.
    expect((await cli(['evaluate', '--week', WEEK])).code).toBe(0);
    const keys = slack.messages.map((m) => m.metadata?.event_payload.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(slack.violations).toEqual([]);
  });

  it('exports everything about Alice, then erases her: no row of any table names her', async () => {
    const before = Object.fromEntries(
      await Promise.all(ABOUT_ALICE.map(async (word) => [word, await rowsHolding(pool, word)])),
    );
    expect(before['ma fille est malade']).toEqual({ 'public.checkins': 1 });
    // Her prompt, the alert to her manager and the two owners' digests name her too.
    expect(before.alice).toEqual({
      'public.alerts': 1,
      'public.checkins': 1,
      'public.coaching_sessions': 1,
      'public.intrapreneurs': 1,
      'public.outbox': 4,
      'public.people': 1,
    });
    expect(before['Alice Martin']).toEqual({ 'public.people': 1 });
    expect(before['tension avec Isabelle']).toEqual({ 'public.coaching_sessions': 1 });

    const file = join(mkdtempSync(join(tmpdir(), 'coaching-bot-pg-export-')), 'alice.json');
    const exported = await cli(['export', '--person', 'alice', '--output', file]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(file);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.people).toEqual([{ id: 'alice', name: 'Alice Martin', active: true, deactivatedAt: null }]);
    expect(data.checkins.map((c: { comment: string | null }) => c.comment)).toEqual([
      'Absente mardi : ma fille est malade',
    ]);
    expect(data.coachingSessions).toEqual([
      expect.objectContaining({ intrapreneur: 'alice', loggedBy: 'julien', notes: 'tension avec Isabelle' }),
    ]);
    expect(data.alerts).toEqual([expect.objectContaining({ kind: 'release_missed', week: WEEK })]);

    // The real command, in a process of its own, as an operator runs it.
    const erase = spawnSync(process.execPath, [...COACHING_BOT, 'erase', '--person', 'alice', '--yes'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...cliEnv },
      encoding: 'utf8',
    });
    expect(erase.status).toBe(0);
    expect(erase.stdout).toMatch(/anonyme-[0-9a-f]{8}/);
    for (const word of ABOUT_ALICE) expect([word, await rowsHolding(pool, word)]).toEqual([word, {}]);
    // Still in the programme file: the operator is told to remove her, or the next sync writes her back.
    expect(erase.stderr).toContain('figure encore dans');
    const anonymousId = /anonyme-[0-9a-f]{8}/.exec(erase.stdout)?.[0];
    // Her week still counts, under the anonymous id.
    const kept = await pool.query(
      'select intrapreneur, released_days, coaching_held from checkins order by 1',
    );
    expect(kept.rows.filter((r) => r.intrapreneur === anonymousId)).toEqual([
      { intrapreneur: anonymousId, released_days: 0, coaching_held: false },
    ]);
    const again = await cli(['export', '--person', 'alice']);
    expect(again.err).toContain('Rien n’est enregistré');
    expect(JSON.parse(again.out)).toMatchObject({ records: 0, checkins: [], deliveries: [] });
  });
});
