// The owner dashboard's sections. Every cell says its value in words or figures, its colour only repeats it, and a
// legend explains both, so that the page reads the same without colour.

import type { AlertRule } from '../../core/alerts.ts';
import { findPerson, type Locale, type Programme } from '../../core/programme.ts';
import { weekParts } from '../../core/week.ts';
import { messages } from '../../i18n/index.ts';
import { weekLabel } from '../../render/format.ts';
import { alertText } from '../../render/render-text.ts';
import { type Html, html } from '../web/html.ts';
import type { DashboardCell, DashboardData } from './data.ts';

type Tone = 'honoured' | 'missed' | 'leave' | 'closed' | 'pending' | 'no-answer' | 'not-asked' | 'disagree';

interface CellView {
  tone: Tone;
  text: string;
  /** Read by screen readers in place of the short text. */
  spoken: string;
}

/** The words both grids share for a week without a figure: leave or closure, no answer (yet), not asked. */
interface UnansweredWords {
  leave: string;
  closed: string;
  pending: string;
  noAnswer: string;
  spoken: { leave: string; closed: string; pending: string; noAnswer: string; notAsked: string };
}

/** Marks an alert, in the grid of the rule that raised it. */
const ALERT = '⚠';
/** Marks a disagreement between the intrapreneur's answer and the coach's log: not an alert, so not its symbol. */
const DISAGREEMENT = '≠';

/** Which grid shows which alerts: the released day's (and the unanswered week's), and the coaching point's. */
const RELEASE_ALERTS: readonly AlertRule[] = [
  'release_two_weeks',
  'release_average',
  'release_missed',
  'no_answer',
];
const COACHING_ALERTS: readonly AlertRule[] = ['coaching_missed'];

function unansweredView(
  status: 'exempt' | 'unknown' | 'not_asked',
  cell: DashboardCell,
  t: UnansweredWords,
): CellView {
  if (status === 'exempt') {
    return cell.leave
      ? { tone: 'leave', text: t.leave, spoken: t.spoken.leave }
      : { tone: 'closed', text: t.closed, spoken: t.spoken.closed };
  }
  if (status === 'unknown') {
    return cell.pending
      ? { tone: 'pending', text: t.pending, spoken: t.spoken.pending }
      : { tone: 'no-answer', text: t.noAnswer, spoken: t.spoken.noAnswer };
  }
  return { tone: 'not-asked', text: '—', spoken: t.spoken.notAsked };
}

function releaseView(cell: DashboardCell, locale: Locale): CellView {
  const t = messages(locale).dashboard.release;
  const days = cell.releasedDays ?? 0;
  switch (cell.release) {
    case 'honoured':
      return { tone: 'honoured', text: t.days(days), spoken: t.spoken.honoured(days) };
    case 'missed':
      return { tone: 'missed', text: `${t.days(days)} ✗`, spoken: t.spoken.missed(days) };
    case 'exempt':
    case 'unknown':
    case 'not_asked':
      return unansweredView(cell.release, cell, t);
  }
}

function coachingView(cell: DashboardCell, locale: Locale): CellView {
  const t = messages(locale).dashboard.coaching;
  if (cell.disagreement)
    return { tone: 'disagree', text: `${DISAGREEMENT} ${t.disagree}`, spoken: t.spoken.disagree };
  switch (cell.coaching) {
    case 'held':
      if (cell.coachingLogged && cell.coachingAnswered)
        return { tone: 'honoured', text: t.both, spoken: t.spoken.both };
      if (cell.coachingLogged) return { tone: 'honoured', text: t.logged, spoken: t.spoken.logged };
      return { tone: 'honoured', text: t.answered, spoken: t.spoken.answered };
    case 'missed':
      return { tone: 'missed', text: t.missed, spoken: t.spoken.missed };
    case 'exempt':
    case 'unknown':
    case 'not_asked':
      return unansweredView(cell.coaching, cell, t);
  }
}

function weekHeader(week: string, current: string, locale: Locale): Html {
  const label = weekLabel(week, locale);
  const isCurrent = week === current;
  return html`<th scope="col"${isCurrent ? html` class="cb-current"` : ''}><abbr title="${label}">${messages(locale).dates.weekShort(weekParts(week).week)}</abbr><span class="fr-sr-only">, ${label}${isCurrent ? `, ${messages(locale).dashboard.currentWeek}` : ''}</span></th>`;
}

function matrix(
  data: DashboardData,
  locale: Locale,
  id: string,
  caption: string,
  view: (cell: DashboardCell, locale: Locale) => CellView,
  shownAlerts: readonly AlertRule[],
): Html {
  const t = messages(locale).dashboard;
  return html`<div class="cb-scroll" tabindex="0" role="region" aria-labelledby="${id}-caption">
<table class="cb-heatmap" id="${id}">
<caption id="${id}-caption">${caption}</caption>
<thead><tr><th scope="col">${t.intrapreneur}</th>${data.report.weeks.map((w) => weekHeader(w, data.currentWeek, locale))}</tr></thead>
<tbody>
${data.rows.map(
  (row) =>
    html`<tr><th scope="row">${row.name}<br><span class="cb-project">${row.project}</span>${row.ownMinimum ? html`<br><span class="cb-minimum">${t.ownMinimum(row.ownMinimum.days, row.ownMinimum.reason)}</span>` : ''}</th>${row.cells.map(
      (cell) => {
        const v = view(cell, locale);
        const alerts = cell.alertRules.filter((rule) => shownAlerts.includes(rule));
        const titles = alerts.map((rule) => messages(locale).chat.alert.title[rule]);
        return html`<td class="cb-cell cb-cell--${v.tone}${cell.week === data.currentWeek ? ' cb-current' : ''}" data-intrapreneur="${cell.intrapreneur}" data-week="${cell.week}"${titles.length ? html` title="${titles.join(' ; ')}"` : ''}><span aria-hidden="true">${v.text}${alerts.length ? html` <span class="cb-alert-mark">${ALERT}</span>` : ''}</span><span class="fr-sr-only">${v.spoken}${titles.length ? ` ; ${t.alertsSpoken(titles.join(' ; '))}` : ''}</span></td>`;
      },
    )}</tr>`,
)}
</tbody>
</table>
</div>`;
}

function legend(items: { tone: Tone; sample: string; meaning: string }[], title: string): Html {
  return html`<div class="cb-legend"><p class="fr-text--sm fr-mb-1w"><strong>${title}</strong></p><ul>${items.map(
    (i) =>
      html`<li><span class="cb-cell cb-cell--${i.tone} cb-legend__sample" aria-hidden="true">${i.sample}</span> ${i.meaning}</li>`,
  )}</ul></div>`;
}

export function releaseSection(data: DashboardData, locale: Locale): Html {
  const t = messages(locale).dashboard;
  const r = t.release;
  return html`<section class="fr-mb-6w" aria-labelledby="release-title">
<h2 id="release-title">${r.title}</h2>
${legend(
  [
    { tone: 'honoured', sample: r.days(1), meaning: r.legend.honoured },
    { tone: 'missed', sample: `${r.days(0.5)} ✗`, meaning: r.legend.missed },
    { tone: 'leave', sample: r.leave, meaning: r.legend.leave },
    { tone: 'pending', sample: r.pending, meaning: r.legend.pending },
    { tone: 'no-answer', sample: r.noAnswer, meaning: r.legend.noAnswer },
    { tone: 'closed', sample: r.closed, meaning: r.legend.closed },
    { tone: 'not-asked', sample: '—', meaning: r.legend.notAsked },
    { tone: 'missed', sample: ALERT, meaning: r.legend.alert },
  ],
  t.legendTitle,
)}
${data.rows.length === 0 ? html`<p>${t.empty}</p>` : matrix(data, locale, 'heatmap', r.caption, releaseView, RELEASE_ALERTS)}
</section>`;
}

export function coachingSection(data: DashboardData, locale: Locale): Html {
  const t = messages(locale).dashboard;
  const c = t.coaching;
  return html`<section class="fr-mb-6w" aria-labelledby="coaching-title">
<h2 id="coaching-title">${c.title}</h2>
${legend(
  [
    { tone: 'honoured', sample: c.both, meaning: c.legend.both },
    { tone: 'honoured', sample: c.answered, meaning: c.legend.answered },
    { tone: 'honoured', sample: c.logged, meaning: c.legend.logged },
    { tone: 'disagree', sample: `${DISAGREEMENT} ${c.disagree}`, meaning: c.legend.disagree },
    { tone: 'missed', sample: c.missed, meaning: c.legend.missed },
    { tone: 'pending', sample: c.pending, meaning: c.legend.pending },
    { tone: 'no-answer', sample: c.noAnswer, meaning: c.legend.noAnswer },
    { tone: 'missed', sample: ALERT, meaning: c.legend.alert },
  ],
  t.legendTitle,
)}
${data.rows.length === 0 ? html`<p>${t.empty}</p>` : matrix(data, locale, 'coaching', c.caption, coachingView, COACHING_ALERTS)}
</section>`;
}

export function alertsSection(programme: Programme, data: DashboardData, locale: Locale): Html {
  const t = messages(locale).dashboard.alerts;
  const name = (id: string) => findPerson(programme, id)?.name ?? id;
  return html`<section class="fr-mb-6w" aria-labelledby="alerts-title">
<h2 id="alerts-title">${t.title}</h2>
${
  data.alerts.length === 0
    ? html`<p>${t.none}</p>`
    : html`<div class="fr-table fr-table--multiline"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-labelledby="alerts-title"><div class="fr-table__content">
<table id="alerts">
<caption class="fr-sr-only">${t.title}</caption>
<thead><tr><th scope="col">${t.week}</th><th scope="col">${t.intrapreneur}</th><th scope="col">${t.alert}</th><th scope="col">${t.recipients}</th><th scope="col">${t.delivery}</th></tr></thead>
<tbody>
${data.alerts.map(({ alert, delivered, recipients }) => {
  const text = alertText(programme, alert, locale);
  // Every alert is in the owners' digest; some also go, as they happen, to whoever must act.
  const to = [...alert.recipients.map(name), t.inDigest].join(', ');
  const delivery = recipients > 0 ? t.delivered(delivered, recipients) : t.digestOnly;
  return html`<tr data-alert="${alert.kind}:${alert.intrapreneur}:${alert.week}"><td>${weekLabel(alert.week, locale)}</td><td>${name(alert.intrapreneur)}</td><td><strong>${text.title}</strong><br><span class="fr-text--sm">${text.body}</span></td><td>${to}</td><td>${delivery}</td></tr>`;
})}
</tbody>
</table>
</div></div></div></div>`
}
</section>`;
}
