// The storage port in memory, for fast tests of the use cases. It behaves as DrizzleStore does (the same contract
// suite runs on both) and hands out copies, so a caller mutating a result cannot change what is stored.
import { type Alert, alertKey } from '../core/alerts.ts';
import type { CheckinAnswer } from '../core/checkin.ts';
import type { CoachingSession } from '../core/coaching.ts';
import type { Correction, StoredCorrection } from '../core/correction.ts';
import type {
  ClaimedEntry,
  CorrectionFilter,
  JobRun,
  OutboxEntry,
  OutboxItem,
  SentMark,
  Store,
  StoredAlert,
  SyncResult,
  WeekRange,
} from '../core/ports.ts';
import { intrapreneurRoles, type JobName, type Programme } from '../core/programme.ts';
import { type WeekId, weekOfDate } from '../core/week.ts';
import { WeekFacts } from '../core/week-facts.ts';
import { copy, stored } from './memory-copy.ts';
import { MemoryOutbox } from './memory-outbox.ts';

type Counts = SyncResult['people'];
type Synced<T> = T & { active: boolean; deactivatedAt?: Date };

const inRange = (week: WeekId, range: WeekRange) => week >= range.from && week <= range.to;

export class InMemoryStore implements Store {
  readonly #people = new Map<string, Synced<{ id: string; name: string }>>();
  readonly #projects = new Map<string, Synced<{ id: string; name: string; coach: string; status: string }>>();
  readonly #roles = new Map<string, Synced<{ person: string; project: string; manager: string }>>();
  readonly #answers = new Map<string, CheckinAnswer>();
  readonly #sessions: (CoachingSession & { id: number })[] = [];
  readonly #corrections: StoredCorrection[] = [];
  readonly #alerts = new Map<string, StoredAlert>();
  readonly #evaluations = new Map<WeekId, Date>();
  readonly #outbox = new MemoryOutbox();
  readonly #jobRuns = new Map<string, JobRun & { leaseUntil?: Date }>();
  /** Leases held, by name: until when. */
  readonly #leases = new Map<string, Date>();
  #nextSessionId = 1;
  #nextCorrectionId = 1;

  async syncProgramme(programme: Programme, at: Date): Promise<SyncResult> {
    const people = reconcile(
      this.#people,
      programme.people.map((p) => ({ id: p.id, name: p.name })),
      (p) => p.id,
      at,
    );
    const projects = reconcile(
      this.#projects,
      programme.projects.map((p) => ({ id: p.id, name: p.name, coach: p.coach, status: p.status })),
      (p) => p.id,
      at,
    );
    reconcile(
      this.#roles,
      intrapreneurRoles(programme).map((r) => ({ person: r.person, project: r.project, manager: r.manager })),
      (r) => `${r.person}\u0000${r.project}`,
      at,
    );
    return { people, projects };
  }

  async activePeople(): Promise<string[]> {
    return [...this.#people.values()]
      .filter((p) => p.active)
      .map((p) => p.id)
      .sort();
  }

  async getAnswer(intrapreneur: string, week: WeekId): Promise<CheckinAnswer | undefined> {
    const answer = this.#answers.get(`${intrapreneur}\u0000${week}`);
    return answer && copy(answer);
  }

  async saveAnswer(answer: CheckinAnswer, correction?: Correction): Promise<void> {
    this.#answers.set(`${answer.intrapreneur}\u0000${answer.week}`, stored(answer));
    if (correction) this.#corrections.push({ ...stored(correction), id: this.#nextCorrectionId++ });
  }

  async listAnswers(range: WeekRange): Promise<CheckinAnswer[]> {
    return [...this.#answers.values()]
      .filter((a) => inRange(a.week, range))
      .sort((a, b) => compare(a.week, b.week) || compare(a.intrapreneur, b.intrapreneur))
      .map(copy);
  }

  async weekFacts(range: WeekRange): Promise<WeekFacts> {
    const facts = new WeekFacts();
    for (const answer of this.#answers.values()) if (inRange(answer.week, range)) facts.addAnswer(answer);
    for (const e of this.#outbox.entries()) {
      if (e.kind === 'prompt' && e.status === 'sent' && inRange(e.week, range))
        facts.addAsked(e.recipient, e.week);
    }
    for (const session of this.#sessions) {
      const week = weekOfDate(session.date);
      if (inRange(week, range)) facts.addLogged(session.intrapreneur, week);
    }
    return facts;
  }

  async listCorrections(filter: CorrectionFilter): Promise<StoredCorrection[]> {
    return this.#corrections
      .filter(
        (c) =>
          (filter.from === undefined || c.week >= filter.from) &&
          (filter.to === undefined || c.week <= filter.to) &&
          (filter.intrapreneur === undefined || c.intrapreneur === filter.intrapreneur) &&
          (!filter.unreported || c.reportedIn === undefined),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
      .map(copy);
  }

  async markCorrectionsReported(ids: readonly number[], week: WeekId): Promise<void> {
    for (const correction of this.#corrections) if (ids.includes(correction.id)) correction.reportedIn = week;
  }

  async addCoachingSession(session: CoachingSession): Promise<CoachingSession & { id: number }> {
    const added = { ...stored(session), id: this.#nextSessionId++ };
    this.#sessions.push(added);
    return copy(added);
  }

  async listCoachingSessions(
    filter: Parameters<Store['listCoachingSessions']>[0],
  ): Promise<(CoachingSession & { id: number })[]> {
    const found = this.#sessions
      .filter(
        (s) =>
          (filter.intrapreneur === undefined || s.intrapreneur === filter.intrapreneur) &&
          (filter.from === undefined || s.date >= filter.from) &&
          (filter.to === undefined || s.date <= filter.to),
      )
      .sort((a, b) => compare(a.date, b.date) || a.id - b.id);
    const chosen = filter.limit === undefined ? found : found.reverse().slice(0, Math.max(0, filter.limit));
    return chosen.map(copy);
  }

  async recordAlert(alert: Alert, at: Date): Promise<boolean> {
    return this.#record(alert, at);
  }

  async recordAlerts(alerts: Alert[], at: Date): Promise<Alert[]> {
    return alerts.filter((alert) => this.#record(alert, at));
  }

  async listAlerts(filter: Parameters<Store['listAlerts']>[0]): Promise<StoredAlert[]> {
    // Map iteration is insertion order, and the sort is stable: same order as DrizzleStore (week, then id).
    return [...this.#alerts.values()]
      .filter(
        (a) =>
          (filter.range === undefined || inRange(a.week, filter.range)) &&
          (filter.kind === undefined || a.kind === filter.kind) &&
          (filter.intrapreneur === undefined || a.intrapreneur === filter.intrapreneur),
      )
      .sort((a, b) => compare(a.week, b.week))
      .map(copy);
  }

  async markEvaluated(week: WeekId, at: Date): Promise<boolean> {
    if (this.#evaluations.has(week)) return false;
    this.#evaluations.set(week, at);
    return true;
  }

  async isEvaluated(week: WeekId): Promise<boolean> {
    return this.#evaluations.has(week);
  }

  async enqueue(items: OutboxItem[]): Promise<number> {
    return this.#outbox.enqueue(items);
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEntry[]> {
    return this.#outbox.claimDue(now, limit, leaseMs);
  }

  async hasDue(now: Date, leaseMs: number): Promise<boolean> {
    return this.#outbox.hasDue(now, leaseMs);
  }

  async markSent(marks: readonly SentMark[]): Promise<number> {
    return this.#outbox.markSent(marks);
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.#outbox.markRetry(id, nextAttemptAt, error);
  }

  async markFailed(id: number, error: string, _at: Date): Promise<boolean> {
    return this.#outbox.markFailed(id, error);
  }

  async listOutbox(filter: Parameters<Store['listOutbox']>[0]): Promise<OutboxEntry[]> {
    return this.#outbox.list(filter);
  }

  // One instance in memory: a run it holds is its own, and its lease only matters to `claimJobRun`.
  async claimJobRun(job: JobName, week: WeekId, at: Date, leaseUntil?: Date): Promise<boolean> {
    const key = `${job}\u0000${week}`;
    const found = this.#jobRuns.get(key);
    if (found && (found.finishedAt || (found.leaseUntil?.getTime() ?? 0) > at.getTime())) return false;
    this.#jobRuns.set(key, {
      job,
      week,
      at: new Date(at),
      ...(leaseUntil ? { leaseUntil: new Date(leaseUntil) } : { finishedAt: new Date(at) }),
    });
    return true;
  }

  async holdJobRun(job: JobName, week: WeekId, until: Date): Promise<boolean> {
    const found = this.#jobRuns.get(`${job}\u0000${week}`);
    if (!found || found.finishedAt) return false;
    found.leaseUntil = new Date(until);
    return true;
  }

  async finishJobRun(job: JobName, week: WeekId, at: Date): Promise<boolean> {
    const found = this.#jobRuns.get(`${job}\u0000${week}`);
    if (!found || found.finishedAt) return false;
    found.finishedAt = new Date(at);
    delete found.leaseUntil;
    return true;
  }

  async listJobRuns(job?: JobName): Promise<JobRun[]> {
    return [...this.#jobRuns.values()]
      .filter((r) => job === undefined || r.job === job)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || compare(a.job, b.job) || compare(a.week, b.week))
      .map(({ leaseUntil: _, ...run }) => copy(run));
  }

  // One instance in memory: a lease is always its own to take or renew.
  async takeLease(name: string, _now: Date, until: Date): Promise<boolean> {
    this.#leases.set(name, new Date(until));
    return true;
  }

  async releaseLease(name: string): Promise<boolean> {
    return this.#leases.delete(name);
  }

  #record(alert: Alert, at: Date): boolean {
    const key = alertKey(alert);
    if (this.#alerts.has(key)) return false;
    this.#alerts.set(key, { ...stored(alert), raisedAt: new Date(at) });
    return true;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same rules as the SQL sync: upsert what is in the file, deactivate (never delete) what is not, count changes. */
function reconcile<T extends object>(
  stored: Map<string, Synced<T>>,
  items: T[],
  keyOf: (item: T) => string,
  at: Date,
): Counts {
  const counts: Counts = { added: 0, updated: 0, deactivated: 0 };
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    seen.add(key);
    const row = stored.get(key);
    if (!row) {
      stored.set(key, { ...item, active: true });
      counts.added++;
    } else if (!row.active || !sameFields(row, item)) {
      stored.set(key, { ...item, active: true });
      counts.updated++;
    }
  }
  for (const [key, row] of stored) {
    if (seen.has(key) || !row.active) continue;
    stored.set(key, { ...row, active: false, deactivatedAt: at });
    counts.deactivated++;
  }
  return counts;
}

function sameFields<T extends object>(row: T, item: T): boolean {
  return (Object.keys(item) as (keyof T)[]).every((k) => row[k] === item[k]);
}
