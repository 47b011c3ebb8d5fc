// The inbound contract on Slack: requests signed as Slack signs them, through Bolt's own receiver mounted on the bot's
// HTTP server, against the local Slack.
import { afterEach, expect } from 'vitest';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';
import { type InboundRequest, inboundContract, WEEK } from './inbound-contract.ts';

let violations: string[] = [];

afterEach(() => {
  // Every call the bot made is one Slack's API description accepts.
  expect(violations).toEqual([]);
});

inboundContract('slack', async () => {
  const s: SlackBot = await startSlackBot();
  violations = s.slack.violations;
  const prompt = (person: string) => {
    const [message] = s.slack.directMessages(s.slackId(person));
    if (!message) throw new Error(`no check-in for ${person}`);
    return message;
  };
  const click = (person: string, label: string, secret?: string): InboundRequest =>
    s.workspace.signed(
      'interactive',
      s.workspace.clickPayload(s.slackId(person), prompt(person), label),
      secret ? { secret } : {},
    );
  const log = (coach: string, intrapreneur: string, text: string, secret?: string): InboundRequest => {
    const mention = `<@${s.slackId(intrapreneur)}|${intrapreneur}>`;
    const payload = s.workspace.commandPayload(s.slackId(coach), '/coaching', `log ${mention} ${text}`);
    return s.workspace.signed('slash_commands', payload, secret ? { secret } : {});
  };
  return {
    ctx: s.bot.ctx,
    accepted: 200,
    refused: 401,
    notYours: 'Vous ne pouvez pas répondre à la place d’Alice Martin.',
    click: async (person, label) => click(person, label),
    forgedClick: async (person, label) => click(person, label, 'not-the-signing-secret'),
    // Alice's messages are hers alone: the nearest another person gets is the very click of the form an owner
    // opened for her (`/checkin @alice`), sent as theirs.
    clickFor: async (actor, intrapreneur, label) => {
      const form = await s.workspace.ask(
        s.slackId('claire'),
        '/checkin',
        `<@${s.slackId(intrapreneur)}> ${WEEK}`,
      );
      const payload = s.workspace.clickPayload(s.slackId(actor), form, label, `release|${WEEK}`);
      return s.workspace.signed('interactive', payload);
    },
    log: async (coach, intrapreneur, text) => log(coach, intrapreneur, text),
    forgedLog: async (coach, intrapreneur, text) => log(coach, intrapreneur, text, 'not-the-signing-secret'),
    // Answers come after the acknowledgement, in order of arrival: once this one is in, those before it have started.
    settle: async () => {
      await s.workspace.ask(s.slackId('thomas'), '/phase');
    },
    seen: async (person) => {
      const id = s.slackId(person);
      const messages = s.slack.directMessages(id).map(visibleText);
      const replies = s.slack.ephemerals.filter((e) => e.user === id).map((e) => e.text);
      return [...messages, ...replies].join('\n');
    },
    close: () => s.close(),
  };
});
