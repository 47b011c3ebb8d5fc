// Reading a programme file: YAML in, a typed Programme out, or every problem found, each with where it is, in the
// file's own language so `coaching-bot check` can print them as they are.
import { readFileSync } from 'node:fs';
import { type Document, isNode, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { parseDue } from '../core/budget.ts';
import type { Locale, Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { CHECKIN_PHASES, crossChecks, type Finding, type Segment } from './programme-checks.ts';
import { issueFindings } from './programme-issues.ts';
import { type ProgrammeFile, programmeFileSchema } from './programme-schema.ts';
import { aliasFaults, MAX_ALIAS_COUNT } from './yaml-aliases.ts';
import { zodErrors } from './zod-locale.ts';

export interface Problem {
  /** Where in the file, e.g. `projects[0].coach`; empty for the file as a whole. */
  path: string;
  message: string;
}

export type ProgrammeLoad =
  | { ok: true; programme: Programme }
  | { ok: false; problems: Problem[]; locale: Locale };

/** `projects[0].coach: personne inconnue "bobb"` */
export function formatProblem(p: Problem): string {
  return p.path === '' ? p.message : `${p.path}: ${p.message}`;
}

export function loadProgrammeFile(path: string): ProgrammeLoad {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const t = messages('fr').config;
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? t.fileNotFound(path) : t.fileUnreadable(path, code ?? String(error));
    return { ok: false, problems: [{ path: '', message }], locale: 'fr' };
  }
  return parseProgramme(text, path);
}

/** `source` names the file in YAML syntax errors. */
export function parseProgramme(yamlText: string, source?: string): ProgrammeLoad {
  const lineCounter = new LineCounter();
  // The core schema keeps `2026-09-01` a string and `yes` a string: no YAML 1.1 surprises.
  const doc = parseDocument(yamlText, { schema: 'core', lineCounter });
  const locale = doc.getIn(['programme', 'locale']) === 'en' ? 'en' : 'fr';
  const t = messages(locale).config;
  if (doc.errors.length > 0) {
    // Past a syntax error the structure is a guess; listing shape problems of that guess would mislead.
    const lines = new Set<number>();
    const problems: Problem[] = [];
    for (const error of doc.errors) {
      const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      // One mistake often yields several errors on the same line; the first says it best.
      if (lines.has(pos.line)) continue;
      lines.add(pos.line);
      const what = t.yaml[yamlErrorKind(error)] ?? t.yaml.other ?? error.code;
      problems.push({ path: '', message: t.yamlSyntax(pos.line, pos.col, what, source) });
    }
    return { ok: false, problems, locale };
  }
  const faults = aliasFaults(doc, lineCounter);
  if (faults.length > 0) {
    const problems = faults.map((f) => ({
      path: '',
      message: t.yamlSyntax(f.line, f.column, t.alias[f.kind](f.name), source),
    }));
    return { ok: false, problems, locale };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // With every alias known and none inside itself, only their number is left to make yaml give up.
    if (!(error instanceof ReferenceError)) throw error;
    return { ok: false, problems: [{ path: '', message: t.yamlFile(t.alias.tooMany, source) }], locale };
  }
  return validate(raw, doc);
}

/** yaml reports an unclosed `[` or `{` as bad indentation of the next line; the bracket is the likelier culprit. */
function yamlErrorKind(error: YAMLError): string {
  if (error.code === 'BAD_INDENT' && error.message.startsWith('Flow sequence')) return 'UNCLOSED_LIST';
  if (error.code === 'BAD_INDENT' && error.message.startsWith('Flow map')) return 'UNCLOSED_MAP';
  return error.code;
}

/**
 * Validates a programme already read into plain values (e.g. by another YAML reader, which may give dates as Date
 * objects: they are accepted as the calendar date they show in UTC).
 */
export function validateProgramme(raw: unknown): ProgrammeLoad {
  return validate(raw);
}

function validate(input: unknown, doc?: Document): ProgrammeLoad {
  const raw = withoutDates(input);
  const locale = localeOf(raw);
  const t = messages(locale).config;
  if (raw === null || raw === undefined)
    return { ok: false, problems: [{ path: '', message: t.emptyFile }], locale };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: '', message: t.notAMapping }], locale };
  }
  const parsed = programmeFileSchema.safeParse(raw, { reportInput: true, error: zodErrors(locale) });
  const findings = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueFindings(issue, t))),
    ...crossChecks(raw, t),
  ];
  if (parsed.success && findings.length === 0) return { ok: true, programme: toProgramme(parsed.data) };
  return { ok: false, problems: problemsOf(findings, doc), locale };
}

/** Problems in the order of the file, each once. */
function problemsOf(findings: Finding[], doc?: Document): Problem[] {
  const placed = findings.map((f, order) => ({ f, order, offset: doc ? offsetOf(doc, f.at ?? f.path) : 0 }));
  placed.sort((a, b) => a.offset - b.offset || a.order - b.order);
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const { f } of placed) {
    const problem = { path: formatPath(f.path), message: f.message };
    const key = formatProblem(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** Where a path starts in the file, or its closest existing parent (a missing key sits where its parent is). */
function offsetOf(doc: Document, path: Segment[]): number {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return -1;
}

function formatPath(path: Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function localeOf(raw: unknown): Locale {
  const programme = (raw as { programme?: unknown } | null)?.programme;
  const locale = (programme as { locale?: unknown } | null)?.locale;
  return locale === 'en' ? 'en' : 'fr';
}

function withoutDates(value: unknown): unknown {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(withoutDates);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDates(v)]));
  }
  return value;
}

/** The programme's stable key: its name in lowercase ASCII, words joined by `-`. */
export function programmeKey(name: string): string {
  const key = name
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return key === '' ? 'programme' : key;
}

function toProgramme(file: ProgrammeFile): Programme {
  const p = file.programme;
  const phase = (id: string) => {
    const found = file.phases.find((ph) => ph.id === id);
    // crossChecks refuses a file without these phases when no check-in period is given.
    if (!found) throw new Error(`phase ${id} missing after validation`);
    return found;
  };
  const [first, last] = CHECKIN_PHASES;
  return {
    key: p.id ?? programmeKey(p.name),
    ...(p.id === undefined && { keyFromName: true }),
    name: p.name,
    organisation: p.organisation,
    timezone: p.timezone,
    locale: p.locale,
    daysPerWeek: p.days_per_week,
    holidays: p.holidays,
    schedule: { ...p.schedule },
    checkins: p.checkins ? { ...p.checkins } : { from: phase(first).start, to: phase(last).end },
    breaks: p.breaks.map((b) => ({
      from: b.from,
      to: b.to,
      ...(b.reason !== undefined && { reason: b.reason }),
    })),
    ...(p.digest_channel !== undefined && { digestChannel: p.digest_channel }),
    alertsAsTheyHappen: [...p.alerts_as_they_happen],
    retentionMonths: p.retention_months,
    ...(p.budget !== undefined && {
      budget: {
        ceiling: p.budget.ceiling,
        ...(p.budget.tax !== undefined && { tax: p.budget.tax }),
        ...(p.budget.signed_on !== undefined && { signedOn: p.budget.signed_on }),
        instalments: p.budget.instalments.map((i) => {
          const due = parseDue(i.due);
          // The schema accepts only what parseDue reads.
          if (!due) throw new Error(`instalment due ${i.due} unread after validation`);
          return { share: i.share, due };
        }),
      },
    }),
    owners: [...file.owners],
    people: file.people.map(({ holidays, timezone, ...person }) => ({
      ...person,
      // The programme's own calendar is the default, so a person only carries one that differs.
      ...(holidays !== undefined && holidays !== p.holidays && { holidays }),
      ...(timezone !== undefined && timezone !== p.timezone && { timezone }),
    })),
    phases: file.phases.map((ph) => ({ ...ph })),
    projects: file.projects.map((project) => ({
      id: project.id,
      name: project.name,
      ...(project.problem !== undefined && { problem: project.problem }),
      coach: project.coach,
      status: project.status,
      ...(project.decided_on !== undefined && { decidedOn: project.decided_on }),
      intrapreneurs: project.intrapreneurs.map((i) => ({
        person: i.person,
        manager: i.manager,
        ...(i.days_per_week !== undefined && { daysPerWeek: i.days_per_week }),
        ...(i.reason !== undefined && { reason: i.reason }),
      })),
    })),
  };
}
