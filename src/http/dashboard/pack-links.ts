// The dashboard's way to the committee pack: every project's, and each project's own.
import { packPath } from '../../app/dashboard-link.ts';
import type { Locale, Programme } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { type Html, html, query } from '../web/html.ts';

export function packLinks(
  programme: Programme,
  locale: Locale,
  params: { t: string | undefined; p?: string | undefined; lang: string | undefined },
): Html {
  const t = messages(locale).pack;
  return html`<section class="fr-mb-6w" aria-labelledby="pack-title">
<h2 id="pack-title">${t.title}</h2>
<p><a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" id="pack-all" href="${packPath()}${query(params)}">${t.page.openAll}</a><br><span class="fr-text--sm">${t.page.openAllDetail}</span></p>
<ul class="cb-pack-links">${programme.projects.map(
    (p) =>
      html`<li><a href="${packPath(p.id)}${query(params)}" data-project="${p.id}">${t.page.open(p.name)}</a></li>`,
  )}</ul>
</section>`;
}
