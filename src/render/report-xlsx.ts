// The compliance report as an .xlsx workbook, for the dashboard's download and `coaching-bot report --format xlsx`.
// Written by write-excel-file: numbers are real numbers (the spreadsheet shows them in its own locale), and every
// other cell is a text cell, so a name like `=HYPERLINK(…)` can never become a formula.
import writeXlsxFile, { type Cell } from 'write-excel-file/node';
import type { Report } from '../app/report.ts';
import type { Locale } from '../core/programme.ts';
import { reportSheet } from './report-format.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function reportXlsx(report: Report, locale: Locale): Promise<Buffer> {
  const { name, header, rows } = reportSheet(report, locale);
  const data: Cell[][] = [
    header.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((cells) =>
      cells.map((value): Cell => {
        if (value === null) return null;
        return typeof value === 'number' ? { value, type: Number } : { value, type: String };
      }),
    ),
  ];
  const widths = header.map((h, i) =>
    Math.min(40, Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)) + 2),
  );
  return writeXlsxFile(data, {
    sheet: name,
    stickyRowsCount: 1,
    columns: widths.map((width) => ({ width })),
  }).toBuffer();
}
