// The committee pack's routes, under the dashboard's access rule: `/dashboard/projects` (every project, one per printed
// page), `/dashboard/projects/<id>` (one project), and each one's PDF (`….pdf`). `?notes=1` adds the coaches' notes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { committeePack, findProject } from '../../app/committee-pack.ts';
import type { AppContext } from '../../app/context.ts';
import { packPath } from '../../app/dashboard-link.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { packPdf } from '../../render/pack-pdf.ts';
import type { Route } from '../server.ts';
import { type Html, html, query } from '../web/html.ts';
import type { NavLink } from '../web/layout.ts';
import { decodedPath, searchParams, sendHtml, sendText } from '../web/request.ts';
import { packPage } from './pack-page.ts';

export type Access = { ok: true; token?: string } | { ok: false; status: 401 | 403 };

export interface PackRouteOptions {
  ctx: AppContext;
  /** Named in each link when the deployment serves several programmes. */
  programme?: string;
  sandbox: boolean;
  access(req: IncomingMessage): Access;
  refuse(req: IncomingMessage, res: ServerResponse, status: 401 | 403): void;
  localeOf(req: IncomingMessage): Locale;
  frame(locale: Locale, title: string, main: Html, nav: NavLink[], path: string, token?: string): Html;
}

const PREFIX = packPath();

export function packRoutes(options: PackRouteOptions): Record<string, Route> {
  const { ctx } = options;
  const p = options.programme;

  const page = async (req: IncomingMessage, res: ServerResponse, token: string | undefined, id?: string) => {
    const locale = options.localeOf(req);
    const t = messages(locale);
    const lang = locale === ctx.programme.locale ? undefined : locale;
    const notes = searchParams(req).get('notes') === '1' ? '1' : undefined;
    const path = packPath(id);
    const nav: NavLink[] = [
      ...(options.sandbox && !token
        ? [{ href: `/${query({ p, lang })}`, label: t.dashboard.nav.sandbox }]
        : []),
      { href: `/dashboard${query({ t: token, p, lang })}`, label: t.dashboard.nav.dashboard },
      { href: `${PREFIX}${query({ t: token, p, lang })}`, label: t.pack.page.all, current: id === undefined },
    ];
    if (id !== undefined && !findProject(ctx.programme.projects, id)) {
      const main = html`<h1>${t.pack.page.notFound}</h1><p>${t.pack.page.notFoundBody(id)}</p><p><a class="fr-link" href="/dashboard${query({ t: token, p, lang })}">${t.pack.page.back}</a></p>`;
      return sendHtml(res, 404, options.frame(locale, t.pack.page.notFound, main, nav, path, token));
    }
    const pack = await committeePack(ctx, {
      ...(id === undefined ? {} : { project: id }),
      withNotes: !!notes,
    });
    const main = packPage(pack, locale, {
      path,
      pdf: `${path}.pdf${query({ t: token, p, lang, notes })}`,
      hidden: { t: token, lang },
      project: (project) => `${packPath(project)}${query({ t: token, p, lang, notes })}`,
    });
    const title = id === undefined ? t.pack.title : t.pack.projectTitle(pack.projects[0]?.name ?? id);
    sendHtml(res, 200, options.frame(locale, title, main, nav, path, token));
  };

  const pdf = async (req: IncomingMessage, res: ServerResponse, id?: string) => {
    const locale = options.localeOf(req);
    const withNotes = searchParams(req).get('notes') === '1';
    const pack = await committeePack(ctx, { ...(id === undefined ? {} : { project: id }), withNotes });
    const bytes = await packPdf(pack, locale);
    // The fact, never what is in it: the notes are personal words.
    ctx.logger.info({ project: id ?? null, withNotes }, 'pack: committee pack downloaded');
    const file = `${messages(locale).pack.pdf.file}${id === undefined ? '' : `-${id}`}.pdf`;
    sendText(res, 200, bytes, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${file}"`,
    });
  };

  /** The access rule first: whoever may not open the dashboard learns nothing, not even which projects exist. */
  const guarded =
    (
      handle: (req: IncomingMessage, res: ServerResponse, token: string | undefined) => Promise<void>,
    ): Route =>
    async (req, res) => {
      const granted = options.access(req);
      if (!granted.ok) return options.refuse(req, res, granted.status);
      await handle(req, res, granted.token);
    };

  return {
    [`GET ${PREFIX}`]: guarded((req, res, token) => page(req, res, token)),
    [`GET ${PREFIX}.pdf`]: guarded((req, res) => pdf(req, res)),
    [`GET ${PREFIX}/*`]: guarded(async (req, res, token) => {
      const rest = decodedPath(req, `${PREFIX}/`);
      const pdfOf = rest.endsWith('.pdf') ? rest.slice(0, -'.pdf'.length) : undefined;
      const project = pdfOf === undefined ? undefined : findProject(ctx.programme.projects, pdfOf);
      if (project) return pdf(req, res, project.id);
      return page(req, res, token, rest);
    }),
  };
}
