// The released-days chart of the committee pack's page: an SVG picture of one bar a week and the minimum as a dashed
// line. Its title and description say the totals; the table after it says every week in words.
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { formatNumber } from '../../i18n/plural.ts';
import type { ChartBar } from '../../render/pack-text.ts';
import { type Html, html } from '../web/html.ts';

const SLOT = 44;
const HEIGHT = 150;
const AXIS = 28;
const LABEL = 86;
const BASELINE = HEIGHT - 26;
const TOP = 22;

function dayValue(days: number, locale: Locale): string {
  return days === 0.5 ? '½' : days === 1.5 ? '1½' : formatNumber(locale, days);
}

export function packChart(
  id: string,
  bars: ChartBar[],
  minimum: number,
  summary: { title: string; description: string },
  locale: Locale,
): Html {
  const t = messages(locale).pack.chart;
  const width = AXIS + SLOT * Math.max(1, bars.length) + LABEL;
  const scale = Math.max(2, minimum, ...bars.map((b) => b.days ?? 0));
  const y = (days: number) => Math.round(BASELINE - (days / scale) * (BASELINE - TOP));
  const ticks = [0, 1, 2].filter((d) => d <= scale);
  const line = y(minimum);
  return html`<figure class="cb-pack-chart">
<svg viewBox="0 0 ${width} ${HEIGHT}" width="${width}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
  <title id="${id}-title">${summary.title}</title>
  <desc id="${id}-desc">${summary.description}</desc>
  ${ticks.map(
    (d) =>
      html`<text class="cb-pack-chart__tick" x="${AXIS - 6}" y="${y(d) + 4}" text-anchor="end">${formatNumber(locale, d)}</text>`,
  )}
  <line class="cb-pack-chart__axis" x1="${AXIS}" x2="${AXIS + SLOT * bars.length}" y1="${BASELINE}" y2="${BASELINE}"></line>
  ${bars.map((bar, i) => {
    const centre = AXIS + SLOT * i + SLOT / 2;
    const label = html`<text class="cb-pack-chart__week" x="${centre}" y="${BASELINE + 16}" text-anchor="middle">${bar.label}</text>`;
    if (bar.days === null) {
      return html`<text class="cb-pack-chart__mark" x="${centre}" y="${BASELINE - 4}" text-anchor="middle">${bar.mark ?? ''}</text>${label}`;
    }
    const top = Math.min(y(bar.days), BASELINE - 1);
    return html`<rect class="cb-pack-chart__bar${bar.missed ? ' cb-pack-chart__bar--missed' : ''}" x="${centre - 11}" y="${top}" width="22" height="${BASELINE - top}"></rect><text class="cb-pack-chart__value" x="${centre}" y="${top - 4}" text-anchor="middle">${dayValue(bar.days, locale)}</text>${label}`;
  })}
  <line class="cb-pack-chart__minimum" x1="${AXIS}" x2="${AXIS + SLOT * bars.length}" y1="${line}" y2="${line}"></line>
  <text class="cb-pack-chart__minimum-label" x="${AXIS + SLOT * bars.length + 6}" y="${line + 4}">${t.minimum(minimum)}</text>
</svg>
<figcaption class="fr-text--xs fr-mb-0">${t.key}</figcaption>
</figure>`;
}
