// `GET /overview`, the national view: every programme an owner owns, side by side, each linking to its own
// dashboard. Under the dashboard's rule: with a real chat platform, only a signed link an owner asked for
// (`/phase dashboard`, when they own several programmes) opens it, and it lists only the programmes whose owners
// include that person (matched across files like every membership); with the sandbox alone, this machine sees all.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../app/context.ts';
import { claimedProgramme, dashboardLink, verifyDashboardToken } from '../../app/dashboard-link.ts';
import { membershipsOfId } from '../../app/memberships.ts';
import { OVERVIEW_PATH } from '../../app/programme-commands.ts';
import type { Programmes } from '../../app/programmes.ts';
import type { Env } from '../../config/env.ts';
import { localDateOf } from '../../core/calendar.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { dateLabel, weekLabel } from '../../render/format.ts';
import type { Route } from '../server.ts';
import { type Html, html, query } from '../web/html.ts';
import { layout } from '../web/layout.ts';
import { isLocalRequest, searchParams, sendHtml } from '../web/request.ts';
import { type ProgrammeOverview, programmeOverview } from './overview-data.ts';

type Granted =
  | { ok: true; owned: { ctx: AppContext; owner?: string }[]; token?: string }
  | { ok: false; status: 401 | 403 };

export function overviewRoute(options: { programmes: Programmes; env: Env; sandbox: boolean }): Route {
  const { programmes, env } = options;
  const first = programmes.first;
  const signedOnly = Boolean(env.slack || env.mattermost || env.email);

  const access = (req: IncomingMessage): Granted => {
    if (!signedOnly) {
      return isLocalRequest(req)
        ? { ok: true, owned: programmes.all.map((ctx) => ({ ctx })) }
        : { ok: false, status: 403 };
    }
    const token = searchParams(req).get('t');
    if (!token) return { ok: false, status: 401 };
    const key = claimedProgramme(token) ?? first.programme.key;
    const ctx = programmes.get(key);
    const grant = ctx?.dashboard ? verifyDashboardToken(ctx.dashboard.secret, token, ctx.clock.now()) : null;
    if (!ctx || !grant || (grant.programme ?? first.programme.key) !== key) return { ok: false, status: 401 };
    if (!ctx.programme.owners.includes(grant.owner)) return { ok: false, status: 401 };
    const owned = membershipsOfId(programmes, ctx, grant.owner)
      .filter((m) => m.ctx.programme.owners.includes(m.person))
      .map((m) => ({ ctx: m.ctx, owner: m.person }));
    return { ok: true, owned, token };
  };

  return async (req, res) => {
    const locale = localeOf(req, first.programme.locale);
    const granted = access(req);
    if (!granted.ok) return refuse(res, locale, granted.status);
    const rows = await Promise.all(
      granted.owned.map(async ({ ctx, owner }) => ({
        overview: await programmeOverview(ctx),
        href: dashboardHref(ctx, owner, locale),
      })),
    );
    const t = messages(locale).dashboard;
    const lang = locale === first.programme.locale ? undefined : locale;
    const today = localDateOf(first.clock.now(), first.programme.timezone);
    const main = html`<h1>${t.overview.title}</h1>
<p class="fr-text--lead">${t.overview.lead(rows.length)} — ${t.asOf(dateLabel(today, locale))}</p>
${overviewTable(rows, locale)}`;
    const other = locale === 'fr' ? 'en' : 'fr';
    sendHtml(
      res,
      200,
      layout({
        locale,
        title: t.overview.title,
        tagline: t.overview.title,
        nav: [
          ...(options.sandbox && !granted.token
            ? [{ href: `/${query({ lang })}`, label: t.nav.sandbox }]
            : []),
          {
            href: `${OVERVIEW_PATH}${query({ t: granted.token, lang })}`,
            label: t.nav.overview,
            current: true,
          },
        ],
        otherLanguage: { locale: other, href: `${OVERVIEW_PATH}${query({ t: granted.token, lang: other })}` },
        main,
      }),
    );
  };
}

function localeOf(req: IncomingMessage, fallback: Locale): Locale {
  const lang = searchParams(req).get('lang');
  return lang === 'en' || lang === 'fr' ? lang : fallback;
}

/** A fresh signed link to the programme's own dashboard for the owner, or its local address in the sandbox. */
function dashboardHref(ctx: AppContext, owner: string | undefined, locale: Locale): string {
  const lang = locale === ctx.programme.locale ? undefined : locale;
  if (owner === undefined || !ctx.dashboard) return `/dashboard${query({ p: ctx.programme.key, lang })}`;
  const { url } = dashboardLink(ctx.dashboard, owner, ctx.clock.now());
  return lang ? `${url}&lang=${lang}` : url;
}

function refuse(res: ServerResponse, locale: Locale, status: 401 | 403): void {
  const t = messages(locale).dashboard.refused;
  const title = status === 401 ? t.title401 : t.title403;
  res.setHeader('www-authenticate', 'Bearer realm="coaching-bot"');
  sendHtml(
    res,
    status,
    layout({
      locale,
      title,
      tagline: messages(locale).dashboard.overview.title,
      nav: [],
      otherLanguage: { locale: locale === 'fr' ? 'en' : 'fr', href: OVERVIEW_PATH },
      main: html`<h1>${title}</h1><p>${status === 401 ? t.body401 : t.body403}</p>`,
    }),
  );
}

function overviewTable(rows: { overview: ProgrammeOverview; href: string }[], locale: Locale): Html {
  const t = messages(locale).dashboard.overview;
  const sum = (f: (o: ProgrammeOverview) => number) => rows.reduce((n, r) => n + f(r.overview), 0);
  return html`<div class="fr-table fr-table--multiline"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-labelledby="overview-caption"><div class="fr-table__content">
<table id="overview">
<caption id="overview-caption">${t.caption}</caption>
<thead><tr><th scope="col">${t.programme}</th><th scope="col">${t.phase}</th><th scope="col">${t.next}</th><th scope="col">${t.week}</th><th scope="col">${t.released}</th><th scope="col">${t.coaching}</th><th scope="col">${t.alerts}</th><th scope="col">${t.trend}</th></tr></thead>
<tbody>
${rows.map(({ overview: o, href }) => {
  const next = o.next ? t.nextLine(o.next.phase, dateLabel(o.next.start, locale), o.next.inDays) : t.none;
  return html`<tr data-programme="${o.key}"><th scope="row"><a class="fr-link" href="${href}">${t.open(o.name)}</a></th><td>${o.currentPhase ?? t.noPhase}</td><td>${next}</td><td>${o.week ? weekLabel(o.week, locale) : t.none}</td><td data-figure="honoured">${t.of(o.honoured, o.intrapreneurs)}</td><td data-figure="coaching">${t.of(o.coachingHeld, o.intrapreneurs)}</td><td data-figure="alerts">${String(o.alerts)}</td><td>${sparkline(o, locale)}</td></tr>`;
})}
</tbody>
<tfoot><tr data-programme="total"><th scope="row">${t.total}</th><td></td><td></td><td></td><td data-figure="honoured">${t.of(
    sum((o) => o.honoured),
    sum((o) => o.intrapreneurs),
  )}</td><td data-figure="coaching">${t.of(
    sum((o) => o.coachingHeld),
    sum((o) => o.intrapreneurs),
  )}</td><td data-figure="alerts">${String(sum((o) => o.alerts))}</td><td></td></tr></tfoot>
</table>
</div></div></div></div>`;
}

/** The weeks' shares as a small line, said in words to those who do not see it. */
function sparkline(o: ProgrammeOverview, locale: Locale): Html {
  const t = messages(locale).dashboard.overview;
  if (o.trend.length === 0) return html`${t.noTrend}`;
  const width = 96;
  const height = 24;
  const step = o.trend.length > 1 ? width / (o.trend.length - 1) : 0;
  const points = o.trend
    .map((p, i) =>
      p.share === null ? undefined : `${(i * step).toFixed(1)},${(height - p.share * height).toFixed(1)}`,
    )
    .filter((p) => p !== undefined)
    .join(' ');
  const label = t.trendLabel(o.trend.map((p) => t.trendPoint(weekLabel(p.week, locale), p.share)).join(', '));
  return html`<svg class="cb-sparkline" role="img" aria-label="${label}" width="${String(width)}" height="${String(height)}" viewBox="-2 -2 ${String(width + 4)} ${String(height + 4)}"><polyline fill="none" stroke="currentColor" stroke-width="2" points="${points}"/></svg>`;
}
