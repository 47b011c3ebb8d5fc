// The five phases on a time line, today and the convention's instalments marked: an SVG picture for the eye, and the
// same facts as lists for screen readers and for anyone who prefers to read.

import type { BudgetStatus } from '../../core/budget.ts';
import { addDays, daysBetween, type LocalDate } from '../../core/calendar.ts';
import type { PhaseStatus } from '../../core/phases.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { ceilingText, eurosLabel, paymentText } from '../../render/budget-text.ts';
import { dateLabel, shortDateLabel } from '../../render/format.ts';
import { type Html, html } from '../web/html.ts';

const WIDTH = 1000;
const BAR_Y = 28;
const BAR_H = 36;
/** Where the instalments' amounts are written, below the phases' dates. */
const PAYMENT_Y = BAR_Y + BAR_H + 58;

export function timeline(status: PhaseStatus & { budget?: BudgetStatus }, locale: Locale): Html {
  const t = messages(locale).dashboard.timeline;
  const phases = status.phases;
  const first = phases[0]?.phase.start;
  const last = phases[phases.length - 1]?.phase.end;
  if (!first || !last) return html`<p>${t.none}</p>`;
  const span = Math.max(1, daysBetween(first, addDays(last, 1)));
  const x = (date: LocalDate) => Math.round((daysBetween(first, date) / span) * WIDTH);
  const todayX = Math.min(WIDTH, Math.max(0, x(status.today)));

  const bars = phases.map(({ phase, state }, i) => {
    const from = x(phase.start);
    const to = x(addDays(phase.end, 1));
    return html`<g class="cb-phase cb-phase--${state}">
  <rect x="${from + 1}" y="${BAR_Y}" width="${Math.max(2, to - from - 2)}" height="${BAR_H}" rx="4"></rect>
  <text x="${(from + to) / 2}" y="${BAR_Y + BAR_H / 2 + 6}" text-anchor="middle">${i + 1}</text>
  <text class="cb-phase__date" x="${from + 2}" y="${BAR_Y + BAR_H + (i % 2 === 0 ? 18 : 36)}">${shortDateLabel(phase.start, locale)}</text>
</g>`;
  });
  const anchorAt = (at: number) => (at > WIDTH - 120 ? 'end' : at < 120 ? 'start' : 'middle');
  const anchor = anchorAt(todayX);
  const budget = status.budget;
  // An instalment is marked where its date falls on the line; one outside the phases (or undated) is only listed.
  const marked = (budget?.payments ?? []).filter(
    (p): p is typeof p & { date: LocalDate } => p.date !== undefined && p.date >= first && p.date <= last,
  );
  const payments = marked.map((p) => {
    const at = x(p.date);
    return html`<g class="cb-payment cb-payment--${p.state}">
  <line x1="${at}" x2="${at}" y1="${BAR_Y - 4}" y2="${PAYMENT_Y - 14}"></line>
  <path d="M ${at} ${PAYMENT_Y - 14} l 6 -7 l -6 -7 l -6 7 z"></path>
  <text x="${at}" y="${PAYMENT_Y + 4}" text-anchor="${anchorAt(at)}">${eurosLabel(p.amount, locale)}</text>
</g>`;
  });
  const description = [
    ...phases.map(({ phase, state }, i) => `${i + 1}. ${phase.name} (${t.state[state]})`),
    ...(budget ? budget.payments.map((p) => paymentText(p, budget, locale)) : []),
  ].join(' ; ');
  const height = marked.length > 0 ? PAYMENT_Y + 10 : 124;

  return html`<figure class="cb-timeline" aria-labelledby="timeline-caption">
<svg viewBox="0 -4 ${WIDTH} ${height}" role="img" aria-labelledby="timeline-title timeline-desc" focusable="false">
  <title id="timeline-title">${t.title}</title>
  <desc id="timeline-desc">${t.today(shortDateLabel(status.today, locale))} ${description}</desc>
  ${bars}
  ${payments}
  <line class="cb-today" x1="${todayX}" x2="${todayX}" y1="${BAR_Y - 10}" y2="${BAR_Y + BAR_H + 4}"></line>
  <text class="cb-today__label" x="${todayX}" y="${BAR_Y - 14}" text-anchor="${anchor}">${t.today(shortDateLabel(status.today, locale))}</text>
</svg>
<figcaption id="timeline-caption" class="fr-sr-only">${t.title}</figcaption>
</figure>
<ol class="cb-phase-list">
  ${phases.map(
    ({ phase, state }) =>
      html`<li class="cb-phase-list__item cb-phase-list__item--${state}"${state === 'current' ? html` aria-current="step"` : ''}>
  <strong>${phase.name}</strong> — ${t.range(dateLabel(phase.start, locale), dateLabel(phase.end, locale))}
  <span class="fr-badge fr-badge--sm ${state === 'current' ? 'fr-badge--info' : state === 'past' ? 'fr-badge--success' : ''} fr-badge--no-icon">${t.state[state]}</span>
</li>`,
  )}
</ol>
${status.next ? html`<p class="fr-text--sm">${t.next(status.next.phase.name, status.next.inDays)}</p>` : ''}
${
  budget
    ? html`<p class="fr-text--sm fr-mb-1w"><strong>${ceilingText(budget, locale)}</strong></p>
<ul class="cb-payment-list">
  ${budget.payments.map(
    (p) =>
      html`<li class="cb-payment-list__item cb-payment-list__item--${p.state}">${paymentText(p, budget, locale)} <span class="fr-badge fr-badge--sm ${p.state === 'upcoming' ? '' : 'fr-badge--info'} fr-badge--no-icon">${t.paymentState[p.state]}</span></li>`,
  )}
</ul>`
    : ''
}`;
}
