// The owner dashboard's routes. With no real chat platform (the sandbox), it is open to this machine only; once Slack,
// Mattermost or e-mail is configured, only a signed, expiring link sent to an owner opens it, and every other request that
// no platform answers gets 401.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../app/context.ts';
import { claimedProgramme, verifyDashboardToken } from '../../app/dashboard-link.ts';
import { OVERVIEW_PATH } from '../../app/programme-commands.ts';
import type { Programmes } from '../../app/programmes.ts';
import type { Env } from '../../config/env.ts';
import { localDateOf } from '../../core/calendar.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { dateLabel, weekLabel } from '../../render/format.ts';
import { BYTE_ORDER_MARK, formatReport } from '../../render/report-format.ts';
import { reportXlsx, XLSX_TYPE } from '../../render/report-xlsx.ts';
import { json, type Route } from '../server.ts';
import { assetRoutes } from '../web/assets.ts';
import { type Html, html, query } from '../web/html.ts';
import { layout, type NavLink } from '../web/layout.ts';
import { isLocalRequest, searchParams, sendHtml, sendText } from '../web/request.ts';
import { dashboardData, dashboardReport } from './data.ts';
import { overviewRoute } from './overview.ts';
import { packLinks } from './pack-links.ts';
import { type Access, packRoutes } from './pack-routes.ts';
import { alertsSection, coachingSection, releaseSection } from './render.ts';
import { timeline } from './timeline.ts';

export interface DashboardOptions {
  /** With `dashboard` set (the links' signing key) whenever a real chat platform is configured. */
  ctx: AppContext;
  env: Env;
  /** Whether the sandbox page is mounted too (then the dashboard links back to it). */
  sandbox: boolean;
  /**
   * When the deployment serves several programmes: this programme's key, named (`?p=`) in every link of its pages,
   * and required in the signed links that open them. Links signed without a programme open the first one only.
   */
  several?: { first: boolean };
}

export interface Dashboard {
  routes: Record<string, Route>;
  /** Answers what no route matched: 401 when only signed links open pages, else nothing (404). */
  fallback?: Route;
}

export function localeOf(req: IncomingMessage, fallback: Locale): Locale {
  const lang = searchParams(req).get('lang');
  return lang === 'en' || lang === 'fr' ? lang : fallback;
}

export function createDashboard(options: DashboardOptions): Dashboard {
  const { ctx, env } = options;
  /** Named in each link when the deployment serves several programmes. */
  const p = options.several ? ctx.programme.key : undefined;
  const signedOnly = Boolean(env.slack || env.mattermost || env.email);
  const links = ctx.dashboard;
  // Without the key, every signed link would be refused: a wiring mistake, said at start rather than at each click.
  if (signedOnly && !links) throw new Error('the dashboard behind signed links needs ctx.dashboard');

  const access = (req: IncomingMessage): Access => {
    if (!signedOnly) return isLocalRequest(req) ? { ok: true } : { ok: false, status: 403 };
    const token = searchParams(req).get('t');
    const grant = token && links ? verifyDashboardToken(links.secret, token, ctx.clock.now()) : null;
    // An owner removed from the programme file loses access with the links already sent to them.
    if (!token || !grant || !ctx.programme.owners.includes(grant.owner)) return { ok: false, status: 401 };
    // A link opens the pages of the programme it was made for, and no other's.
    const claimed = grant.programme ?? (options.several && !options.several.first ? null : ctx.programme.key);
    if (claimed !== ctx.programme.key) return { ok: false, status: 401 };
    return { ok: true, token };
  };

  const refuse = (req: IncomingMessage, res: ServerResponse, status: 401 | 403) => {
    const locale = localeOf(req, ctx.programme.locale);
    const t = messages(locale).dashboard.refused;
    const body = html`<h1>${status === 401 ? t.title401 : t.title403}</h1><p>${status === 401 ? t.body401 : t.body403}</p>`;
    res.setHeader('www-authenticate', 'Bearer realm="coaching-bot"');
    sendHtml(res, status, frame(locale, status === 401 ? t.title401 : t.title403, body, [], '/dashboard'));
  };

  const frame = (locale: Locale, title: string, main: Html, nav: NavLink[], path: string, token?: string) =>
    layout({
      locale,
      title,
      tagline: ctx.programme.name,
      nav,
      otherLanguage: {
        locale: locale === 'fr' ? 'en' : 'fr',
        href: `${path}${query({ t: token, p, lang: locale === 'fr' ? 'en' : 'fr' })}`,
      },
      main,
    });

  const page: Route = async (req, res) => {
    const granted = access(req);
    if (!granted.ok) return refuse(req, res, granted.status);
    const locale = localeOf(req, ctx.programme.locale);
    const t = messages(locale).dashboard;
    const data = await dashboardData(ctx);
    const lang = locale === ctx.programme.locale ? undefined : locale;
    const nav: NavLink[] = [
      ...(options.sandbox && !granted.token
        ? [{ href: `/${query({ p, lang })}`, label: t.nav.sandbox }]
        : []),
      { href: `/dashboard${query({ t: granted.token, p, lang })}`, label: t.nav.dashboard, current: true },
      ...(options.several
        ? [{ href: `${OVERVIEW_PATH}${query({ t: granted.token, lang })}`, label: t.nav.overview }]
        : []),
    ];
    const csv = `/dashboard.csv${query({ t: granted.token, p, lang })}`;
    const xlsx = `/dashboard.xlsx${query({ t: granted.token, p, lang })}`;
    const today = localDateOf(ctx.clock.now(), ctx.programme.timezone);
    const figures = data.status.figures;
    const main = html`<h1>${t.title}</h1>
<p class="fr-text--lead">${ctx.programme.name} — ${t.asOf(dateLabel(today, locale))}</p>
${
  figures
    ? html`<p>${messages(locale).status.compliance(weekLabel(figures.week, locale), figures.honoured, figures.intrapreneurs, figures.missed, figures.unknown, figures.coachingHeld)}</p>`
    : ''
}
<p class="fr-mb-6w"><a class="fr-link fr-link--download" id="csv" href="${csv}">${t.csv}<span class="fr-link__detail">${t.csvDetail}</span></a><br><a class="fr-link fr-link--download" id="xlsx" href="${xlsx}">${t.xlsx}<span class="fr-link__detail">${t.xlsxDetail}</span></a></p>
<section class="fr-mb-6w" aria-labelledby="phases-title">
<h2 id="phases-title">${t.timeline.title}</h2>
${timeline(data.status, locale)}
</section>
${releaseSection(data, locale)}
${coachingSection(data, locale)}
${alertsSection(ctx.programme, data, locale)}
${packLinks(ctx.programme, locale, { t: granted.token, p, lang })}`;
    sendHtml(res, 200, frame(locale, t.title, main, nav, '/dashboard', granted.token));
  };

  const csv: Route = async (req, res) => {
    const granted = access(req);
    if (!granted.ok) return refuse(req, res, granted.status);
    const report = await dashboardReport(ctx);
    const locale = localeOf(req, ctx.programme.locale);
    const text = formatReport(report, 'csv', locale);
    // A download is opened by spreadsheet software: the byte-order mark makes it read UTF-8 in every language.
    sendText(res, 200, `${text.startsWith(BYTE_ORDER_MARK) ? '' : BYTE_ORDER_MARK}${text}\n`, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="coaching-bot-${report.from}-${report.to}.csv"`,
    });
  };

  const xlsx: Route = async (req, res) => {
    const granted = access(req);
    if (!granted.ok) return refuse(req, res, granted.status);
    const report = await dashboardReport(ctx);
    sendText(res, 200, await reportXlsx(report, localeOf(req, ctx.programme.locale)), {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="coaching-bot-${report.from}-${report.to}.xlsx"`,
    });
  };

  const fallback: Route = (req, res) => refuse(req, res, 401);

  return {
    routes: {
      ...assetRoutes(),
      'GET /dashboard': page,
      'GET /dashboard.csv': csv,
      'GET /dashboard.xlsx': xlsx,
      ...packRoutes({
        ctx,
        ...(p ? { programme: p } : {}),
        sandbox: options.sandbox,
        access,
        refuse,
        localeOf: (req) => localeOf(req, ctx.programme.locale),
        frame,
      }),
    },
    ...(signedOnly ? { fallback } : {}),
  };
}

/**
 * For `coaching-bot start`: the dashboard's routes, whatever the platforms, and the lines that tell the person who
 * started the bot where to look. With several programmes, each has its own dashboard on the same paths: a request goes
 * to the programme its `?p=` names, else the one its signed link claims, else the first.
 */
export function mountDashboard(
  programmes: Programmes,
  env: Env,
  platforms: readonly { name: string }[],
): Dashboard & { banner(url: string): string[] } {
  const sandbox = platforms.some((p) => p.name === 'sandbox');
  const locale = programmes.first.programme.locale;
  const banner = (url: string) => (sandbox ? [messages(locale).sandbox.started(url)] : []);
  if (!programmes.several) return { ...createDashboard({ ctx: programmes.first, env, sandbox }), banner };
  const dashboards = new Map(
    programmes.all.map((ctx, i) => [
      ctx.programme.key,
      createDashboard({ ctx, env, sandbox, several: { first: i === 0 } }),
    ]),
  );
  const first = dashboards.get(programmes.first.programme.key) as Dashboard;
  const pick = (req: IncomingMessage): Dashboard | undefined => {
    const params = searchParams(req);
    const token = params.get('t');
    const key = params.get('p') ?? (token ? claimedProgramme(token) : undefined);
    return key === undefined ? first : dashboards.get(key);
  };
  const routes: Record<string, Route> = {};
  for (const path of Object.keys(first.routes)) {
    routes[path] = (req, res) => {
      const route = pick(req)?.routes[path];
      if (!route) return json(res, 404, { error: 'not_found' });
      return route(req, res);
    };
  }
  routes[`GET ${OVERVIEW_PATH}`] = overviewRoute({ programmes, env, sandbox });
  return { routes, ...(first.fallback ? { fallback: first.fallback } : {}), banner };
}
