// The whole week over Slack, with the scheduled steps run through the use cases and the people clicking in the local
// workspace: prompt → clicks → correction → reminder → evaluation → alerts to owners and managers → digest. Slack
// throttles and fails along the way; every message still arrives, once.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const WEEK = '2026-W47';

describe('the week over Slack', () => {
  let s: SlackBot;

  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  /** Runs the outbox again once its retry delays are over, as the scheduler does, until nothing is left. */
  async function drain(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      if ((await s.bot.ctx.store.listOutbox({ status: 'pending' })).length === 0) return;
      s.clock.advance(2 * 60 * 60_000);
      await dispatchOutbox(s.bot.ctx, { label: 'retries' });
    }
    throw new Error('messages still pending after five rounds');
  }

  const kinds = (person: string) =>
    s.slack
      .directMessages(s.slackId(person))
      .map((m) => String(m.metadata?.event_payload.key).split(':').slice(0, 2).join(':'));

  async function click(person: string, ...labels: string[]): Promise<void> {
    const [message] = s.slack.directMessages(s.slackId(person));
    if (!message) throw new Error(`${person} got no prompt`);
    for (const label of labels) {
      const edits = message.edits;
      const reply = await s.workspace.click(s.slackId(person), message, label);
      expect(reply.status).toBe(200);
      await s.slack.until(() => message.edits > edits, `${person}'s check-in to be redrawn`);
    }
  }

  it('sends each message once, through 429s and 500s', async () => {
    s = await startSlackBot();
    const { slack, clock } = s;

    // Friday: a rate limit, a plain 500, and a 500 after Slack had posted the message anyway.
    slack.inject('chat.postMessage', { status: 429, retryAfter: 1 }, { status: 500 });
    slack.inject('chat.postMessage', { status: 500, processed: true });
    const prompts = await sendPrompts(s.bot.ctx, WEEK);
    expect(prompts).toMatchObject({ status: 'done', total: 6, retried: 2 });
    await drain();
    for (const person of ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre']) {
      expect(kinds(person)).toEqual([`prompt:${person}`]);
    }

    clock.setParis('2026-11-20', 16);
    await click('alice', '1', 'Oui');
    await click('nicolas', '½', 'Non');
    await click('camille', 'En congés');
    // Élodie first says 1, then corrects to 0: the correction is what counts.
    await click('elodie', '1', '0');
    await click('pierre', '1½');
    expect(visibleText(slack.directMessages(s.slackId('elodie'))[0])).toContain('Enregistré : 0 jour');

    // Monday: Mehdi did not answer.
    clock.setParis('2026-11-23', 9, 30);
    slack.inject('chat.postMessage', { status: 429, retryAfter: 1 });
    await sendReminders(s.bot.ctx, WEEK);
    await drain();
    await sendReminders(s.bot.ctx, WEEK);
    expect(kinds('mehdi')).toEqual(['prompt:mehdi', 'reminder:mehdi']);
    expect(visibleText(slack.directMessages(s.slackId('mehdi'))[1])).toContain('petit rappel');

    // Tuesday: the evaluation, through another storm.
    clock.setParis('2026-11-24', 9);
    slack.inject(
      'chat.postMessage',
      { status: 500 },
      { status: 429, retryAfter: 1 },
      { status: 500, processed: true },
    );
    const evaluation = await evaluateWeek(s.bot.ctx, WEEK);
    expect(evaluation).toMatchObject({ status: 'done', alerts: 3 });
    await drain();
    await evaluateWeek(s.bot.ctx, WEEK);

    // Owners get the digest, with every alert in it; each manager hears of their own report only.
    expect(kinds('claire')).toEqual(['digest:claire']);
    expect(kinds('thomas')).toEqual(['digest:thomas']);
    expect(kinds('laurent')).toEqual(['alert:release_missed']);
    expect(kinds('isabelle')).toEqual(['alert:release_missed']);
    expect(kinds('francois')).toEqual([]);
    const laurent = slack.directMessages(s.slackId('laurent'))[0];
    expect(visibleText(laurent)).toContain('Nicolas Durand a déclaré 0,5 jour');
    const digest = slack
      .directMessages(s.slackId('claire'))
      .find((m) => m.metadata?.event_payload.key === `digest:claire:${WEEK}`);
    expect(visibleText(digest)).toContain(
      'Jour libéré : 2/6 respectés, 2 manqués, 1 sans réponse, 1 exempté.',
    );
    expect(visibleText(digest)).toContain('• Jour libéré non respecté (2) : Élodie Fournier, Nicolas Durand');
    expect(visibleText(digest)).toContain('• Pas de réponse au point hebdomadaire (1) : Mehdi Haddad');

    // Nothing twice in Slack, nothing left behind in the outbox.
    const keys = slack.messages.map((m) => m.metadata?.event_payload.key);
    expect(new Set(keys).size).toBe(keys.length);
    const outbox = await s.bot.ctx.store.listOutbox({ week: WEEK });
    expect(outbox.filter((e) => e.status !== 'sent')).toEqual([]);
    expect(outbox).toHaveLength(slack.messages.length);
  });

  it('posts the digest to the programme’s channel when it names one', async () => {
    s = await startSlackBot({ programme: { ...exampleProgramme(), digestChannel: 'suivi-startups' } });
    const channel = s.slack.addChannel('suivi-startups');
    await sendPrompts(s.bot.ctx, WEEK);
    s.clock.setParis('2026-11-24', 9);
    await evaluateWeek(s.bot.ctx, WEEK);
    const digests = s.slack.conversation(channel);
    expect(digests).toHaveLength(1);
    expect(visibleText(digests[0])).toContain('Synthèse de la semaine 47, du 16 au 20 novembre');
    expect(kinds('claire').filter((k) => k.startsWith('digest'))).toEqual([]);
  });

  it('reports a person Slack does not know in the digest, without retrying them', async () => {
    s = await startSlackBot({ strangers: ['mehdi'] });
    const prompts = await sendPrompts(s.bot.ctx, WEEK);
    expect(prompts).toMatchObject({ sent: 5, failed: 1, retried: 0 });
    s.clock.setParis('2026-11-24', 9);
    await evaluateWeek(s.bot.ctx, WEEK);
    const digest = s.slack
      .directMessages(s.slackId('claire'))
      .find((m) => m.metadata?.event_payload.key === `digest:claire:${WEEK}`);
    expect(visibleText(digest)).toContain('Mehdi Haddad (prompt) : users_not_found');
  });
});
