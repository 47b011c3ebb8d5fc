// `POST /mattermost/command`: the slash commands. Mattermost posts a form with the command's token; an unknown token
// is refused before anything is read or changed. Answers are shown to the user alone, in their language.
//
// Mattermost signs no request: the token is the same for every post of a command, so whoever holds it can send any
// command. What the bot can tell is a post sent again: Mattermost gives each run of a command its own `trigger_id`,
// and a post whose trigger id was already taken in (a captured post replayed, a proxy's retry) is answered with
// nothing and not carried out again — a replayed `/coaching log` stores no second session.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MentionResolver, programmeResolver } from '../../app/coaching.ts';
import { type CommandName, type CommandReply, runCommand } from '../../app/commands.ts';
import type { AppContext } from '../../app/context.ts';
import { runProgrammeCommand } from '../../app/programme-commands.ts';
import { findPerson, type Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { programmeLine } from '../../render/render-text.ts';
import type { PlatformLedger } from '../delivery-ledger.ts';
import { MATTERMOST_LIMITS } from '../limits.ts';
import type { Directory, Someone } from './directory.ts';
import { readBody, reply } from './http.ts';
import { type Lane, lanesOf } from './lanes.ts';
import { type CheckinLinks, checkinAttachments } from './render.ts';
import type { CommandTokens } from './signing.ts';

/** `@alice` typed in a command: Mattermost sends the team members it mentions as `user_mentions`/`_ids` pairs. */
async function mentionResolver(
  ctx: AppContext,
  directory: Directory,
  form: URLSearchParams,
): Promise<MentionResolver> {
  const names = form.getAll('user_mentions');
  const ids = form.getAll('user_mentions_ids');
  const known = new Map<string, string>();
  if (names.length === ids.length) {
    for (const [i, name] of names.entries()) {
      const someone = await directory.whoIs(ids[i] as string);
      if (someone?.person) known.set(name.toLowerCase(), someone.person);
    }
  }
  const fallback = programmeResolver(ctx.programme);
  return (mention) =>
    (mention.username ? known.get(mention.username.toLowerCase()) : undefined) ?? fallback(mention);
}

function answer(
  ctx: AppContext,
  result: CommandReply,
  links: CheckinLinks,
  locale: Locale,
): Record<string, unknown> {
  if (result.kind === 'text') return { response_type: 'ephemeral', text: result.text };
  const name = findPerson(ctx.programme, result.intrapreneur)?.name ?? result.intrapreneur;
  // The form is ephemeral: a click is confirmed by an ephemeral line, as Mattermost cannot update such a post.
  return {
    response_type: 'ephemeral',
    text: [result.owner ? messages(locale).commands.checkinFor(name) : '', programmeLine(result, locale)]
      .filter(Boolean)
      .join('\n'),
    attachments: result.weeks.flatMap((w) =>
      checkinAttachments(
        {
          intrapreneur: result.intrapreneur,
          week: w.week,
          ...(w.answer ? { answer: w.answer } : {}),
          form: 'checkin',
          locale,
          ...(result.owner ? { by: result.owner } : {}),
        },
        links,
        { title: true },
      ),
    ),
  };
}

/** What Mattermost allows in a username; anything else in `user_name` is not repeated back. */
const USERNAME = /^[a-z0-9._-]{1,64}$/i;

function headerToken(req: IncomingMessage): string | undefined {
  const match = /^Token\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The reply to a command, in the programme it ran in (when the person is in several, the one it was about). */
async function runFor(
  lanes: readonly Lane[],
  someone: Someone,
  userId: string,
  request: { command: CommandName; text: string; form: URLSearchParams },
): Promise<{ reply: CommandReply; lane: Lane }> {
  const { command, text, form } = request;
  const common = { command, text, locale: someone.locale, limit: MATTERMOST_LIMITS.message };
  const [only] = lanes;
  if (lanes.length === 1 && only) {
    const resolve = await mentionResolver(only.ctx, only.directory, form);
    const reply = await runCommand(only.ctx, { ...common, actor: someone.person, resolve });
    return { reply, lane: only };
  }
  // Someone in several programmes: the command runs in the one it is about (or they are asked which).
  const memberships = await Promise.all(
    (await lanesOf(lanes, userId)).map(async ({ lane, person }) => ({
      ctx: lane.ctx,
      person,
      resolve: await mentionResolver(lane.ctx, lane.directory, form),
    })),
  );
  const first = lanes[0] as Lane;
  const done = await runProgrammeCommand(memberships, first.ctx, common);
  return { reply: done.reply, lane: lanes.find((l) => l.ctx === done.ctx) ?? first };
}

export function commandRoute(deps: {
  /** Each programme's part of the platform: one, or each programme of the deployment. */
  lanes: readonly Lane[];
  tokens: CommandTokens;
  /** The trigger ids already taken in. */
  replays: PlatformLedger;
}) {
  const { lanes, tokens, replays } = deps;
  const first = lanes[0];
  if (!first) throw new Error('the Mattermost commands serve at least one programme');
  const { ctx, directory } = first;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req));
    const token = form.get('token');
    const header = headerToken(req);
    const trigger = header !== undefined && header !== token ? undefined : tokens.triggerOf(token);
    if (!trigger) {
      ctx.logger.warn(
        { command: form.get('command') },
        'mattermost: slash command with an unknown token refused',
      );
      reply(res, 401, { error: 'unknown_token' });
      return;
    }
    const userId = form.get('user_id') ?? '';
    if (!/^[a-z0-9]+$/i.test(userId)) {
      reply(res, 400, { error: 'bad_request' });
      return;
    }
    const run = form.get('trigger_id');
    const key = run ? `command:${run}` : undefined;
    if (key && !(await replays.take(key))) {
      ctx.logger.warn({ command: trigger }, 'mattermost: slash command sent again, ignored');
      reply(res, 200, {});
      return;
    }
    let locale = ctx.programme.locale;
    try {
      const someone = await directory.whoIs(userId);
      if (!someone) {
        // Not an outage: Mattermost answered, and knows no such account. Said with what the request names.
        const username = form.get('user_name') ?? '';
        ctx.logger.warn({ command: trigger, userId }, 'mattermost: slash command from an unknown account');
        const t = messages(locale).mattermost;
        reply(res, 200, {
          response_type: 'ephemeral',
          text: t.unknownAccount(USERNAME.test(username) ? username : undefined, userId),
        });
        return;
      }
      locale = someone.locale;
      const { reply: result, lane } = await runFor(lanes, someone, userId, {
        command: trigger as CommandName,
        text: form.get('text') ?? '',
        form,
      });
      ctx.logger.info(
        {
          command: trigger,
          ...(lanes.length > 1 ? { programme: lane.ctx.programme.key } : {}),
          actor: someone.person ?? null,
          ok: result.kind !== 'text' || result.ok,
        },
        'mattermost: slash command',
      );
      reply(res, 200, answer(lane.ctx, result, lane.links, locale));
    } catch (error) {
      // Not carried out: the same post sent again must be.
      if (key) {
        replays.release(key).catch((failure: unknown) => {
          ctx.logger.error({ err: failure }, 'mattermost: a failed command could not be given back');
        });
      }
      ctx.logger.error({ err: error, command: trigger }, 'mattermost: slash command failed');
      reply(res, 200, { response_type: 'ephemeral', text: messages(locale).mattermost.unavailable });
    }
  };
}
