// The small interfaces the use cases depend on. Storage, chat platforms and the clock are edges that implement them.
import type { Alert, AlertKind } from './alerts.ts';
import type { LocalDate } from './calendar.ts';
import type { CheckinAnswer } from './checkin.ts';
import type { CoachingSession } from './coaching.ts';
import type { Correction, StoredCorrection } from './correction.ts';
import type { ChatMessage, OutboxKind } from './messages.ts';
import type { JobName, Locale, Person, Programme } from './programme.ts';
import type { WeekId } from './week.ts';
import type { WeekFacts } from './week-facts.ts';

export interface Clock {
  now(): Date;
}

/** Structured log lines (pino's shape). Never pass tokens or message contents at `info`. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------------------------------------------------------
// Chat

/** Whom a message goes to: a person of the programme, or a named channel (the owner's digest may go to one). */
export type Recipient = { person: Person } | { channel: string };

export interface Delivery {
  /** Idempotency key, carried by the message itself (Slack `metadata`, Mattermost `props`) so it can be found again. */
  key: string;
  to: Recipient;
  message: ChatMessage;
  locale: Locale;
}

/** Where a sent message lives on its platform (enough to find or update it). */
export interface SentMessage {
  platform: string;
  ref: string;
}

export interface ChatPort {
  readonly platform: string;
  /**
   * How many messages the outbox may hand over at once (default 1). A platform whose sends wait mostly on the
   * network, and which paces itself (an SMTP connection pool), goes faster with several in flight.
   */
  readonly concurrency?: number;
  /** Sends a message. Throws a `ChatDeliveryError` when the platform refuses it. */
  send(delivery: Delivery): Promise<SentMessage>;
  /** Looks a key up among the recent messages the bot sent to this recipient; null when it was never sent. */
  findSent(to: Recipient, key: string): Promise<SentMessage | null>;
}

/** A refusal by a chat platform. Transient ones (429, 5xx, network) are retried; permanent ones are reported. */
export class ChatDeliveryError extends Error {
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;
  readonly code: string;
  /**
   * The platform may have received the message although the call failed (a timeout, a 5xx after the post): before
   * any new attempt, the outbox asks the platform whether the key is already there.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    code: string,
    message: string,
    options: { transient: boolean; retryAfterMs?: number; outcomeUnknown?: boolean },
  ) {
    super(message);
    this.name = 'ChatDeliveryError';
    this.code = code;
    this.transient = options.transient;
    this.retryAfterMs = options.retryAfterMs;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** A message due to someone, keyed so that it exists once whoever enqueues it and however often. */
export interface OutboxItem {
  key: string;
  kind: OutboxKind;
  week: WeekId;
  /** Person id, or `#channel` for a channel. */
  recipient: string;
  message: ChatMessage;
  dueAt: Date;
}

export interface OutboxEntry extends OutboxItem {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedAt?: Date;
  sentAt?: Date;
  /** Platform and reference of the sent message (`SentMessage`), once sent. */
  sent?: SentMessage;
  lastError?: string;
}

/** An outbox entry that reached the platform, and when. */
export interface SentMark {
  id: number;
  sent: SentMessage;
  at: Date;
}

/** An entry claimed for sending. `uncertain`: an earlier claim expired, so it may have been sent already. */
export interface ClaimedEntry extends OutboxEntry {
  uncertain: boolean;
}

export interface StoredAlert extends Omit<Alert, 'recipients'> {
  recipients: string[];
  raisedAt: Date;
}

export interface SyncResult {
  people: { added: number; updated: number; deactivated: number };
  projects: { added: number; updated: number; deactivated: number };
}

export interface WeekRange {
  from: WeekId;
  to: WeekId;
}

export interface CorrectionFilter {
  /** Weeks from `from` to `to`, both included; either may be left open. */
  from?: WeekId;
  to?: WeekId;
  intrapreneur?: string;
  unreported?: boolean;
}

export interface JobRun {
  job: JobName;
  week: WeekId;
  /** When the run was taken. */
  at: Date;
  finishedAt?: Date;
}

export interface Store {
  /** Upserts people and projects of the file; those no longer in it are deactivated, never deleted. */
  syncProgramme(programme: Programme, at: Date): Promise<SyncResult>;
  /** Ids of the people that are active (present in the last synced file). */
  activePeople(): Promise<string[]>;

  getAnswer(intrapreneur: string, week: WeekId): Promise<CheckinAnswer | undefined>;
  /**
   * Inserts or replaces the answer of (intrapreneur, week). With a correction (an owner changed a figure of someone's
   * answer), records it in the same write: both are stored, or neither.
   */
  saveAnswer(answer: CheckinAnswer, correction?: Correction): Promise<void>;
  listAnswers(range: WeekRange): Promise<CheckinAnswer[]>;
  /**
   * What the compliance rules read of the weeks of `range`: every answer reduced to its release and coaching click
   * (no comment, nor who answered when), who was asked (their prompt was sent, as `listOutbox` would show), and whose
   * coach logged a session (by the week of the session's date). An evaluation reads this for thousands of
   * intrapreneurs over several weeks, hence one call and a packed result.
   */
  weekFacts(range: WeekRange): Promise<WeekFacts>;

  /** Owners' corrections, oldest first; `unreported`: those no digest has mentioned yet. */
  listCorrections(filter: CorrectionFilter): Promise<StoredCorrection[]>;
  /** Records that the digest of `week` mentioned these corrections. */
  markCorrectionsReported(ids: readonly number[], week: WeekId): Promise<void>;

  addCoachingSession(session: CoachingSession): Promise<CoachingSession & { id: number }>;
  listCoachingSessions(filter: {
    intrapreneur?: string;
    from?: LocalDate;
    to?: LocalDate;
    /** Most recent first when a limit is given. */
    limit?: number;
  }): Promise<(CoachingSession & { id: number })[]>;

  /** Records an alert; false when (kind, intrapreneur, week) was already recorded. */
  recordAlert(alert: Alert, at: Date): Promise<boolean>;
  /** Records the alerts at once (all or none); returns those that were new, in the order given. */
  recordAlerts(alerts: Alert[], at: Date): Promise<Alert[]>;
  listAlerts(filter: { range?: WeekRange; kind?: AlertKind; intrapreneur?: string }): Promise<StoredAlert[]>;

  /** Marks a week evaluated; false when it already was. */
  markEvaluated(week: WeekId, at: Date): Promise<boolean>;
  isEvaluated(week: WeekId): Promise<boolean>;

  /**
   * Adds the items whose key is new in their week; returns how many were added. The bot's keys name their week (or,
   * for a dashboard link, its moment), so each key is in the outbox once.
   */
  enqueue(items: OutboxItem[]): Promise<number>;
  /**
   * Atomically claims up to `limit` entries to send now, for this store's instance of the bot: pending ones whose
   * `nextAttemptAt` has come, and `sending` ones whose claim is older than `leaseMs` (their sender died; they come back
   * `uncertain`). Two instances never claim the same entry. Claiming increments `attempts`.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedEntry[]>;
  /**
   * Marks claimed (`sending`) entries sent, all at once (one write for many: a sender sending quickly groups what it
   * marks, see `app/outbox.ts`). Only entries still claimed by this instance are marked: one erased meanwhile, or
   * taken over by another instance once its lease expired, is left as it is. Returns how many were marked.
   */
  markSent(marks: readonly SentMark[]): Promise<number>;
  /**
   * Back to pending, to be tried again at `nextAttemptAt`; false when the entry is no longer this instance's claim.
   */
  markRetry(id: number, nextAttemptAt: Date, error: string): Promise<boolean>;
  /** Refused for good; false when the entry is no longer this instance's claim. */
  markFailed(id: number, error: string, at: Date): Promise<boolean>;
  /**
   * Whether `claimDue(now, …, leaseMs)` would find something: a look that claims nothing, for a sender that has just
   * given its lease back (see `takeLease`) and must not leave behind what was enqueued while it held it.
   */
  hasDue(now: Date, leaseMs: number): Promise<boolean>;
  listOutbox(filter: {
    week?: WeekId;
    kind?: OutboxKind;
    status?: OutboxStatus;
    recipient?: string;
  }): Promise<OutboxEntry[]>;
  /**
   * Takes the run of a scheduled job for a week, once in all whatever the number of instances: true when this instance
   * is to run it. With `leaseUntil`, the run is held by this instance until then (see `holdJobRun`) and recorded done
   * by `finishJobRun`; a run whose holder let its lease lapse unfinished (it died) is taken over. Without, it is
   * recorded done at once. False when it is done, or held by another instance.
   */
  claimJobRun(job: JobName, week: WeekId, at: Date, leaseUntil?: Date): Promise<boolean>;
  /**
   * Moves the end of this instance's hold on an unfinished run: later while it runs, sooner to hand it over (a stop,
   * a failure to try again later). False when the run is no longer this instance's.
   */
  holdJobRun(job: JobName, week: WeekId, until: Date): Promise<boolean>;
  /** Records this instance's run done, for good; false when the run is no longer this instance's. */
  finishJobRun(job: JobName, week: WeekId, at: Date): Promise<boolean>;
  /** The runs taken, oldest first: `at` when taken, `finishedAt` once done. */
  listJobRuns(job?: JobName): Promise<JobRun[]>;
  /**
   * Takes the lease `name` for this store's instance of the bot until `until`, or moves the end of its own: true when
   * it was free, over at `now`, or already this instance's; false while another instance holds it. Leases are the
   * deployment's, not a programme's: every programme's store of an instance holds the same ones.
   */
  takeLease(name: string, now: Date, until: Date): Promise<boolean>;
  /** Gives the lease `name` back, for another instance to take at once; false when this instance did not hold it. */
  releaseLease(name: string): Promise<boolean>;
}

/** Secrets the bot makes for itself (the dashboard links' signing key), kept so they survive restarts. */
export interface SecretStore {
  /**
   * The secret stored under `name`; at first use, `make()` makes one and it is stored. When several processes make one
   * at once, the first stored wins and every process gets that one.
   */
  secret(name: string, make: () => string): Promise<string>;
}

/** A message the sandbox platform shows, kept in the bot's own database. */
export interface SandboxMessage {
  id: number;
  /** Person id, or `#channel`. */
  recipient: string;
  /** The delivery's idempotency key, so that `findSent` can answer as Slack's metadata search does. */
  key: string;
  message: ChatMessage;
  createdAt: Date;
  updatedAt: Date;
}

/** The sandbox's conversations. */
export interface SandboxMessageStore {
  /**
   * Keeps a message; a second message under the same key replaces the first rather than adding a duplicate, so that a
   * re-send after an interrupted attempt still leaves one message in the conversation. A refused write throws.
   */
  save(recipient: string, key: string, message: ChatMessage, at: Date): Promise<SandboxMessage>;
  findByKey(recipient: string, key: string): Promise<SandboxMessage | undefined>;
  /** A person's (or channel's) conversation: `newestFirst` for the page, oldest first otherwise. */
  list(recipient: string, options?: { newestFirst?: boolean; limit?: number }): Promise<SandboxMessage[]>;
  /** Channels that received something (the owner's digest may go to one), as `#name`. */
  channels(): Promise<string[]>;
}

/** What the retention purge cleared. */
export interface ClearedWords {
  comments: number;
  notes: number;
  /** Stored messages (outbox, sandbox) that carried a copy of a comment. */
  messages: number;
}

/** The words people wrote (comments, coaching notes), which the retention purge clears once their time is over. */
export interface RetentionStore {
  /**
   * Clears every comment and coaching note of the programme, and the copies stored messages hold, leaving the figures
   * as they are; nothing of what was cleared remains readable in the database's files. All or nothing.
   */
  clearWrittenWords(): Promise<ClearedWords>;
}

/**
 * Requests from a platform already taken in, so that each is acted on once: a request replayed while its signature
 * is still accepted, or retried by the platform, finds its key here, whichever instance of the bot it reaches.
 */
export interface DeliveryLedger {
  /**
   * Takes `key` from `now` until `until`; false when it was already taken and is still held at `now` (a replay or a
   * retry).
   */
  take(key: string, now: Date, until: Date): Promise<boolean>;
  /** Gives `key` back: its delivery was not carried out, so the platform's retry of it must be. */
  release(key: string): Promise<void>;
}
