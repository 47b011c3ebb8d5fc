// `GET /`: the sandbox page as one person sees it, assembled from their conversation, the stored answers (each
// check-in is re-rendered from what is recorded now, as Slack's message is updated after a click) and their roles.

import { rolesOf } from '../../app/access.ts';
import type { AppContext } from '../../app/context.ts';
import type { SandboxMessageStore } from '../../core/ports.ts';
import { findPerson, intrapreneurRoles, type Locale, type Programme } from '../../core/programme.ts';
import { addWeeks, compareWeeks, type WeekId, weekOfDate, weekOfInstant } from '../../core/week.ts';
import { isWeekExempt } from '../../core/window.ts';
import type { Route } from '../../http/server.ts';
import { type Html, query } from '../../http/web/html.ts';
import { layout } from '../../http/web/layout.ts';
import { searchParams, sendHtml } from '../../http/web/request.ts';
import { messages } from '../../i18n/index.ts';
import type { EphemeralReplies } from './ephemeral.ts';
import { localeFrom } from './inbound.ts';
import { chooser, conversation } from './page.ts';
import { messageCard, type PromptState, type Viewer } from './render.ts';

const SHOWN_MESSAGES = 100;
const RUNNABLE_WEEKS = 12;

/** The weeks an owner may run a job for: the check-in weeks up to this one, newest first, breaks left out. */
export function runnableWeeks(programme: Programme, now: Date): WeekId[] {
  const current = weekOfInstant(now, programme.timezone);
  const last = weekOfDate(programme.checkins.to);
  const first = weekOfDate(programme.checkins.from);
  const weeks: WeekId[] = [];
  for (
    let w = compareWeeks(current, last) < 0 ? current : last;
    compareWeeks(w, first) >= 0 && weeks.length < RUNNABLE_WEEKS;
    w = addWeeks(w, -1)
  ) {
    if (!isWeekExempt(programme, w)) weeks.push(w);
  }
  return weeks;
}

function examples(programme: Programme, person: string): string[] {
  const roles = rolesOf(programme, person);
  const some = intrapreneurRoles(programme)[0]?.person ?? 'alice';
  const coachee = roles.coachOf[0]?.person ?? some;
  if (roles.owner)
    return [
      '/phase',
      '/phase dashboard',
      `/coaching log @${some} 45min revue du POC`,
      `/checkin @${some}`,
      '/coaching history',
    ];
  if (roles.coachOf.length > 0)
    return [`/coaching log @${coachee} 45min revue du POC`, '/coaching history', '/phase'];
  if (roles.intrapreneur) return ['/checkin', `/phase ${roles.intrapreneur.project}`, '/coaching history'];
  if (roles.managerOf.length > 0)
    return ['/phase', `/coaching history @${roles.managerOf[0]?.person ?? some}`];
  return ['/phase'];
}

export function pageRoute(deps: {
  ctx: AppContext;
  store: () => SandboxMessageStore;
  replies: EphemeralReplies;
  /** Every programme the bot serves, when several: the page names its own (`?p=`) and offers the others. */
  programmes?: readonly { key: string; name: string }[];
  /** Their contexts, for a `/checkin` answered from another of the person's programmes than the page's. */
  contextOf?: (key: string) => AppContext | undefined;
}): Route {
  const { ctx, replies } = deps;
  const p = deps.programmes ? ctx.programme.key : undefined;
  return async (req, res) => {
    const params = searchParams(req);
    const programme = ctx.programme;
    const locale: Locale = localeFrom(params.get('lang'), programme.locale);
    const lang = locale === programme.locale ? undefined : locale;
    const person = findPerson(programme, params.get('as') ?? '');
    const s = messages(locale).sandbox;
    const other: Locale = locale === 'fr' ? 'en' : 'fr';
    const frame = (title: string, main: Html) =>
      layout({
        locale,
        title,
        tagline: programme.name,
        nav: [
          { href: `/${query({ as: person?.id, p, lang })}`, label: s.nav, current: true },
          { href: `/dashboard${query({ p, lang })}`, label: messages(locale).dashboard.nav.dashboard },
          // The programme picker, and the national view of them all.
          ...(deps.programmes ?? [])
            .filter((other) => other.key !== programme.key)
            .map((other) => ({
              href: `/${query({ p: other.key, lang })}`,
              label: s.switchProgramme(other.name),
            })),
          ...(deps.programmes
            ? [{ href: `/overview${query({ lang })}`, label: messages(locale).dashboard.nav.overview }]
            : []),
        ],
        otherLanguage: {
          locale: other,
          href: `/${query({ as: person?.id, p, lang: other === programme.locale ? undefined : other })}`,
        },
        main,
      });
    if (!person) {
      sendHtml(res, 200, frame(s.title, chooser(programme, { programme, locale, lang, p })));
      return;
    }

    const viewer: Viewer = { programme, person: person.id, locale, lang, p };
    const isOwner = programme.owners.includes(person.id);
    const evaluated = new Map<string, boolean>();
    const closed = async (c: AppContext, owner: boolean, week: WeekId) => {
      if (owner) return false;
      const key = `${c.programme.key}|${week}`;
      if (!evaluated.has(key)) evaluated.set(key, await c.store.isEvaluated(week));
      return evaluated.get(key) === true;
    };
    /** A check-in as it stands in `c` (the page's programme unless said), for someone an owner there or not. */
    const state = async (
      week: WeekId,
      intrapreneur: string,
      c: AppContext = ctx,
      owner = isOwner,
    ): Promise<PromptState> => ({
      week,
      intrapreneur,
      answer: await c.store.getAnswer(intrapreneur, week),
      closed: await closed(c, owner, week),
      ...(p ? { programme: c.programme.key } : {}),
    });

    const cards: Html[] = [];
    for (const row of await deps.store().list(person.id, { newestFirst: true, limit: SHOWN_MESSAGES })) {
      const m = row.message;
      cards.push(
        messageCard(viewer, row, m.kind === 'prompt' ? await state(m.week, m.intrapreneur) : undefined),
      );
    }
    const channels = [];
    for (const channel of await deps.store().channels()) {
      const rows = await deps.store().list(channel, { newestFirst: true, limit: SHOWN_MESSAGES });
      channels.push({ name: channel.slice(1), messages: rows.map((row) => messageCard(viewer, row)) });
    }

    const taken = replies.take(person.id, params.get('reply'));
    let ephemeral: Parameters<typeof conversation>[0]['ephemeral'];
    if (taken) {
      const reply = taken.reply;
      const from = (taken.programme ? deps.contextOf?.(taken.programme) : undefined) ?? ctx;
      // In another programme, the person is an owner there when they opened someone else's check-in.
      const owner = from === ctx ? isOwner : reply.kind === 'checkin' && reply.owner !== undefined;
      const checkins =
        reply.kind === 'checkin'
          ? await Promise.all(reply.weeks.map(({ week }) => state(week, reply.intrapreneur, from, owner)))
          : [];
      ephemeral = {
        ...(taken.typed ? { typed: taken.typed } : {}),
        reply: taken.reply,
        checkins,
        ...(from === ctx ? {} : { programme: from.programme }),
      };
    }
    const weeks = isOwner ? runnableWeeks(programme, ctx.clock.now()) : [];
    const chosen = params.get('week');
    const main = conversation({
      programme,
      viewer,
      person,
      ...(ephemeral ? { ephemeral } : {}),
      ...(isOwner ? { owner: { weeks, selected: weeks.find((w) => w === chosen) ?? weeks[0] } } : {}),
      examples: examples(programme, person.id),
      messages: cards,
      channels,
    });
    sendHtml(res, 200, frame(s.as(person.name), main));
  };
}
