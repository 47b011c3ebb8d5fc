// The compliance report as a terminal table, CSV or JSON.
import type { Locale } from '../core/programme.ts';
import { weekParts } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import type { Report, ReportRow } from './report.ts';

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
    ...report.weeks.map((w) => messages(locale).dates.weekShort(weekParts(w).week)),
  ];
  const lines = people.map((p) => [
    p.name,
    p.project,
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

function csvField(value: string): string {
  return /[",\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csv(report: Report): string {
  const columns: (keyof ReportRow)[] = [
    'week',
    'intrapreneur',
    'name',
    'project',
    'release',
    'releasedDays',
    'leave',
    'coaching',
    'coachingAnswered',
    'coachingLogged',
    'alerts',
  ];
  const lines = report.rows.map((row) =>
    columns
      .map((c) => {
        const v = row[c];
        if (Array.isArray(v)) return csvField(v.join(' '));
        return csvField(v === null ? '' : String(v));
      })
      .join(','),
  );
  return [columns.join(','), ...lines].join('\n');
}

export function formatReport(report: Report, format: ReportFormat, locale: Locale): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'csv') return csv(report);
  return table(report, locale);
}
