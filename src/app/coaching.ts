// `/coaching log` and `/coaching history`: sessions logged by coaches, each counting as that week's coaching point.
import type { LocalDate } from '../core/calendar.ts';
import { localDateOf } from '../core/calendar.ts';
import type { CoachingSession } from '../core/coaching.ts';
import { parseCoachingLog } from '../core/coaching-command.ts';
import { AppError } from '../core/errors.ts';
import { intrapreneurRoles, type Programme } from '../core/programme.ts';
import { weekOfDate, weekStart } from '../core/week.ts';
import { canLogCoaching, canReadNotes, visibleIntrapreneurs } from './access.ts';
import type { AppContext } from './context.ts';
import { recording } from './recording.ts';

/** A mention as typed in a command: a username, or the platform's own user id (Slack's `<@U123|alice>`). */
export interface Mention {
  username?: string;
  platformId?: string;
}

/** Maps a mention to a person id; each platform brings its own (Slack ids, Mattermost usernames). */
export type MentionResolver = (mention: Mention) => string | undefined;

/** The resolver for a mention by person id, chat id or username, or e-mail's local part. */
export function programmeResolver(programme: Programme): MentionResolver {
  return ({ username, platformId }) => {
    const person = programme.people.find(
      (p) =>
        (platformId !== undefined && (p.slack === platformId || p.id === platformId)) ||
        (username !== undefined &&
          [p.id, p.mattermost, p.email.split('@')[0]].some(
            (candidate) => candidate?.toLowerCase() === username.toLowerCase(),
          )),
    );
    return person?.id;
  };
}

/**
 * The longest notes a coach may log, in characters: as long as the Mattermost comment dialog allows, enough for a
 * session's essentials, and short enough for `/coaching history` to show ten sessions in one answer.
 */
export const MAX_NOTES_LENGTH = 2000;

export async function logCoaching(
  ctx: AppContext,
  request: { actor: string; text: string; resolve?: MentionResolver },
): Promise<CoachingSession & { id: number }> {
  const today: LocalDate = localDateOf(ctx.clock.now(), ctx.programme.timezone);
  // A session counts for its week: one before the first check-in week would count for none, and is refused.
  const firstDay = weekStart(weekOfDate(ctx.programme.checkins.from));
  const parsed = parseCoachingLog(request.text, today, firstDay);
  if (!parsed.ok) throw new AppError('coaching_log_syntax', { ...parsed.error });
  // Refused whole, never cut: what is stored is what the coach wrote.
  const length = [...parsed.value.notes].length;
  if (length > MAX_NOTES_LENGTH) {
    throw new AppError('coaching_notes_too_long', { length, max: MAX_NOTES_LENGTH });
  }
  const resolve = request.resolve ?? programmeResolver(ctx.programme);
  const who = resolve(parsed.value.who);
  const mention = parsed.value.who.username ?? parsed.value.who.platformId ?? '';
  if (!who) throw new AppError('unknown_person', { mention });
  if (!intrapreneurRoles(ctx.programme).some((r) => r.person === who)) {
    throw new AppError('not_intrapreneur', { person: who });
  }
  if (!canLogCoaching(ctx.programme, request.actor, who)) {
    throw new AppError('not_allowed', { action: 'log', person: who });
  }
  const session = await recording(ctx, 'coaching_log', () =>
    ctx.store.addCoachingSession({
      intrapreneur: who,
      loggedBy: request.actor,
      date: parsed.value.date,
      ...(parsed.value.durationMinutes !== undefined
        ? { durationMinutes: parsed.value.durationMinutes }
        : {}),
      notes: parsed.value.notes,
      loggedAt: ctx.clock.now(),
    }),
  );
  ctx.logger.info(
    { intrapreneur: who, loggedBy: request.actor, date: session.date },
    'coaching: session logged',
  );
  return session;
}

/** A session as one reader sees it: without `notes` when they are not the reader's to read. */
export type VisibleSession = Omit<CoachingSession, 'notes'> & { id: number; notes?: string };

export async function coachingHistory(
  ctx: AppContext,
  request: { actor: string; who?: string; limit?: number },
): Promise<VisibleSession[]> {
  const visible = visibleIntrapreneurs(ctx.programme, request.actor).map((r) => r.person);
  const asSeen = (sessions: (CoachingSession & { id: number })[]): VisibleSession[] =>
    sessions.map(({ notes, ...session }) =>
      canReadNotes(ctx.programme, request.actor, session) ? { ...session, notes } : session,
    );
  if (request.who !== undefined) {
    if (!visible.includes(request.who))
      throw new AppError('not_allowed', { action: 'history', person: request.who });
    return asSeen(
      await ctx.store.listCoachingSessions({ intrapreneur: request.who, limit: request.limit ?? 10 }),
    );
  }
  if (visible.length === 0) throw new AppError('not_allowed', { action: 'history' });
  const sessions = await ctx.store.listCoachingSessions({});
  return asSeen(
    sessions
      .filter((s) => visible.includes(s.intrapreneur))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : (b.id ?? 0) - (a.id ?? 0)))
      .slice(0, request.limit ?? 10),
  );
}
