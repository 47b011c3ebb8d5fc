// When the database will not take a write — another process holds its write lock, or it refuses writes altogether —
// the person is told the truth in the words of what they did, on every platform; Slack's acknowledgement never waits
// for the database; `/readyz` says a write cannot be made; and nothing already stored is lost.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { readinessRoute } from '../../src/cli/readiness.ts';
import { readEnv } from '../../src/config/env.ts';
import type { Logger } from '../../src/core/ports.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { createSandboxPlatform } from '../../src/platforms/sandbox/index.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { click, conversation, slashCommand, submitDialog } from '../fakes/mattermost-integrations.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import {
  type BotOptions,
  exampleProgramme,
  openBot,
  openBotOn,
  type TestBot,
  TestClock,
  tempDatabaseUrl,
} from '../support/fixtures.ts';
import { holdWriteLock, type WriteLock } from '../support/write-lock.ts';

const WEEK = '2026-W47';
const LOG = (alice: string) => `log <@${alice}|alice.martin> 45min revue du POC confidentielle`;

interface Line {
  level: string;
  obj: Record<string, unknown>;
  msg?: string;
}

function recordingLogger(lines: Line[]): Logger {
  const at = (level: string) => (obj: object, msg?: string) =>
    lines.push({ level, obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A store for the bot, with calls to `addCoachingSession` counted: the first attempt is made as the call is. */
function countingStore(lockPatienceMs?: number): { calls: () => number; store: BotOptions['store'] } {
  let calls = 0;
  return {
    calls: () => calls,
    store: (database, programme) => {
      const handle = lockPatienceMs === undefined ? database : { ...database, lockPatienceMs };
      const store = new DrizzleStore(handle, programme.key);
      const add = store.addCoachingSession.bind(store);
      store.addCoachingSession = (session) => {
        calls++;
        return add(session);
      };
      return store;
    },
  };
}

describe('Slack while another process holds the write lock', () => {
  let s: SlackBot;
  let lock: WriteLock | undefined;
  afterEach(async () => {
    lock?.release();
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  it('acknowledges at once, keeps answering others, and stores the session once the lock is released', async () => {
    const store = countingStore();
    s = await startSlackBot({ store: store.store });
    const julien = s.slackId('julien');
    lock = holdWriteLock(s.bot.database.path);

    const typed = await s.workspace.command(julien, '/coaching', LOG(s.slackId('alice')));
    expect(typed).toEqual({ status: 200, body: '' });
    // The write was tried and found the lock held; it waits without holding up the process.
    await vi.waitFor(() => expect(store.calls()).toBe(1));
    // Meanwhile another person's command is acknowledged and answered, the lock still held.
    const phase = await s.workspace.ask(s.slackId('claire'), '/phase');
    expect(phase.text).toContain('Prochaine étape');
    expect(s.slack.ephemerals.filter((e) => e.user === julien)).toEqual([]);

    lock.release();
    await s.slack.until(() => s.slack.ephemerals.some((e) => e.user === julien), 'the /coaching answer');
    const [answer] = s.slack.ephemerals.filter((e) => e.user === julien);
    expect(answer?.text).toContain('Séance de coaching enregistrée pour Alice Martin');
    expect(await s.bot.ctx.store.listCoachingSessions({})).toMatchObject([
      { intrapreneur: 'alice', loggedBy: 'julien', notes: 'revue du POC confidentielle' },
    ]);
  });

  it('tells the coach the session was not recorded when the lock outlasts the wait, and to try again', async () => {
    const lines: Line[] = [];
    s = await startSlackBot({ logger: recordingLogger(lines), store: countingStore(300).store });
    const julien = s.slackId('julien');
    lock = holdWriteLock(s.bot.database.path);

    const answer = await s.workspace.ask(julien, '/coaching', LOG(s.slackId('alice')));
    expect(answer.text).toBe(
      'Votre séance de coaching n’a pas été enregistrée : la base de données du bot est occupée par une autre opération (une sauvegarde, par exemple). Réessayez dans un instant.',
    );
    expect(await s.bot.ctx.store.listCoachingSessions({})).toEqual([]);
    // Why, for the operator: the code, not the notes.
    const logged = lines.find((l) => l.msg === 'storage: refused by the database, nothing recorded');
    expect(logged).toMatchObject({
      level: 'error',
      obj: { action: 'coaching_log', code: 'storage_busy', cause: 'SQLITE_BUSY' },
    });
    expect(JSON.stringify(lines)).not.toContain('confidentielle');

    // Once the other process is done, trying again works.
    lock.release();
    const again = await s.workspace.ask(julien, '/coaching', LOG(s.slackId('alice')));
    expect(again.text).toContain('Séance de coaching enregistrée pour Alice Martin');
    expect(await s.bot.ctx.store.listCoachingSessions({})).toHaveLength(1);
  });
});

describe('Slack when a command fails for another reason', () => {
  it('says the command did not go through, not that a click was not saved', async () => {
    const s = await startSlackBot();
    try {
      // Slack cannot say who typed it.
      s.slack.inject('users.info', { error: 'internal_error' });
      const answer = await s.workspace.ask(s.slackId('julien'), '/phase');
      expect(answer.text).toBe(
        'Une erreur est survenue de notre côté ; votre commande n’a pas abouti. Réessayez dans un instant.',
      );
      expect(s.slack.violations).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a database that refuses writes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('on Slack: a click says the answer was not recorded, the comment modal that the comment was not', async () => {
    const s = await startSlackBot();
    try {
      await sendPrompts(s.bot.ctx, WEEK);
      const alice = s.slackId('alice');
      const [prompt] = s.slack.directMessages(alice);
      if (!prompt) throw new Error('no prompt');
      await s.workspace.click(alice, prompt, '1');
      await s.slack.until(() => prompt.edits === 1, 'the first click to be shown');
      // From now on the file refuses every write (as a read-only file would).
      s.bot.database.sqlite.pragma('query_only = ON');

      await s.workspace.click(alice, prompt, '0');
      await s.slack.until(() => s.slack.ephemerals.length === 1, 'the refusal');
      expect(s.slack.ephemerals[0]?.text).toBe(
        'Votre réponse n’a pas été enregistrée : le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.',
      );
      await s.workspace.click(alice, prompt, 'Ajouter un commentaire');
      await s.slack.until(() => s.slack.views.size === 1, 'the comment modal');
      const [view] = s.slack.views.keys();
      const submitted = await s.workspace.submit(alice, view as string, { comment: 'semaine chargée' });
      expect(submitted.status).toBe(200);
      expect(JSON.parse(submitted.body)).toEqual({
        response_action: 'errors',
        errors: {
          comment:
            'Votre commentaire n’a pas été enregistré : le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.',
        },
      });
      // What was stored before is intact, and shown as it was.
      expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
        release: { kind: 'days', days: 1 },
      });
      expect(prompt.edits).toBe(1);
      expect(s.slack.violations).toEqual([]);
    } finally {
      await s.close();
    }
  });

  describe('on Mattermost', () => {
    let w: MattermostWorld;
    afterEach(async () => {
      expect(w.mm.violations).toEqual([]);
      await w.close();
    });

    it('says what was not recorded: a coaching session, an answer, a comment', async () => {
      w = await mattermostWorld();
      await w.platform.start();
      await sendPrompts(w.app.ctx, WEEK);
      w.clock.setParis('2026-11-20', 16);
      w.app.database.sqlite.pragma('query_only = ON');
      const why = 'le bot ne peut pas écrire dans sa base de données. Prévenez l’administrateur du bot.';

      const logged = await slashCommand(w.mm, 'jmoreau', '/coaching log @amartin 45min revue du POC');
      expect(logged.response?.text).toBe(`Votre séance de coaching n’a pas été enregistrée : ${why}`);
      const prompt = conversation(w.mm, w.bot, 'amartin')[0];
      if (!prompt) throw new Error('no prompt');
      expect(await click(w.mm, 'amartin', prompt, '1')).toMatchObject({
        ok: true,
        ephemeral: `Votre réponse n’a pas été enregistrée : ${why}`,
      });
      await click(w.mm, 'amartin', prompt, 'Ajouter un commentaire');
      expect(await submitDialog(w.mm, 'amartin', { comment: 'semaine chargée' })).toEqual({
        status: 200,
        error: `Votre commentaire n’a pas été enregistré : ${why}`,
      });
      expect(await w.app.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      expect(await w.app.ctx.store.listCoachingSessions({})).toEqual([]);
    });
  });

  describe('in the sandbox', () => {
    let bot: TestBot;
    let http: HttpServer;
    afterEach(async () => {
      await http.close();
      bot.close();
    });

    it('says the answer was not recorded, and that an owner’s run did not go through', async () => {
      const clock = new TestClock(new Date());
      clock.setParis('2026-11-20', 14);
      const url = tempDatabaseUrl();
      const env = readEnv({ DATABASE_URL: url }, '/');
      const opened = await openBotOn(url, exampleProgramme(), clock, (deps) =>
        createSandboxPlatform(deps, env),
      );
      bot = opened.bot;
      const { platform } = opened;
      http = await startHttpServer({
        host: '127.0.0.1',
        port: 0,
        logger: bot.ctx.logger,
        routes: platform.routes,
      });
      bot.database.sqlite.pragma('query_only = ON');

      const post = async (path: string, form: Record<string, string>) => {
        const posted = await fetch(`${http.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
          redirect: 'manual',
        });
        expect(posted.status).toBe(303);
        const page = await fetch(new URL(posted.headers.get('location') ?? '', http.url));
        return page.text();
      };
      const answered = await post('/sandbox/answer', {
        as: 'alice',
        week: WEEK,
        field: 'release',
        value: '1',
      });
      expect(answered).toContain(
        'Votre réponse n’a pas été enregistrée : le bot ne peut pas écrire dans sa base de données.',
      );
      const ran = await post('/sandbox/run', { as: 'claire', week: WEEK, job: 'prompt' });
      expect(ran).toContain(
        'Votre demande n’a pas abouti : le bot ne peut pas écrire dans sa base de données.',
      );
      expect(await bot.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      await platform.stop();
    });
  });
});

describe('/readyz and the write lock', () => {
  let bot: TestBot;
  let http: HttpServer;
  let lock: WriteLock | undefined;
  afterEach(async () => {
    lock?.release();
    await http.close();
    bot.close();
  });

  it('says the database is locked while another process holds the write lock, and ready once released', async () => {
    bot = await openBot(tempDatabaseUrl(), exampleProgramme(), new TestClock(new Date()), undefined);
    const readyz = readinessRoute({
      database: bot.storage,
      platforms: [],
      scheduler: () => ({ running: true, stop: async () => {} }),
      stopping: () => false,
    });
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: bot.ctx.logger,
      routes: { 'GET /readyz': readyz },
    });
    const get = async () => {
      const response = await fetch(`${http.url}/readyz`);
      return { status: response.status, body: await response.json() };
    };
    expect(await get()).toMatchObject({ status: 200, body: { checks: { database: 'ok' } } });

    lock = holdWriteLock(bot.database.path);
    expect(await get()).toMatchObject({
      status: 503,
      body: { status: 'not_ready', checks: { database: 'locked' } },
    });
    lock.release();
    expect(await get()).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: 'ok' } } });
  });
});
