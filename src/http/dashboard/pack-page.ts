// The committee pack as a web page: what the PDF says, printable (one project per printed page, no navigation), with
// the choice of the coaches' notes and the link to the PDF.
import type { CommitteePack, PackIntrapreneur, PackProject } from '../../app/committee-pack.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { dateLabel } from '../../render/format.ts';
import {
  alertWords,
  chartBars,
  chartSummary,
  coachingWords,
  durationText,
  figureLines,
  periodText,
  releaseWords,
  weekLabel,
} from '../../render/pack-text.ts';
import { type Html, html } from '../web/html.ts';
import { packChart } from './pack-chart.ts';

export interface PackPageLinks {
  /** This page's path, where the notes form sends its choice. */
  path: string;
  /** The PDF of the same pack (same projects, same notes choice). */
  pdf: string;
  /** Kept by the form, so that the choice of the notes keeps the signed link and the language. */
  hidden: Record<string, string | undefined>;
  /** Each project's own page, when the page shows several. */
  project?: (id: string) => string;
}

/** A table in the design system's scroll box, which the keyboard can reach when it is wider than the screen. */
function tableBox(id: string, caption: string, head: Html, rows: Html[]): Html {
  return html`<div class="fr-table fr-table--no-caption fr-mb-2w"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-labelledby="${id}-caption"><div class="fr-table__content">
<table id="${id}">
<caption id="${id}-caption">${caption}</caption>
<thead>${head}</thead>
<tbody>${rows}</tbody>
</table>
</div></div></div></div>`;
}

function options(pack: CommitteePack, links: PackPageLinks, locale: Locale): Html {
  const t = messages(locale).pack;
  const hidden = Object.entries(links.hidden).filter(([, v]) => v !== undefined && v !== '');
  return html`<form class="cb-pack-options fr-mb-3w" method="get" action="${links.path}">
${hidden.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="fr-checkbox-group fr-mb-2w">
<input type="checkbox" id="notes" name="notes" value="1"${pack.withNotes ? html` checked` : ''}>
<label class="fr-label" for="notes">${t.page.notesOption}<span class="fr-hint-text">${t.page.notesHint}</span></label>
</div>
<button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">${t.page.update}</button>
</form>
<p class="cb-pack-download"><a class="fr-link fr-link--download" id="pdf" href="${links.pdf}">${t.page.pdf}<span class="fr-link__detail">${t.page.pdfDetail}</span></a></p>`;
}

function person(pack: CommitteePack, project: PackProject, p: PackIntrapreneur, locale: Locale): Html {
  const t = messages(locale).pack;
  const id = `${project.id}-${p.person}`;
  const figures = tableBox(
    `${id}-figures`,
    t.figures.caption(p.name),
    html`<tr><th scope="col">${t.figures.what}</th><th scope="col">${t.figures.value}</th></tr>`,
    figureLines(p.figures, locale).map(
      (line) => html`<tr><th scope="row">${line.label}</th><td>${line.value}</td></tr>`,
    ),
  );
  const weeks =
    pack.weeks.length === 0
      ? ''
      : html`<h4 class="fr-h6">${t.chart.title(p.name)}</h4>
${packChart(`${id}-chart`, chartBars(p, locale), p.minimumDays, { title: t.chart.title(p.name), description: chartSummary(p, locale) }, locale)}
${tableBox(
  `${id}-weeks`,
  t.weeks.caption(p.name),
  html`<tr><th scope="col">${t.weeks.week}</th><th scope="col">${t.weeks.release}</th><th scope="col">${t.weeks.coaching}</th><th scope="col">${t.weeks.alerts}</th></tr>`,
  p.weeks.map(
    (w) =>
      html`<tr data-week="${w.week}"><th scope="row">${weekLabel(w.week, locale)}</th><td>${releaseWords(w, locale)}</td><td>${coachingWords(w, locale)}</td><td>${alertWords(w.alerts, locale)}</td></tr>`,
  ),
)}`;
  const sessions =
    p.sessions.length === 0
      ? html`<p>${t.sessions.none}</p>`
      : tableBox(
          `${id}-sessions`,
          t.sessions.caption(p.name),
          html`<tr><th scope="col">${t.sessions.date}</th><th scope="col">${t.sessions.duration}</th><th scope="col">${t.sessions.loggedBy}</th>${pack.withNotes ? html`<th scope="col">${t.sessions.notes}</th>` : ''}</tr>`,
          p.sessions.map(
            (s) =>
              html`<tr><th scope="row">${dateLabel(s.date, locale)}</th><td>${durationText(s.durationMinutes, locale)}</td><td>${s.loggedByName}</td>${pack.withNotes ? html`<td class="cb-pack-notes">${s.notes ?? ''}</td>` : ''}</tr>`,
          ),
        );
  return html`<section class="cb-pack-person fr-mb-4w" aria-labelledby="${id}-title">
<h3 id="${id}-title">${p.name}</h3>
<p>${t.manager(p.managerName)} ${t.minimum(p.minimumDays, p.individualMinimum)}</p>
<h4 class="fr-h6">${t.figures.title(p.name)}</h4>
${figures}
${weeks}
<h4 class="fr-h6">${t.sessions.title}</h4>
${sessions}
</section>`;
}

function project(pack: CommitteePack, p: PackProject, locale: Locale, link?: string): Html {
  const t = messages(locale).pack;
  const status = messages(locale).commands.projectStatus[p.status];
  const facts: [string, string][] = [
    ...(p.problem ? [[t.problem, p.problem] as [string, string]] : []),
    [t.state, p.decidedOn ? t.decidedOn(status, dateLabel(p.decidedOn, locale)) : status],
    [t.coach, p.coachName],
    [t.intrapreneurs, p.intrapreneurs.map((i) => i.name).join(', ') || t.noIntrapreneur],
  ];
  return html`<article class="cb-pack-project" id="project-${p.id}" data-project="${p.id}" aria-labelledby="project-${p.id}-title">
<h2 id="project-${p.id}-title">${link ? html`<a href="${link}">${p.name}</a>` : p.name}</h2>
<dl class="cb-pack-facts fr-mb-3w">${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>
${p.intrapreneurs.map((i) => person(pack, p, i, locale))}
</article>`;
}

export function packPage(pack: CommitteePack, locale: Locale, links: PackPageLinks): Html {
  const t = messages(locale).pack;
  const single = pack.projects.length === 1 ? pack.projects[0] : undefined;
  const status = messages(locale).commands.projectStatus;
  return html`<div class="cb-pack">
<h1>${single ? t.projectTitle(single.name) : t.title}</h1>
<p class="fr-text--lead fr-mb-2w">${pack.programme.name} — ${pack.programme.organisation}</p>
<p class="fr-mb-1w">${t.purpose}</p>
<p>${t.madeOn(dateLabel(pack.madeOn, locale))} ${periodText(pack, locale)}</p>
<div class="fr-alert ${pack.withNotes ? 'fr-alert--warning' : 'fr-alert--info'} fr-alert--sm fr-mb-3w" id="notes-statement"><p>${pack.withNotes ? t.notesIncluded : t.notesLeftOut}</p></div>
${options(pack, links, locale)}
${
  single
    ? ''
    : html`<nav class="cb-pack-toc fr-mb-4w" aria-labelledby="toc-title"><h2 id="toc-title" class="fr-h4">${t.projects}</h2><ul>${pack.projects.map(
        (p) => html`<li><a href="#project-${p.id}">${p.name}</a> — ${status[p.status]}</li>`,
      )}</ul></nav>`
}
${pack.projects.map((p) => project(pack, p, locale, single ? undefined : links.project?.(p.id)))}
</div>`;
}
