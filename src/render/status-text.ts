// The phase status and a project's detail as text, for `/phase` and `coaching-bot status`.

import type { ProgrammeStatus, ProjectDetail } from '../app/status.ts';
import { FactIndex } from '../core/compliance.ts';
import type { Locale, Programme } from '../core/programme.ts';
import { findPerson } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { formatNumber } from '../i18n/plural.ts';
import { budgetLines } from './budget-text.ts';
import { fitParts, lineList } from './fit.ts';
import { dateLabel, weekLabel } from './format.ts';

function daysText(days: number | undefined, locale: Locale): string {
  if (days === undefined) return '';
  return formatNumber(locale, days);
}

/**
 * The phase status within `max` characters: with many projects, as many as fit, then how many more (each has its
 * own `/phase <project>`); the compliance line always shows.
 */
export function statusText(
  programme: Programme,
  status: ProgrammeStatus,
  locale: Locale,
  max = Number.POSITIVE_INFINITY,
): string {
  const t = messages(locale).status;
  const c = messages(locale).commands;
  const lines = [t.title(programme.name, dateLabel(status.today, locale))];
  for (const { phase, state } of status.phases) {
    const line = t.phaseLine(
      t.markers[state],
      phase.name,
      dateLabel(phase.start, locale),
      dateLabel(phase.end, locale),
    );
    lines.push(state === 'current' ? `${line} ${t.current} ← ${t.today}` : line);
  }
  if (status.next) {
    lines.push(
      t.next(status.next.phase.name, status.next.inDays, dateLabel(status.next.phase.start, locale)),
    );
  } else if (status.finished) {
    lines.push(t.finished);
  }
  lines.push(...budgetLines(status.budget, locale));
  lines.push(t.projects);
  const projects = status.projects.map((project) => {
    const decided = project.decidedOn ? dateLabel(project.decidedOn, locale) : undefined;
    return t.projectLine(project.name, c.projectStatus[project.status], decided);
  });
  const f = status.figures;
  const compliance = f
    ? t.compliance(
        weekLabel(f.week, locale),
        f.honoured,
        f.intrapreneurs,
        f.missed,
        f.unknown,
        f.coachingHeld,
      )
    : t.noCompliance;
  return fitParts([...lines, lineList(projects, t.moreProjects), compliance], max);
}

export function projectText(programme: Programme, detail: ProjectDetail, locale: Locale): string {
  const t = messages(locale).status;
  const c = messages(locale).commands;
  const { project } = detail;
  const index = new FactIndex(detail.facts);
  const name = (id: string) => findPerson(programme, id)?.name ?? id;
  const lines = [t.projectTitle(project.name, c.projectStatus[project.status])];
  if (project.problem) lines.push(t.problem(project.problem));
  lines.push(t.coach(name(project.coach)));
  for (const i of project.intrapreneurs) {
    const cells = detail.weeks.map((week) => {
      const status = index.release(i.person, week);
      const days = daysText(index.releasedDays(i.person, week), locale);
      const cell = status === 'honoured' || status === 'missed' ? t.cell[status](days) : t.cell[status];
      return `${messages(locale).dates.weekShort(Number(week.slice(6)))} ${cell}`;
    });
    // An intrapreneur's own minimum (part-time) is said, since their ✓ and ✗ are measured against it.
    const own = i.daysPerWeek === undefined ? undefined : messages(locale).dates.days(i.daysPerWeek);
    lines.push(t.intrapreneurLine(name(i.person), name(i.manager), cells.join(', '), own));
  }
  return lines.join('\n');
}

export type { weekLabel };
