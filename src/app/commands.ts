// The slash commands, whatever the platform: `/coaching`, `/phase`, `/checkin`. Platforms parse their payloads,
// call this, and show the reply to the user alone.
import type { CheckinAnswer } from '../core/checkin.ts';
import { parseCheckinCommand } from '../core/checkin-command.ts';
import { parseCoachingCommand } from '../core/coaching-command.ts';
import { AppError } from '../core/errors.ts';
import { ChatDeliveryError } from '../core/ports.ts';
import { findPerson, intrapreneurRoles, type Locale } from '../core/programme.ts';
import type { WeekId } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { errorText } from '../render/error-text.ts';
import { type Elastic, fitParts, fitText } from '../render/fit.ts';
import { dateLabel } from '../render/format.ts';
import { projectText, statusText } from '../render/status-text.ts';
import { openWeeks } from './answers.ts';
import { checkinWeeksFor } from './checkin-for.ts';
import { coachingHistory, logCoaching, type MentionResolver, programmeResolver } from './coaching.ts';
import type { AppContext } from './context.ts';
import { dashboardLink, packPath } from './dashboard-link.ts';
import { programmeNamed } from './memberships.ts';
import { recording } from './recording.ts';
import { programmeStatus, projectDetail } from './status.ts';

export type CommandName = 'coaching' | 'phase' | 'checkin';

export type CommandReply =
  | { kind: 'text'; ok: boolean; text: string }
  | {
      kind: 'checkin';
      intrapreneur: string;
      weeks: { week: WeekId; answer?: CheckinAnswer }[];
      /** Set when an owner opened someone else's check-in: each click is recorded for `intrapreneur`, by them. */
      owner?: string;
      /** The programme's name, when `intrapreneur` is one in several programmes: the form says which. */
      programme?: string;
    };

export interface CommandRequest {
  /** The person who typed the command, or undefined when the platform user is not in the programme. */
  actor: string | undefined;
  command: CommandName;
  text: string;
  locale?: Locale;
  resolve?: MentionResolver;
  /** The longest answer the platform shows (characters); the answer is summarised to fit. Unlimited by default. */
  limit?: number;
}

const reply = (ok: boolean, text: string): CommandReply => ({ kind: 'text', ok, text });

export async function runCommand(ctx: AppContext, request: CommandRequest): Promise<CommandReply> {
  const limit = request.limit ?? Number.POSITIVE_INFINITY;
  const answer = await answerOf(ctx, request, limit);
  // Each answer is built to fit; this only keeps a pathological one (a name of thousands of characters) whole.
  return answer.kind === 'text' ? { ...answer, text: fitText(answer.text, limit) } : answer;
}

const WITH_USAGE: readonly string[] = ['coaching_log_syntax', 'coaching_notes_too_long'];

async function answerOf(ctx: AppContext, request: CommandRequest, limit: number): Promise<CommandReply> {
  const locale = request.locale ?? ctx.programme.locale;
  const t = messages(locale).commands;
  if (!request.actor) return reply(false, t.unknownUser);
  const actor = request.actor;
  try {
    return await recording(ctx, 'command', async () => {
      switch (request.command) {
        case 'coaching':
          return await coaching(ctx, actor, request.text, locale, request.resolve, limit);
        case 'phase':
          return await phase(ctx, actor, request.text.trim(), locale, limit);
        case 'checkin':
          return await checkin(ctx, actor, request.text, locale, request.resolve);
      }
    });
  } catch (error) {
    if (error instanceof AppError) {
      const usage = WITH_USAGE.includes(error.code) ? `\n${t.usage.coaching}` : '';
      return reply(false, errorText(ctx.programme, error, locale) + usage);
    }
    throw error;
  }
}

async function coaching(
  ctx: AppContext,
  actor: string,
  text: string,
  locale: Locale,
  resolve: MentionResolver | undefined,
  limit: number,
): Promise<CommandReply> {
  const t = messages(locale).commands;
  const name = (id: string) => findPerson(ctx.programme, id)?.name ?? id;
  const command = parseCoachingCommand(text);
  switch (command.kind) {
    case 'help':
      return reply(true, t.usage.coaching);
    case 'unknown':
      return reply(false, `${t.unknownSubcommand(command.word)}\n${t.usage.coaching}`);
    case 'bad_history':
      return reply(false, `${t.errors.unknown_person(command.token)}\n${t.usage.coaching}`);
    case 'log': {
      const session = await logCoaching(ctx, { actor, text: command.text, ...(resolve ? { resolve } : {}) });
      const duration =
        session.durationMinutes === undefined ? undefined : t.duration(session.durationMinutes);
      return reply(true, t.logged(name(session.intrapreneur), dateLabel(session.date, locale), duration));
    }
    case 'history': {
      let who: string | undefined;
      if (command.who) {
        who = (resolve ?? programmeResolver(ctx.programme))(command.who);
        if (!who) {
          throw new AppError('unknown_person', {
            mention: command.who.username ?? command.who.platformId ?? '',
          });
        }
      }
      const sessions = await coachingHistory(ctx, { actor, ...(who ? { who } : {}) });
      if (sessions.length === 0) return reply(true, t.historyEmpty);
      // Every session shows; when long notes would not fit, each is cut to its share of the room.
      const lines = sessions.map(
        (s): Elastic => ({
          items: [
            t.historyLine(
              dateLabel(s.date, locale),
              name(s.intrapreneur),
              s.durationMinutes === undefined ? undefined : t.duration(s.durationMinutes),
              s.notes,
            ),
          ],
          separator: '',
          more: () => '',
        }),
      );
      // Said once, so that a manager knows the notes exist and why they are not shown.
      const withheld = sessions.some((s) => s.notes === undefined) ? [t.historyNotesWithheld] : [];
      return reply(
        true,
        fitParts([t.historyTitle(who ? name(who) : undefined), ...lines, ...withheld], limit),
      );
    }
  }
}

async function phase(
  ctx: AppContext,
  actor: string,
  text: string,
  locale: Locale,
  limit: number,
): Promise<CommandReply> {
  if (text === 'help' || text === 'aide') return reply(true, messages(locale).commands.usage.phase);
  if (text === 'dashboard') return dashboard(ctx, actor, locale);
  if (text) {
    const detail = await projectDetail(ctx, actor, text);
    return reply(
      true,
      withPackLink(ctx, actor, detail.project.id, projectText(ctx.programme, detail, locale), locale, limit),
    );
  }
  return reply(true, statusText(ctx.programme, await programmeStatus(ctx), locale, limit));
}

/**
 * `/phase <project>` for an owner ends with a signed link to the project's committee pack. The reply is ephemeral,
 * seen by the owner alone on every platform, so the link goes there rather than into a direct message on each look.
 */
function withPackLink(
  ctx: AppContext,
  actor: string,
  project: string,
  text: string,
  locale: Locale,
  limit: number,
): string {
  if (!ctx.programme.owners.includes(actor) || !ctx.dashboard) return text;
  const { url } = dashboardLink(ctx.dashboard, actor, ctx.clock.now(), packPath(project));
  const line = messages(locale).pack.phaseLink(url);
  // The link always shows whole: the project's lines give way if the platform's room is short.
  return `${fitText(text, limit - line.length - 1)}\n${line}`;
}

/**
 * `/phase dashboard`: a signed link, sent to the owner alone rather than shown where others might see it (to the
 * national view, `path`, for an owner of several programmes).
 */
export async function dashboard(
  ctx: AppContext,
  actor: string,
  locale: Locale,
  path?: string,
): Promise<CommandReply> {
  const t = messages(locale).dashboard.command;
  if (!ctx.programme.owners.includes(actor)) return reply(false, t.ownersOnly);
  const person = findPerson(ctx.programme, actor);
  if (!ctx.dashboard || !ctx.chat || !person) return reply(false, t.unavailable);
  const { url, expiresAt } = dashboardLink(ctx.dashboard, actor, ctx.clock.now(), path);
  try {
    await ctx.chat.send({
      key: `dashboard:${actor}:${expiresAt.getTime()}`,
      to: { person },
      message: { kind: 'dashboard_link', url, expiresAt },
      locale,
    });
  } catch (error) {
    if (!(error instanceof ChatDeliveryError)) throw error;
    ctx.logger.warn({ owner: actor, code: error.code }, 'dashboard: link not delivered');
    return reply(false, t.notSent);
  }
  ctx.logger.info({ owner: actor, expiresAt }, 'dashboard: link sent');
  return reply(true, t.sent);
}

async function checkin(
  ctx: AppContext,
  actor: string,
  text: string,
  locale: Locale,
  resolve: MentionResolver | undefined,
): Promise<CommandReply> {
  const t = messages(locale).commands;
  const command = parseCheckinCommand(text);
  if (command.kind === 'help') return reply(true, t.usage.checkin);
  if (command.kind === 'bad') return reply(false, `${t.checkinBadWord(command.token)}\n${t.usage.checkin}`);
  if (command.kind === 'for') {
    const intrapreneur = (resolve ?? programmeResolver(ctx.programme))(command.who);
    if (!intrapreneur) {
      throw new AppError('unknown_person', { mention: command.who.username ?? command.who.platformId ?? '' });
    }
    const found = await checkinWeeksFor(ctx, {
      actor,
      intrapreneur,
      ...(command.week ? { week: command.week } : {}),
    });
    if (found.weeks.length === 0) return reply(false, t.noOpenWeek);
    return { kind: 'checkin', ...found, ...(intrapreneur !== actor ? { owner: actor } : {}) };
  }
  if (!intrapreneurRoles(ctx.programme).some((r) => r.person === actor)) {
    const hint = ctx.programme.owners.includes(actor) ? `\n${t.usage.checkin}` : '';
    return reply(false, t.notIntrapreneurCheckin + hint);
  }
  const weeks = await openWeeks(ctx);
  if (weeks.length === 0) return reply(false, t.noOpenWeek);
  const answers = await Promise.all(weeks.map((week) => ctx.store.getAnswer(actor, week)));
  return {
    kind: 'checkin',
    intrapreneur: actor,
    weeks: weeks.map((week, i) => ({ week, ...(answers[i] ? { answer: answers[i] } : {}) })),
    ...programmeNamed(ctx, actor),
  };
}
