// `GET /email/checkin` opens the page of a check-in mail's link and records nothing (mail scanners open every link);
// `POST /email/checkin` is the page's form, refused without the page's own token, and records through the same use
// case as a click in chat. A link that does not work gets a page saying why: 400 malformed, 401 forged or its person
// no longer followed, 403 a form not from the page, 410 expired or its week evaluated. In a deployment of several
// programmes a link is handled in the programme it names, and checked with that programme's key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordAnswer } from '../../app/answers.ts';
import type { AppContext } from '../../app/context.ts';
import type { AnswerChange, CheckinAnswer } from '../../core/checkin.ts';
import {
  type CoachingChoice,
  coachingChoice,
  isChoice,
  parseChoice,
  type ReleaseChoice,
  releaseChoice,
} from '../../core/choice.ts';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { findPerson, intrapreneurRoles, type Locale, type Person } from '../../core/programme.ts';
import type { WeekId } from '../../core/week.ts';
import type { Route } from '../../http/server.ts';
import { query } from '../../http/web/html.ts';
import { readForm, redirect, searchParams, sendHtml } from '../../http/web/request.ts';
import { errorText } from '../../render/error-text.ts';
import { claimedProgramme, signFormToken, verifyCheckinToken, verifyFormToken } from './links.ts';
import { CHECKIN_PATH, type CheckinPage, checkinPage, type Refusal, refusalPage } from './pages.ts';

/** One programme's side of the pages: its context and its links' key. */
export interface InboundLane {
  ctx: AppContext;
  /** The links' signing key (read from the database on first use). */
  linkKey: () => Promise<string>;
}

export interface InboundDeps {
  /** Each programme the deployment serves (one, usually); a link naming none is the first's. */
  lanes: readonly InboundLane[];
  /** PUBLIC_URL: a form posted from another origin is refused. */
  publicUrl: string;
}

export type Outcome = { ok: true; answer: CheckinAnswer } | { ok: false; code: ErrorCode; text: string };

/**
 * The one call into the use cases: a confirmed page records what the same click in chat would. (Kept to this one
 * function so that the page follows the use case's own result when it returns one.)
 */
export async function submitAnswer(
  ctx: AppContext,
  person: string,
  week: WeekId,
  change: AnswerChange,
  locale: Locale,
): Promise<Outcome> {
  try {
    return { ok: true, answer: await recordAnswer(ctx, { actor: person, week, change }) };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, code: error.code, text: errorText(ctx.programme, error, locale) };
    throw error;
  }
}

const STATUS: Record<Refusal, number> = {
  malformed: 400,
  badForm: 400,
  forged: 401,
  removed: 401,
  form: 403,
  expired: 410,
  closed: 410,
};

function localeFrom(value: string | null, fallback: Locale): Locale {
  return value === 'en' || value === 'fr' ? value : fallback;
}

type Authorised = { person: Person; week: WeekId } | { refusal: Refusal; week?: WeekId };

type Handler = (req: IncomingMessage, res: ServerResponse, input: URLSearchParams) => Promise<void>;

export function inboundRoutes(deps: InboundDeps): Record<string, Route> {
  const lanes = deps.lanes.map((lane) => ({
    key: lane.ctx.programme.key,
    ...laneHandlers(lane, deps.publicUrl),
  }));
  const first = lanes[0];
  if (!first) throw new Error('the e-mail pages serve at least one programme');
  /** The programme whose key checks the link: the one it names, else the first (a link made before there were several). */
  const laneOf = (input: URLSearchParams) => {
    const claimed = claimedProgramme(input.get('t') ?? '');
    return lanes.find((l) => l.key === claimed) ?? first;
  };
  return {
    [`GET ${CHECKIN_PATH}`]: (req, res) => {
      const params = searchParams(req);
      return laneOf(params).show(req, res, params);
    },
    [`POST ${CHECKIN_PATH}`]: async (req, res) => {
      const form = await readForm(req);
      return laneOf(form).post(req, res, form);
    },
  };
}

function laneHandlers(deps: InboundLane, publicUrl: string): { show: Handler; post: Handler } {
  const { ctx } = deps;

  /** Who and which week a link token stands for, or why it stands for nothing (checked in this order). */
  async function authorise(token: string | null): Promise<Authorised> {
    if (!token) return { refusal: 'malformed' };
    const check = verifyCheckinToken(await deps.linkKey(), token, ctx.clock.now());
    if (!check.ok) return { refusal: check.reason };
    // Signed for another programme: never acted on here, whatever this programme's people are.
    if (check.grant.programme !== undefined && check.grant.programme !== ctx.programme.key) {
      return { refusal: 'forged' };
    }
    const { person: id, week } = check.grant;
    const person = findPerson(ctx.programme, id);
    // Removed from the programme file, or no longer an intrapreneur: the links already sent stop working.
    if (!person || !intrapreneurRoles(ctx.programme).some((r) => r.person === id))
      return { refusal: 'removed' };
    if (await ctx.store.isEvaluated(week)) return { refusal: 'closed', week };
    return { person, week };
  }

  function refuse(
    res: ServerResponse,
    locale: Locale,
    refusal: Refusal,
    params: Record<string, string | undefined>,
    week?: WeekId,
  ): void {
    // Whom to ask, only to someone who holds a link the bot really made.
    const showOwners = refusal === 'expired' || refusal === 'closed' || refusal === 'removed';
    const page = refusalPage({ programme: ctx.programme, locale, params }, refusal, {
      showOwners,
      ...(week ? { week } : {}),
    });
    sendHtml(res, STATUS[refusal], page);
  }

  async function page(
    res: ServerResponse,
    view: Omit<CheckinPage, 'programme' | 'answer' | 'formToken' | 'selected' | 'params'> & {
      choice?: string;
      comment?: string;
    },
    status = 200,
  ): Promise<void> {
    const answer = await ctx.store.getAnswer(view.person.id, view.week);
    const chosen = view.choice ? parseChoice(view.choice) : undefined;
    const release: ReleaseChoice | undefined =
      chosen?.field === 'release' ? releaseChoice(chosen.release) : releaseChoice(answer?.release);
    const coaching: CoachingChoice | undefined =
      chosen?.field === 'coaching' ? coachingChoice(chosen.held) : coachingChoice(answer?.coachingHeld);
    const comment = view.comment ?? answer?.comment;
    const lang = view.locale === ctx.programme.locale ? undefined : view.locale;
    sendHtml(
      res,
      status,
      checkinPage({
        ...view,
        programme: ctx.programme,
        answer,
        formToken: signFormToken(await deps.linkKey(), view.token, ctx.clock.now()),
        selected: {
          ...(release ? { release } : {}),
          ...(coaching ? { coaching } : {}),
          ...(comment !== undefined ? { comment } : {}),
        },
        params: { t: view.token, c: view.choice, lang },
      }),
    );
  }

  const show: Handler = async (_req, res, params) => {
    const locale = localeFrom(params.get('lang'), ctx.programme.locale);
    const token = params.get('t');
    const choice = params.get('c') ?? undefined;
    const done = params.get('done');
    const back = { t: token ?? undefined, c: choice, lang: params.get('lang') ?? undefined };
    const who = await authorise(token);
    if ('refusal' in who) return refuse(res, locale, who.refusal, back, who.week);
    if (choice !== undefined && !isChoice(choice)) return refuse(res, locale, 'badForm', back);
    const state = done === 'saved' || done === 'unchanged' ? done : choice ? 'confirm' : 'open';
    await page(res, { ...who, locale, token: token as string, state, ...(choice ? { choice } : {}) });
  };

  const post: Handler = async (req, res, form) => {
    const locale = localeFrom(form.get('lang'), ctx.programme.locale);
    const token = form.get('t');
    const back = { t: token ?? undefined, lang: form.get('lang') ?? undefined };
    if (!sameOrigin(req, publicUrl)) return refuse(res, locale, 'form', back);
    const who = await authorise(token);
    if ('refusal' in who) return refuse(res, locale, who.refusal, back, who.week);
    if (!verifyFormToken(await deps.linkKey(), token as string, form.get('form') ?? '', ctx.clock.now())) {
      ctx.logger.warn(
        { intrapreneur: who.person.id, week: who.week },
        'email: check-in post without its page refused',
      );
      return refuse(res, locale, 'form', back);
    }
    const changes = changesOf(form, await ctx.store.getAnswer(who.person.id, who.week));
    if (!changes) return refuse(res, locale, 'badForm', back);
    for (const change of changes) {
      const outcome = await submitAnswer(ctx, who.person.id, who.week, change, locale);
      if (outcome.ok) continue;
      if (outcome.code === 'week_closed') return refuse(res, locale, 'closed', back, who.week);
      if (outcome.code === 'not_intrapreneur') return refuse(res, locale, 'removed', back);
      // The comment is the first change made: refused, nothing is stored; the page shows why and keeps the text.
      return page(
        res,
        {
          ...who,
          locale,
          token: token as string,
          state: 'open',
          error: outcome.text,
          comment: form.get('comment') ?? '',
        },
        400,
      );
    }
    ctx.logger.info(
      { intrapreneur: who.person.id, week: who.week, changes: changes.map((c) => c.field) },
      'email: check-in confirmed on its page',
    );
    const lang = locale === ctx.programme.locale ? undefined : locale;
    redirect(
      res,
      `${CHECKIN_PATH}${query({ t: token ?? undefined, lang, done: changes.length ? 'saved' : 'unchanged' })}`,
    );
  };

  return { show, post };
}

/**
 * The changes a posted form makes to what is recorded, comment first (the one a rule may refuse, so that a refusal
 * leaves the whole answer as it was); undefined when a field holds what the page never offers.
 */
function changesOf(form: URLSearchParams, current: CheckinAnswer | undefined): AnswerChange[] | undefined {
  const changes: AnswerChange[] = [];
  const comment = form.get('comment');
  if (comment !== null && comment.trim() !== (current?.comment ?? '')) {
    changes.push({ field: 'comment', comment });
  }
  for (const [field, value] of [
    ['release', form.get('release')],
    ['coaching', form.get('coaching')],
  ] as const) {
    if (value === null || value === '') continue;
    const change = parseChoice(value);
    if (change?.field !== field) return undefined;
    const recorded =
      field === 'release' ? releaseChoice(current?.release) : coachingChoice(current?.coachingHeld);
    if (recorded !== value) changes.push(change);
  }
  return changes;
}

/** A form posted from the bot's own pages: no Origin (an old browser), or this server's, or PUBLIC_URL's. */
function sameOrigin(req: IncomingMessage, publicUrl: string): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const from = new URL(origin);
    return from.host === req.headers.host || from.origin === new URL(publicUrl).origin;
  } catch {
    return false;
  }
}
