// The committee pack as a PDF, drawn with PDFKit: a first page naming the programme, the authority and whether the
// coaches' notes are in, then one project per page. Tagged (PDF/UA: headings, tables with their header cells, the
// chart as a figure with its words, page furniture as artifacts), in the programme's language, with DejaVu Sans
// embedded so that every French character prints (« », the narrow no-break space of French numbers, ½).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { CommitteePack, PackIntrapreneur, PackProject } from '../app/committee-pack.ts';
import type { Locale } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { dateLabel } from './format.ts';
import { drawChart } from './pack-pdf-chart.ts';
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
} from './pack-text.ts';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const LANG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
export const INK = { text: '#161616', mention: '#666666', title: '#000091', rule: '#dddddd' };
const MARGIN = 56;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export async function packPdf(pack: CommitteePack, locale: Locale): Promise<Uint8Array> {
  const t = messages(locale).pack;
  const title = pack.projects.length === 1 ? t.projectTitle(pack.projects[0]?.name ?? '') : t.title;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    tagged: true,
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    lang: LANG[locale],
    displayTitle: true,
    bufferPages: true,
    font: FONTS.regular,
    info: {
      Title: `${title} — ${pack.programme.name}`,
      Author: pack.programme.organisation,
      Subject: t.pdf.subject,
      Creator: 'coaching-bot',
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.fillColor(INK.text);

  const root = doc.struct('Document');
  doc.addStructure(root);
  firstPage(doc, root, pack, title, locale);
  for (const project of pack.projects) {
    doc.addPage();
    projectPages(doc, root, pack, project, locale);
  }
  root.end();
  pageFurniture(doc, pack, locale);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function block(doc: Doc, parent: Struct, tag: string, draw: () => void): void {
  parent.add(doc.struct(tag, {}, draw));
}

function heading(doc: Doc, parent: Struct, tag: 'H1' | 'H2' | 'H3' | 'H4', text: string): void {
  const size = { H1: 22, H2: 18, H3: 14, H4: 11 }[tag];
  // A heading never ends a page alone: its first lines of content go with it.
  if (doc.y + size * 5 > doc.page.maxY()) doc.addPage();
  doc.moveDown(tag === 'H4' ? 0.6 : 0.4);
  block(doc, parent, tag, () => {
    doc
      .font('bold')
      .fontSize(size)
      .fillColor(tag === 'H4' ? INK.text : INK.title)
      .text(text);
  });
  doc.font('regular').fontSize(10).fillColor(INK.text).moveDown(0.3);
}

function paragraph(
  doc: Doc,
  parent: Struct,
  text: string,
  options: { bold?: boolean; small?: boolean } = {},
) {
  block(doc, parent, 'P', () => {
    doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(options.small ? 8 : 10)
      .fillColor(options.small ? INK.mention : INK.text)
      .text(text);
  });
  doc.font('regular').fontSize(10).fillColor(INK.text).moveDown(0.4);
}

/** A table whose first column heads its rows, and whose first row, when given, heads its columns. */
function table(
  doc: Doc,
  parent: Struct,
  header: string[] | null,
  rows: string[][],
  widths: (number | '*')[],
): void {
  doc.font('regular').fontSize(8.5).fillColor(INK.text);
  const options: PDFKit.Mixins.TableOptionsWithData = {
    structParent: parent,
    columnStyles: widths.map((width) => ({ width })),
    defaultStyle: { border: 0.5, borderColor: INK.rule, padding: 4 },
    data: [
      ...(header
        ? [
            header.map(
              (text): PDFKit.Mixins.CellOptions => ({
                text,
                type: 'TH',
                scope: 'Column',
                font: { src: 'bold' },
              }),
            ),
          ]
        : []),
      ...rows.map((row) =>
        row.map(
          (text, i): PDFKit.Mixins.CellOptions => (i === 0 ? { text, type: 'TH', scope: 'Row' } : { text }),
        ),
      ),
    ],
  };
  doc.table(options);
  doc.font('regular').fontSize(10).moveDown(0.6);
  doc.x = MARGIN;
}

function firstPage(doc: Doc, root: Struct, pack: CommitteePack, title: string, locale: Locale): void {
  const t = messages(locale).pack;
  const status = messages(locale).commands.projectStatus;
  heading(doc, root, 'H1', title);
  paragraph(doc, root, pack.programme.name, { bold: true });
  paragraph(doc, root, pack.programme.organisation);
  paragraph(doc, root, t.purpose);
  paragraph(doc, root, `${t.madeOn(dateLabel(pack.madeOn, locale))} ${periodText(pack, locale)}`);
  paragraph(doc, root, pack.withNotes ? t.notesIncluded : t.notesLeftOut, { bold: pack.withNotes });
  heading(doc, root, 'H2', t.projects);
  const list = doc.struct('L');
  root.add(list);
  doc.list(
    pack.projects.map((p) => `${p.name} — ${status[p.status]}`),
    { structParent: list, bulletRadius: 2, textIndent: 12 },
  );
  list.end();
}

function projectPages(
  doc: Doc,
  root: Struct,
  pack: CommitteePack,
  project: PackProject,
  locale: Locale,
): void {
  const t = messages(locale).pack;
  const status = messages(locale).commands.projectStatus[project.status];
  const section = doc.struct('Sect');
  root.add(section);
  heading(doc, section, 'H2', project.name);
  table(
    doc,
    section,
    null,
    [
      ...(project.problem ? [[t.problem, project.problem]] : []),
      [t.state, project.decidedOn ? t.decidedOn(status, dateLabel(project.decidedOn, locale)) : status],
      [t.coach, project.coachName],
      [t.intrapreneurs, project.intrapreneurs.map((i) => i.name).join(', ') || t.noIntrapreneur],
    ],
    [120, '*'],
  );
  for (const intrapreneur of project.intrapreneurs)
    intrapreneurPart(doc, section, pack, intrapreneur, locale);
  section.end();
}

function intrapreneurPart(
  doc: Doc,
  parent: Struct,
  pack: CommitteePack,
  person: PackIntrapreneur,
  locale: Locale,
): void {
  const t = messages(locale).pack;
  heading(doc, parent, 'H3', person.name);
  paragraph(
    doc,
    parent,
    `${t.manager(person.managerName)} ${t.minimum(person.minimumDays, person.individualMinimum)}`,
  );
  table(
    doc,
    parent,
    [t.figures.what, t.figures.value],
    figureLines(person.figures, locale).map((line) => [line.label, line.value]),
    [260, '*'],
  );
  if (pack.weeks.length > 0) {
    heading(doc, parent, 'H4', t.chart.title(person.name));
    drawChart(
      doc,
      parent,
      chartBars(person, locale),
      person.minimumDays,
      chartSummary(person, locale),
      locale,
    );
    paragraph(doc, parent, t.chart.key, { small: true });
    table(
      doc,
      parent,
      [t.weeks.week, t.weeks.release, t.weeks.coaching, t.weeks.alerts],
      person.weeks.map((w) => [
        weekLabel(w.week, locale),
        releaseWords(w, locale),
        coachingWords(w, locale),
        alertWords(w.alerts, locale),
      ]),
      [150, 105, 140, '*'],
    );
  }
  heading(doc, parent, 'H4', t.sessions.title);
  if (person.sessions.length === 0) {
    paragraph(doc, parent, t.sessions.none);
    return;
  }
  table(
    doc,
    parent,
    [
      t.sessions.date,
      t.sessions.duration,
      t.sessions.loggedBy,
      ...(pack.withNotes ? [t.sessions.notes] : []),
    ],
    person.sessions.map((s) => [
      dateLabel(s.date, locale),
      durationText(s.durationMinutes, locale),
      s.loggedByName,
      ...(pack.withNotes ? [s.notes ?? ''] : []),
    ]),
    pack.withNotes ? [110, 60, 100, '*'] : [140, 100, '*'],
  );
}

/** The programme's name and the page number at the foot of each page: furniture, not content, for a screen reader. */
function pageFurniture(doc: Doc, pack: CommitteePack, locale: Locale): void {
  const t = messages(locale).pack.pdf;
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Written in the bottom margin: without this, PDFKit would start a new page for it.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    const width = doc.page.width - 2 * MARGIN;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('regular').fontSize(7.5).fillColor(INK.mention);
    doc.text(t.footer(pack.programme.name), MARGIN, y, { width: width - 80, lineBreak: false });
    doc.text(t.page(i - start + 1, count), MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
