// `coaching-bot report`: each programme's compliance over a range of weeks, as a table, CSV, JSON or a workbook.
import { writeFileSync } from 'node:fs';
import { type Report as ComplianceReport, complianceReport, defaultRange } from '../app/report.ts';
import type { Programme } from '../core/programme.ts';
import { compareWeeks } from '../core/week.ts';
import { messages } from '../i18n/index.ts';
import { formatReport, type ReportFormat } from '../render/report-format.ts';
import { reportXlsx } from '../render/report-xlsx.ts';
import { programmeHeading, selectedProgrammes } from './programme-option.ts';
import { weekOption, withRuntime } from './runtime-verb.ts';
import { UsageError, type Verb } from './types.ts';

const REPORT_FORMATS: readonly string[] = ['table', 'csv', 'json', 'xlsx'];

export const reportVerb: Verb = async (input) => {
  const programmes = selectedProgrammes(input);
  const locale = (programmes[0] as Programme).locale;
  const from = weekOption(input.options.from, locale);
  const to = weekOption(input.options.to, locale);
  const format = input.options.format ?? 'table';
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(messages(locale).cli.badFormat(format));
  const file = input.options.output;
  // A workbook is bytes, not text for a terminal.
  if (format === 'xlsx' && !file) throw new UsageError(messages(locale).cli.xlsxNeedsOutput);
  if (from && to && compareWeeks(from, to) > 0) throw new UsageError(messages(locale).cli.badRange(from, to));
  // A table, a CSV or a workbook holds one programme; JSON holds them all, each row saying whose it is.
  if (programmes.length > 1 && format !== 'json' && file) {
    throw new UsageError(
      messages(locale).cli.programmeNeeded(
        'report --output',
        programmes.map((p) => p.key),
      ),
    );
  }
  return withRuntime(input, programmes, async (registry) => {
    const reports: { programme: string; report: ComplianceReport }[] = [];
    for (const ctx of registry.all) {
      const defaults = defaultRange(ctx);
      const range = { from: from ?? defaults.from, to: to ?? defaults.to };
      // Before the first check-in week there is nothing to report yet: say so rather than fail.
      if (compareWeeks(range.from, range.to) > 0) {
        if (registry.several && format !== 'json') input.output.out(programmeHeading(ctx.programme));
        input.output.err(messages(ctx.programme.locale).cli.nothingToReport(range.from));
        continue;
      }
      const report = await complianceReport(ctx, range);
      if (registry.several && format === 'json') {
        reports.push({ programme: ctx.programme.key, report });
        continue;
      }
      if (registry.several) input.output.out(programmeHeading(ctx.programme));
      const content =
        format === 'xlsx'
          ? await reportXlsx(report, locale)
          : formatReport(report, format as ReportFormat, locale);
      if (!file) {
        input.output.out(content as string);
        continue;
      }
      // Names and compliance of the whole cohort: readable by its owner only.
      writeFileSync(file, typeof content === 'string' ? `${content}\n` : content, { mode: 0o600 });
      input.output.out(messages(locale).cli.reportWritten(file, report.rows.length));
    }
    if (registry.several && format === 'json') {
      const text = JSON.stringify(
        reports.map(({ programme, report }) => ({
          programme,
          ...report,
          rows: report.rows.map((row) => ({ programme, ...row })),
        })),
        null,
        2,
      );
      const rows = reports.reduce((n, r) => n + r.report.rows.length, 0);
      if (!file) input.output.out(text);
      else {
        writeFileSync(file, `${text}\n`, { mode: 0o600 });
        input.output.out(messages(locale).cli.reportWritten(file, rows));
      }
    }
    return 0;
  });
};
