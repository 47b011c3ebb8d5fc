// `/phase` and `coaching-bot status`: the five phases, today's place among them, the projects, and last week's figures.
import { type BudgetStatus, budgetStatus } from '../core/budget.ts';
import { localDateOf } from '../core/calendar.ts';
import { type WeekFigures, weekFigures } from '../core/compliance.ts';
import { AppError } from '../core/errors.ts';
import { type PhaseStatus, phaseStatus } from '../core/phases.ts';
import type { Project } from '../core/programme.ts';
import { addWeeks, type WeekId, weekOfInstant } from '../core/week.ts';
import { isWeekExempt } from '../core/window.ts';
import { canSee } from './access.ts';
import type { AppContext } from './context.ts';
import { loadFacts } from './facts.ts';

export interface ProgrammeStatus extends PhaseStatus {
  /** Figures of the latest week that counts (evaluated, or else the last complete one), if any. */
  figures?: WeekFigures;
  /** The convention's instalments, when the programme file gives its budget. */
  budget?: BudgetStatus;
}

/** The latest week before the current one that is not exempt, within the last few weeks. */
async function lastCountedWeek(ctx: AppContext): Promise<WeekId | undefined> {
  const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
  for (let back = 1; back <= 6; back++) {
    const week = addWeeks(current, -back);
    if (!isWeekExempt(ctx.programme, week)) return week;
  }
  return undefined;
}

export async function programmeStatus(ctx: AppContext): Promise<ProgrammeStatus> {
  const today = localDateOf(ctx.clock.now(), ctx.programme.timezone);
  const budget = budgetStatus(ctx.programme, today);
  const status = { ...phaseStatus(ctx.programme, today), ...(budget ? { budget } : {}) };
  const week = await lastCountedWeek(ctx);
  if (!week) return status;
  return { ...status, figures: weekFigures(await loadFacts(ctx, week), week) };
}

export interface ProjectDetail {
  project: Project;
  weeks: WeekId[];
  facts: Awaited<ReturnType<typeof loadFacts>>;
}

/** `/phase <project>`: one project, for those who may see its intrapreneurs. */
export async function projectDetail(
  ctx: AppContext,
  actor: string,
  projectId: string,
): Promise<ProjectDetail> {
  const project = ctx.programme.projects.find(
    (p) => p.id === projectId || p.name.toLowerCase() === projectId.toLowerCase(),
  );
  if (!project) throw new AppError('unknown_project', { project: projectId });
  const allowed =
    ctx.programme.owners.includes(actor) ||
    project.coach === actor ||
    project.intrapreneurs.some((i) => canSee(ctx.programme, actor, i.person));
  if (!allowed) throw new AppError('not_allowed', { action: 'project', project: project.id });
  const current = weekOfInstant(ctx.clock.now(), ctx.programme.timezone);
  const weeks = [4, 3, 2, 1].map((back) => addWeeks(current, -back));
  return { project, weeks, facts: await loadFacts(ctx, weeks[3] as WeekId) };
}
