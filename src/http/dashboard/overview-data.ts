// The national view's figures: for each programme an owner owns, what its own dashboard shows — the phase, the latest
// counted week's released days and coaching points, that week's alerts — and the share of released days honoured
// over the last weeks. Gathered from each programme's dashboard data, so that the two never disagree.
import type { AppContext } from '../../app/context.ts';
import type { WeekId } from '../../core/week.ts';
import { dashboardData } from './data.ts';

/** Weeks in the sparkline. */
export const SPARKLINE_WEEKS = 8;

export interface ProgrammeOverview {
  key: string;
  name: string;
  currentPhase?: string;
  next?: { phase: string; start: string; inDays: number };
  /** Figures of the latest counted week, as on the programme's dashboard. */
  week?: WeekId;
  intrapreneurs: number;
  honoured: number;
  coachingHeld: number;
  /** Alerts raised for that week. */
  alerts: number;
  /** Share of the asked intrapreneurs who honoured their released days, per week (null: nobody asked). */
  trend: { week: WeekId; share: number | null }[];
}

export async function programmeOverview(ctx: AppContext): Promise<ProgrammeOverview> {
  const data = await dashboardData(ctx);
  const { status } = data;
  const figures = status.figures;
  const weeks = data.report.weeks.slice(-SPARKLINE_WEEKS);
  const trend = weeks.map((week) => {
    const rows = data.report.rows.filter((r) => r.week === week);
    const asked = rows.filter(
      (r) => r.release === 'honoured' || r.release === 'missed' || r.release === 'unknown',
    );
    const share =
      asked.length === 0 ? null : rows.filter((r) => r.release === 'honoured').length / asked.length;
    return { week, share };
  });
  return {
    key: ctx.programme.key,
    name: ctx.programme.name,
    ...(status.current ? { currentPhase: status.current.name } : {}),
    ...(status.next
      ? {
          next: { phase: status.next.phase.name, start: status.next.phase.start, inDays: status.next.inDays },
        }
      : {}),
    ...(figures ? { week: figures.week } : {}),
    intrapreneurs: figures?.intrapreneurs ?? 0,
    honoured: figures?.honoured ?? 0,
    coachingHeld: figures?.coachingHeld ?? 0,
    alerts: figures ? data.alerts.filter((a) => a.alert.week === figures.week).length : 0,
    trend,
  };
}
