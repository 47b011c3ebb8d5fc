// The compliance report as a terminal table, CSV or JSON (and the rows the .xlsx export writes, report-xlsx.ts).

import type { Report, ReportRow } from '../app/report.ts';
import type { Locale } from '../core/programme.ts';
import { weekParts } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { formatNumber } from '../i18n/plural.ts';

export type ReportFormat = 'table' | 'csv' | 'json';

function releaseCell(row: ReportRow, locale: Locale): string {
  const t = messages(locale).report;
  const days = String(row.releasedDays ?? '').replace('.', locale === 'fr' ? ',' : '.');
  switch (row.release) {
    case 'honoured':
      return days;
    case 'missed':
      return `${days}✗`;
    case 'unknown':
      return t.unknown;
    case 'not_asked':
      return t.notAsked;
    case 'exempt':
      return row.leave ? t.leave : t.exempt;
  }
}

function cell(row: ReportRow, locale: Locale): string {
  const coaching = row.coaching === 'held' ? ' ✓' : row.coaching === 'missed' ? ' ✗' : '';
  return `${releaseCell(row, locale)}${coaching}${row.alerts.length > 0 ? ' !' : ''}`;
}

function table(report: Report, locale: Locale): string {
  const t = messages(locale).report;
  const people = [...new Map(report.rows.map((r) => [r.intrapreneur, r])).values()];
  if (people.length === 0) return t.empty;
  const header = [
    t.header.intrapreneur,
    t.header.project,
    t.header.required,
    ...report.weeks.map((w) => messages(locale).dates.weekShort(weekParts(w).week)),
  ];
  const lines = people.map((p) => [
    p.name,
    p.project,
    formatNumber(locale, p.required),
    ...report.weeks.map((w) => {
      const row = report.rows.find((r) => r.intrapreneur === p.intrapreneur && r.week === w);
      return row ? cell(row, locale) : '';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format), '', t.legend].join(
    '\n',
  );
}

/** A cell as a spreadsheet holds it: numbers stay numbers, the rest is in the reader's words; null is empty. */
export type ReportCell = string | number | null;

/** The report as one line per intrapreneur and week, headers first: what the CSV and the .xlsx both hold. */
export function reportSheet(
  report: Report,
  locale: Locale,
): { name: string; header: string[]; rows: ReportCell[][] } {
  const t = messages(locale).report.sheet;
  const yesNo = (value: boolean) => (value ? t.yes : t.no);
  return {
    name: t.name,
    header: [...t.header],
    rows: report.rows.map((row) => [
      row.week,
      row.intrapreneur,
      row.name,
      row.project,
      t.release[row.release === 'exempt' && row.leave ? 'leave' : row.release],
      row.releasedDays,
      yesNo(row.leave),
      t.coaching[row.coaching],
      row.coachingAnswered === null ? null : yesNo(row.coachingAnswered),
      yesNo(row.coachingLogged),
      row.alerts.map((kind) => t.alerts[kind]).join(t.alertSeparator),
      row.required,
    ]),
  };
}

/** A spreadsheet set to French splits columns at `;` and reads `0,5`; one set to English, at `,` and `0.5`. */
const CSV = { fr: { separator: ';', decimal: ',' }, en: { separator: ',', decimal: '.' } } as const;

/** Lets spreadsheet software read the file as UTF-8, accents included. */
export const BYTE_ORDER_MARK = '\uFEFF';

function csvCell(cell: ReportCell, locale: Locale): string {
  if (cell === null) return '';
  const { separator, decimal } = CSV[locale];
  if (typeof cell === 'number') return String(cell).replace('.', decimal);
  // A name typed as `=HYPERLINK(…)` or `@SUM(…)` must stay text: a spreadsheet would run it as a formula.
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(report: Report, locale: Locale): string {
  const { header, rows } = reportSheet(report, locale);
  const line = (cells: ReportCell[]) => cells.map((c) => csvCell(c, locale)).join(CSV[locale].separator);
  const text = [line(header), ...rows.map(line)].join('\n');
  return locale === 'fr' ? `${BYTE_ORDER_MARK}${text}` : text;
}

export function formatReport(report: Report, format: ReportFormat, locale: Locale): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'csv') return csv(report, locale);
  return table(report, locale);
}
