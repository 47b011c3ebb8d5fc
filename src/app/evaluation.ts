// Tuesday: the compliance evaluation of last week, its alerts, and the owner's digest.
import { alertKey, alertRule } from '../core/alerts.ts';
import { alertsDue, weekFigures } from '../core/compliance.ts';
import { summariseCorrections } from '../core/correction.ts';
import type { WeekDigest } from '../core/messages.ts';
import type { OutboxItem } from '../core/ports.ts';
import type { WeekId } from '../core/week.ts';
import { assertWeekDue } from '../core/week-due.ts';
import { isWeekExempt } from '../core/window.ts';
import type { AppContext } from './context.ts';
import { loadFacts } from './facts.ts';
import { type DispatchResult, dispatchOutbox } from './outbox.ts';

export interface EvaluationDone extends DispatchResult {
  status: 'done';
  week: WeekId;
  alerts: number;
  messages: number;
  /** The keys of the run's alerts and digests, to follow their delivery. */
  keys: string[];
}

export type EvaluationResult =
  | EvaluationDone
  | { status: 'exempt'; week: WeekId }
  | { status: 'not_asked'; week: WeekId };

export async function evaluateWeek(ctx: AppContext, week: WeekId): Promise<EvaluationResult> {
  if (isWeekExempt(ctx.programme, week)) return { status: 'exempt', week };
  // Too early, the run would take the week's keys and the real one would send nothing.
  assertWeekDue('evaluate', week, ctx.programme.timezone, ctx.clock.now());
  const now = ctx.clock.now();
  const facts = await loadFacts(ctx, week);
  // A week in which nobody was asked (the bot was not running, say) has no alerts and no digest.
  const askedThisWeek = facts.roles.some(
    (r) => facts.weeks.asked(r.person, week) || facts.weeks.answered(r.person, week),
  );
  if (!askedThisWeek) return { status: 'not_asked', week };
  const alerts = alertsDue(facts, week);
  const items: OutboxItem[] = [];
  for (const alert of alerts) {
    // Why each alert was raised, so an operator can answer "why did Marc get this alert?".
    ctx.logger.info(
      { alert: alertKey(alert), recipients: alert.recipients, reason: alert.reason },
      'evaluation: alert due',
    );
    for (const recipient of alert.recipients) {
      items.push({
        key: `alert:${alertKey(alert)}:${recipient}`,
        kind: 'alert',
        week,
        recipient,
        message: { kind: 'alert', alert },
        dueAt: now,
      });
    }
  }
  const undelivered = (await ctx.store.listOutbox({ week, status: 'failed' })).map((e) => ({
    kind: e.kind,
    recipient: e.recipient,
    error: e.lastError ?? 'unknown',
  }));
  // Every alert is in the digest: the owners read them there, once a week, rather than one message each.
  // Each correction is mentioned once, in the first digest built after it that covers its week. A run again of an
  // evaluated week builds no new digest (its keys are taken), so it leaves the corrections to the next one.
  const digestBuilt = (await ctx.store.listOutbox({ week, kind: 'digest' })).length > 0;
  const corrections = digestBuilt ? [] : await ctx.store.listCorrections({ to: week, unreported: true });
  const digest: WeekDigest = {
    ...weekFigures(facts, week),
    alerts: alerts.map((a) => ({ kind: a.kind, intrapreneur: a.intrapreneur, rule: alertRule(a) })),
    undelivered,
    ...(ctx.publicUrl ? { dashboardUrl: `${ctx.publicUrl.replace(/\/+$/, '')}/dashboard` } : {}),
    corrections: summariseCorrections(corrections),
  };
  const digestRecipients = ctx.programme.digestChannel
    ? [`#${ctx.programme.digestChannel}`]
    : ctx.programme.owners;
  for (const recipient of digestRecipients) {
    items.push({
      key: `digest:${recipient}:${week}`,
      kind: 'digest',
      week,
      recipient,
      message: { kind: 'digest', digest },
      dueAt: now,
    });
  }
  // Enqueued first, recorded after: a crash in between is mended by the next run, which finds the keys taken.
  await ctx.store.enqueue(items);
  await ctx.store.markCorrectionsReported(
    corrections.map((c) => c.id),
    week,
  );
  await ctx.store.recordAlerts(alerts, now);
  await ctx.store.markEvaluated(week, now);
  ctx.logger.info(
    { job: 'evaluate', week, alerts: alerts.length, messages: items.length },
    'evaluation: done',
  );
  const result = await dispatchOutbox(ctx, { label: `evaluate ${week}`, total: items.length });
  return {
    status: 'done',
    week,
    alerts: alerts.length,
    messages: items.length,
    keys: items.map((i) => i.key),
    ...result,
  };
}
