// What the owner dashboard shows, gathered through the use cases: the compliance report (the same data as the CSV
// export and `coaching-bot report`), the alerts and whether they reached their recipients, and the phase status.
import type { AppContext } from '../../app/context.ts';
import { complianceReport, defaultRange, type Report, type ReportRow } from '../../app/report.ts';
import { type ProgrammeStatus, programmeStatus } from '../../app/status.ts';
import { type AlertRule, alertKey, alertRule } from '../../core/alerts.ts';
import type { StoredAlert } from '../../core/ports.ts';
import { intrapreneurRoles } from '../../core/programme.ts';
import { compareWeeks, type WeekId, weekOfInstant } from '../../core/week.ts';

export interface DashboardCell extends ReportRow {
  /** Asked, not answered, and the week not evaluated yet: the answer may still come. */
  pending: boolean;
  /** The intrapreneur said the coaching point did not take place, but the coach logged a session that week. */
  disagreement: boolean;
  /** The rules that raised an alert for this intrapreneur and week. */
  alertRules: AlertRule[];
}

export interface DashboardRow {
  intrapreneur: string;
  name: string;
  project: string;
  /** Their own minimum of released days a week and why, when the programme's does not apply to them. */
  ownMinimum?: { days: number; reason?: string };
  cells: DashboardCell[];
}

export interface SentAlert {
  alert: StoredAlert;
  delivered: number;
  recipients: number;
}

export interface DashboardData {
  report: Report;
  currentWeek: WeekId;
  rows: DashboardRow[];
  alerts: SentAlert[];
  status: ProgrammeStatus;
}

/** The report over the check-in window so far; empty before the window opens. */
export async function dashboardReport(ctx: AppContext): Promise<Report> {
  const range = defaultRange(ctx);
  if (compareWeeks(range.from, range.to) > 0) return { ...range, weeks: [], rows: [] };
  return complianceReport(ctx, range);
}

export async function dashboardData(ctx: AppContext): Promise<DashboardData> {
  const report = await dashboardReport(ctx);
  const evaluated = new Set<WeekId>();
  for (const week of report.weeks) if (await ctx.store.isEvaluated(week)) evaluated.add(week);
  const alerts = report.weeks.length
    ? await ctx.store.listAlerts({ range: { from: report.from, to: report.to } })
    : [];
  const rulesOf = new Map<string, AlertRule[]>();
  for (const alert of alerts) {
    const at = `${alert.intrapreneur}:${alert.week}`;
    rulesOf.set(at, [...(rulesOf.get(at) ?? []), alertRule(alert)]);
  }

  const rows = new Map<string, DashboardRow>();
  const roles = intrapreneurRoles(ctx.programme);
  for (const row of report.rows) {
    const project = ctx.programme.projects.find((p) => p.id === row.project)?.name ?? row.project;
    const role = roles.find((r) => r.person === row.intrapreneur);
    const entry = rows.get(row.intrapreneur) ?? {
      intrapreneur: row.intrapreneur,
      name: row.name,
      project,
      ...(role?.daysPerWeek !== undefined
        ? { ownMinimum: { days: role.daysPerWeek, ...(role.reason ? { reason: role.reason } : {}) } }
        : {}),
      cells: [],
    };
    entry.cells.push({
      ...row,
      pending: row.release === 'unknown' && !evaluated.has(row.week),
      disagreement: row.coachingAnswered === false && row.coachingLogged,
      alertRules: rulesOf.get(`${row.intrapreneur}:${row.week}`) ?? [],
    });
    rows.set(row.intrapreneur, entry);
  }

  const outbox = await ctx.store.listOutbox({ kind: 'alert' });
  const sentAlerts = alerts
    .map((alert) => {
      const prefix = `alert:${alertKey(alert)}:`;
      const entries = outbox.filter((e) => e.key.startsWith(prefix));
      return {
        alert,
        delivered: entries.filter((e) => e.status === 'sent').length,
        recipients: alert.recipients.length,
      };
    })
    .sort(
      (a, b) =>
        compareWeeks(b.alert.week, a.alert.week) || a.alert.intrapreneur.localeCompare(b.alert.intrapreneur),
    );

  return {
    report,
    currentWeek: weekOfInstant(ctx.clock.now(), ctx.programme.timezone),
    rows: [...rows.values()],
    alerts: sentAlerts,
    status: await programmeStatus(ctx),
  };
}
