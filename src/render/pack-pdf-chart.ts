// The released-days chart of the PDF, in vectors: one bar a week, the minimum as a dashed line, a letter where a week
// has no figure. One tagged figure whose alternative text gives the totals; the table after it gives every week.
import type { Locale } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { formatNumber } from '../i18n/plural.ts';
import type { ChartBar } from './pack-text.ts';

const HEIGHT = 120;
const AXIS = 24;
/** Room on the right for the minimum's label. */
const LABEL = 60;
const COLOURS = {
  honoured: '#6a6af4',
  missed: '#ce0500',
  minimum: '#b34000',
  axis: '#929292',
  mark: '#666666',
};

/** "½" for a half day, as the check-in's buttons say it. */
function dayValue(days: number, locale: Locale): string {
  return days === 0.5 ? '½' : days === 1.5 ? '1½' : formatNumber(locale, days);
}

export function drawChart(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  bars: ChartBar[],
  minimum: number,
  alt: string,
  locale: Locale,
): void {
  if (doc.y + HEIGHT + 20 > doc.page.maxY()) doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y + 6;
  const baseline = top + HEIGHT - 18;
  const scale = Math.max(2, minimum, ...bars.map((b) => b.days ?? 0));
  const plot = { left: left + AXIS, width: width - AXIS - LABEL };
  const slot = plot.width / Math.max(1, bars.length);
  const barWidth = Math.min(22, slot * 0.6);
  const y = (days: number) => baseline - (days / scale) * (HEIGHT - 40);
  const t = messages(locale).pack.chart;

  const figure = doc.struct('Figure', { alt, bbox: [left, top, left + width, top + HEIGHT] });
  parent.add(figure);
  figure.add(() => {
    doc.save();
    doc.lineWidth(0.5).strokeColor(COLOURS.axis);
    doc
      .moveTo(plot.left, baseline)
      .lineTo(plot.left + plot.width, baseline)
      .stroke();
    doc.font('regular').fontSize(7).fillColor(COLOURS.mark);
    for (const days of [0, 1, 2].filter((d) => d <= scale)) {
      doc.text(formatNumber(locale, days), left, y(days) - 3, {
        width: AXIS - 4,
        align: 'right',
        lineBreak: false,
      });
    }
    bars.forEach((bar, i) => {
      const centre = plot.left + slot * i + slot / 2;
      if (bar.days !== null) {
        const h = Math.max(1, baseline - y(bar.days));
        doc
          .rect(centre - barWidth / 2, baseline - h, barWidth, h)
          .fill(bar.missed ? COLOURS.missed : COLOURS.honoured);
        doc.fillColor(COLOURS.mark).text(dayValue(bar.days, locale), centre - slot / 2, baseline - h - 10, {
          width: slot,
          align: 'center',
          lineBreak: false,
        });
      } else {
        doc.fillColor(COLOURS.mark).text(bar.mark ?? '', centre - slot / 2, baseline - 11, {
          width: slot,
          align: 'center',
          lineBreak: false,
        });
      }
      doc.fillColor(COLOURS.mark).text(bar.label, centre - slot / 2, baseline + 4, {
        width: slot,
        align: 'center',
        lineBreak: false,
      });
    });
    const line = y(minimum);
    doc.lineWidth(1).strokeColor(COLOURS.minimum).dash(3, { space: 2 });
    doc
      .moveTo(plot.left, line)
      .lineTo(plot.left + plot.width, line)
      .stroke()
      .undash();
    doc.fillColor(COLOURS.minimum).text(t.minimum(minimum), plot.left + plot.width + 4, line - 3, {
      width: LABEL - 4,
      lineBreak: false,
    });
    doc.restore();
  });
  figure.end();
  doc.x = left;
  doc.y = top + HEIGHT + 4;
  doc.font('regular').fontSize(10).fillColor('#161616');
}
