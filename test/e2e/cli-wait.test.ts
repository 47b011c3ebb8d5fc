// `coaching-bot prompt|remind|evaluate` against a local Slack that rate-limits: a 429 is tried again after its
// Retry-After, and the verb waits (5 minutes unless told) until each message of its run is delivered or refused for
// good — exit 0 when all are delivered, else 1 naming who was not reached and why. `--no-wait` hands the retries
// over to the running bot.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import { instantAt } from '../../src/core/calendar.ts';
import type { Clock } from '../../src/core/ports.ts';
import { loadProgramme } from '../../src/runtime.ts';
import { closeDatabase, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { BOT_TOKEN, manifestScopes } from '../fakes/slack-bot.ts';
import { FakeSlack } from '../fakes/slack-server.ts';
import { ROOT } from '../support/child.ts';
import { tempDatabaseUrl } from '../support/fixtures.ts';

const WEEK = '2026-W47';
/** One intrapreneur (Alice), her coach, her manager, one owner: a run of one message. */
const PROGRAMME_FILE = join(ROOT, 'test/fixtures/programme/valid-minimal.yml');

/** Starts at a wall time in Paris, then runs at the real pace: retries wait real seconds. */
function runningFrom(date: string, hour: number): Clock {
  const start = instantAt(date, hour, 0, 'Europe/Paris').getTime();
  const origin = Date.now();
  return { now: () => new Date(start + (Date.now() - origin)) };
}

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t) };
}

describe('a CLI verb and its messages', () => {
  let slack: FakeSlack;
  let url: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, scopes: manifestScopes() });
    url = tempDatabaseUrl();
    env = {
      PROGRAMME_FILE,
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'local-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
    };
  });
  afterEach(async () => {
    expect(slack.violations).toEqual([]);
    await slack.close();
  });

  function addPeople(except: string[] = []): void {
    for (const person of loadProgramme(PROGRAMME_FILE).people) {
      if (!except.includes(person.id)) slack.addUser({ name: person.name, email: person.email });
    }
  }

  async function prompts() {
    const database = openDatabase(url, { readonly: true });
    try {
      return await new DrizzleStore(database, loadProgramme(PROGRAMME_FILE).key).listOutbox({ week: WEEK });
    } finally {
      closeDatabase(database);
    }
  }

  const run = async (args: string[], clock = runningFrom('2026-11-20', 14)) => {
    const out = capture();
    const code = await main(args, out, env, { clock });
    return { code, out: out.lines, err: out.errors };
  };

  it('sends again after a Retry-After of 1 second, and exits 0 once delivered', async () => {
    addPeople();
    slack.inject('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await run(['prompt', '--week', WEEK])).toEqual({
      code: 0,
      out: [`prompt ${WEEK} : 1 envoyé sur 1.`],
      err: [],
    });
    expect(slack.callsOf('chat.postMessage').map((c) => c.outcome)).toEqual(['http_429', 'ok']);
    const [entry] = await prompts();
    expect(entry).toMatchObject({ status: 'sent', attempts: 2 });
    // Tried again a second after the refusal, as Slack said: not 30 seconds later.
    const retryAfterMs = (entry?.nextAttemptAt.getTime() ?? 0) - (entry?.dueAt.getTime() ?? 0);
    expect(retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(retryAfterMs).toBeLessThan(10_000);
  });

  it('with --no-wait, leaves the retry to the running bot and says so', async () => {
    addPeople();
    slack.inject('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await run(['prompt', '--week', WEEK, '--no-wait'])).toEqual({
      code: 0,
      out: [
        `prompt ${WEEK} : 0 envoyé sur 1, 1 en attente de nouvel essai.`,
        'Le message en attente partira avec le bot en marche (coaching-bot start), à l’heure du nouvel essai.',
      ],
      err: [],
    });
    const [entry] = await prompts();
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ratelimited' });
    expect((entry?.nextAttemptAt.getTime() ?? 0) - (entry?.dueAt.getTime() ?? 0)).toBeLessThan(10_000);
  });

  it('waits no longer than told, then exits 1 saying what is still waiting and until when', async () => {
    addPeople();
    slack.inject('chat.postMessage', { status: 429, retryAfter: 120 });
    const result = await run(['prompt', '--week', WEEK, '--wait', '2s']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([`prompt ${WEEK} : 0 envoyé sur 1, 1 en attente de nouvel essai.`]);
    expect(result.err.join('\n').split('\n')).toEqual([
      'Non remis : 1 message sur 1.',
      expect.stringMatching(
        /^• Alice Martin \(point hebdomadaire\) : pas encore remis — ratelimited ; nouvel essai prévu à \d\d:\d\d:\d\d\.$/,
      ),
      'Le bot en marche (coaching-bot start) réessaiera ceux qui sont en attente ; relancez la commande pour attendre encore.',
    ]);
  });

  it('exits 1 naming whom the platform refused for good, and why', async () => {
    addPeople(['alice']);
    const result = await run(['prompt', '--week', WEEK]);
    expect(result).toEqual({
      code: 1,
      out: [`prompt ${WEEK} : 0 envoyé sur 1, 1 refusé.`],
      err: [
        'Non remis : 1 message sur 1.\n• Alice Martin (point hebdomadaire) : refusé définitivement — users_not_found.',
      ],
    });
  });

  it('waits for the evaluation’s digest too', async () => {
    addPeople();
    await run(['prompt', '--week', WEEK]);
    slack.inject('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await run(['evaluate', '--week', WEEK], runningFrom('2026-11-24', 9));
    expect(result).toEqual({
      code: 0,
      // Alice's silence is an alert of the owners' digest alone: one message, sent after Slack's 429.
      out: [`${WEEK} évaluée : 1 alerte ; 1 message envoyé sur 1.`],
      err: [],
    });
  });

  it('refuses a waiting time it does not understand, and both options at once', async () => {
    expect(await run(['prompt', '--wait', '5 minutes'])).toMatchObject({
      code: 1,
      err: [
        'Durée d’attente incomprise « 5 minutes » : écrivez par exemple 30s, 5m ou 1h (ou --no-wait pour ne pas attendre).',
      ],
    });
    expect(await run(['remind', '--wait', '1m', '--no-wait'])).toMatchObject({
      code: 1,
      err: ['--wait et --no-wait ne vont pas ensemble : choisissez l’un ou l’autre.'],
    });
    expect(slack.calls).toEqual([]);
  });
});
