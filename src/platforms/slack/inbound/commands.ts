// `/coaching`, `/phase` and `/checkin`: acknowledged at once (Slack waits 3 seconds at most), then answered to the
// person alone through the command's response URL, with the same `runCommand` every platform calls.
import type { App } from '@slack/bolt';
import type { MentionResolver } from '../../../app/coaching.ts';
import { programmeResolver } from '../../../app/coaching.ts';
import { type CommandName, type CommandReply, runCommand } from '../../../app/commands.ts';
import { runProgrammeCommand } from '../../../app/programme-commands.ts';
import { messages } from '../../../i18n/index.ts';
import { fitText } from '../../../render/fit.ts';
import { SLACK_LIMITS } from '../../limits.ts';
import { checkinForm, escapeMrkdwn } from '../render.ts';
import {
  type Inbound,
  inProgrammeOf,
  lanesOf,
  localeOf,
  onBehalf,
  type Respond,
  reportFailure,
} from './shared.ts';

const COMMANDS: readonly CommandName[] = ['coaching', 'phase', 'checkin'];

/** Escaped mentions as Slack writes them with `should_escape`: `<@U123|alice>`, or `<@U123>`. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Slack escapes `&`, `<` and `>` typed by the user; mentions keep their real angle brackets. */
export function decodeCommandText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Mentions are looked up before the command runs, since the use case's resolver is synchronous. */
async function mentionResolver(inbound: Inbound, text: string): Promise<MentionResolver> {
  const ids = [...new Set([...text.matchAll(MENTION)].map((m) => m[1] as string))];
  const people = new Map<string, string | undefined>();
  for (const id of ids) people.set(id, await inbound.directory.personId(id));
  const byName = programmeResolver(inbound.ctx.programme);
  return (mention) =>
    mention.platformId !== undefined ? (people.get(mention.platformId) ?? byName(mention)) : byName(mention);
}

export async function answerCommand(
  inbound: Inbound,
  command: { command: string; text: string; user_id: string },
  respond: Respond,
): Promise<void> {
  const name = command.command.replace(/^\//, '') as CommandName;
  const locale = localeOf(inbound);
  const text = decodeCommandText(command.text ?? '');
  let reply: CommandReply;
  let answered = inbound;
  if (inbound.lanes) {
    // Someone in several programmes: the command runs in the one it is about (or they are asked which).
    const memberships = await Promise.all(
      (await lanesOf(inbound, command.user_id)).map(async ({ lane, person }) => ({
        ctx: lane.ctx,
        person,
        resolve: await mentionResolver({ ...inbound, ...lane }, text),
      })),
    );
    const request = { command: name, text, locale, limit: SLACK_LIMITS.text };
    const done = await runProgrammeCommand(memberships, inbound.ctx, request);
    reply = done.reply;
    answered = { ...inbound, ...(inbound.lanes.find((l) => l.ctx === done.ctx) ?? {}) };
  } else {
    const actor = await inbound.directory.personId(command.user_id);
    const resolve = await mentionResolver(inbound, text);
    reply = await runCommand(inbound.ctx, {
      actor,
      command: name,
      text,
      locale,
      resolve,
      limit: SLACK_LIMITS.text,
    });
  }
  if (reply.kind === 'checkin') {
    await respond({
      response_type: 'ephemeral',
      ...checkinForm(reply.weeks, locale, onBehalf(answered, reply), inProgrammeOf(answered, reply)),
    });
    return;
  }
  // Escaping lengthens a text with `&`, `<` or `>` in it: fitted again once escaped.
  await respond({ response_type: 'ephemeral', text: fitText(escapeMrkdwn(reply.text), SLACK_LIMITS.text) });
}

export function registerCommands(app: App, inbound: Inbound): void {
  for (const name of COMMANDS) {
    app.command(`/${name}`, async ({ command, ack, respond }) => {
      await ack();
      inbound.afterAck.run(async () => {
        try {
          await answerCommand(inbound, command, respond);
        } catch (error) {
          const text = messages(localeOf(inbound)).slack.commandFailed;
          await reportFailure(inbound, `/${name}`, error, respond, text);
        }
      });
    });
  }
}
