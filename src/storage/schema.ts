// The SQLite schema. Every row belongs to a programme, so a second cohort can share the database: each table carries
// `programme_id` and every unique key includes it. Times are integer milliseconds (Drizzle `timestamp_ms`).
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type { AlertKind, AlertReason } from '../core/alerts.ts';
import type { Choice } from '../core/choice.ts';
import type { CorrectedField } from '../core/correction.ts';
import type { ChatMessage, OutboxKind } from '../core/messages.ts';
import type { JobName, ProjectStatus } from '../core/programme.ts';
import { decodeJson, encodeJson } from './json.ts';

const json = <T>() =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => encodeJson(value),
    fromDriver: (value) => decodeJson<T>(value),
  });

const time = (name: string) => integer(name, { mode: 'timestamp_ms' });

const programmeId = () =>
  integer('programme_id')
    .notNull()
    .references(() => programmes.id);

export const programmes = sqliteTable('programmes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  createdAt: time('created_at').notNull(),
  /** Null until the programme file was first synced. */
  syncedAt: time('synced_at'),
});

// No e-mail or platform ids: the programme file is read at every start, so the database keeps only what history needs.
export const people = sqliteTable(
  'people',
  {
    programmeId: programmeId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.id] })],
);

export const projects = sqliteTable(
  'projects',
  {
    programmeId: programmeId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    coach: text('coach').notNull(),
    status: text('status').$type<ProjectStatus>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.id] }),
    foreignKey({ columns: [t.programmeId, t.coach], foreignColumns: [people.programmeId, people.id] }),
  ],
);

/** The roles: who was an intrapreneur of which project under which manager, kept after they leave the file. */
export const intrapreneurs = sqliteTable(
  'intrapreneurs',
  {
    programmeId: programmeId(),
    person: text('person').notNull(),
    project: text('project').notNull(),
    manager: text('manager').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.person, t.project] }),
    foreignKey({ columns: [t.programmeId, t.person], foreignColumns: [people.programmeId, people.id] }),
    foreignKey({ columns: [t.programmeId, t.manager], foreignColumns: [people.programmeId, people.id] }),
    foreignKey({ columns: [t.programmeId, t.project], foreignColumns: [projects.programmeId, projects.id] }),
  ],
);

// Check-ins, coaching sessions and alerts name people by id without a foreign key: they record what was said or
// done, and must not depend on the order in which the programme file and the chat reach the store.
export const checkins = sqliteTable(
  'checkins',
  {
    programmeId: programmeId(),
    intrapreneur: text('intrapreneur').notNull(),
    week: text('week').notNull(),
    releaseKind: text('release_kind').$type<'days' | 'leave'>(),
    releasedDays: real('released_days'),
    coachingHeld: integer('coaching_held', { mode: 'boolean' }),
    comment: text('comment'),
    answeredBy: text('answered_by').notNull(),
    answeredAt: time('answered_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.intrapreneur, t.week] }),
    index('checkins_by_week').on(t.programmeId, t.week),
    check('checkins_release_kind', sql`${t.releaseKind} is null or ${t.releaseKind} in ('days', 'leave')`),
  ],
);

/**
 * Owners' corrections of someone's answer: the figure, its button before (null: no answer) and after, who and when.
 * Kept when the answer changes again; `reported_in` is the week whose digest mentioned it.
 */
export const corrections = sqliteTable(
  'corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: programmeId(),
    intrapreneur: text('intrapreneur').notNull(),
    week: text('week').notNull(),
    field: text('field').$type<CorrectedField>().notNull(),
    before: text('before').$type<Choice>(),
    after: text('after').$type<Choice>().notNull(),
    correctedBy: text('corrected_by').notNull(),
    correctedAt: time('corrected_at').notNull(),
    reportedIn: text('reported_in'),
  },
  (t) => [
    index('corrections_by_week').on(t.programmeId, t.week),
    index('corrections_unreported').on(t.programmeId, t.week).where(sql`${t.reportedIn} is null`),
    check('corrections_field', sql`${t.field} in ('release', 'coaching')`),
  ],
);

export const coachingSessions = sqliteTable(
  'coaching_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: programmeId(),
    intrapreneur: text('intrapreneur').notNull(),
    loggedBy: text('logged_by').notNull(),
    /** Local date of the session, `YYYY-MM-DD`. */
    date: text('date').notNull(),
    durationMinutes: integer('duration_minutes'),
    notes: text('notes').notNull(),
    loggedAt: time('logged_at').notNull(),
  },
  (t) => [index('coaching_sessions_by_intrapreneur').on(t.programmeId, t.intrapreneur, t.date)],
);

export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: programmeId(),
    kind: text('kind').$type<AlertKind>().notNull(),
    intrapreneur: text('intrapreneur').notNull(),
    week: text('week').notNull(),
    recipients: json<string[]>()('recipients').notNull(),
    reason: json<AlertReason>()('reason').notNull(),
    raisedAt: time('raised_at').notNull(),
  },
  (t) => [uniqueIndex('alerts_once').on(t.programmeId, t.kind, t.intrapreneur, t.week)],
);

export const evaluations = sqliteTable(
  'evaluations',
  {
    programmeId: programmeId(),
    week: text('week').notNull(),
    evaluatedAt: time('evaluated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.week] })],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: programmeId(),
    key: text('key').notNull(),
    kind: text('kind').$type<OutboxKind>().notNull(),
    week: text('week').notNull(),
    /** Person id, or `#channel`. */
    recipient: text('recipient').notNull(),
    message: json<ChatMessage>()('message').notNull(),
    dueAt: time('due_at').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: time('next_attempt_at').notNull(),
    claimedAt: time('claimed_at'),
    /** The instance of the bot that claimed it (`sending`): only that one may mark it sent, or put it back. */
    claimedBy: text('claimed_by'),
    sentAt: time('sent_at'),
    sentPlatform: text('sent_platform'),
    sentRef: text('sent_ref'),
    failedAt: time('failed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    // Once per key. A key names its week, and the week leads, so that a week's messages sit together: the thousands
    // enqueued at an evaluation are written at one end of the index instead of all over it.
    uniqueIndex('outbox_once').on(t.programmeId, t.week, t.key),
    // What waits to be sent, and what is being sent. An entry leaves them once sent or refused, so they stay small.
    // Partial indexes are used by queries that name the same status as a literal (`outbox-repository.ts`).
    index('outbox_pending').on(t.programmeId, t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_sending').on(t.programmeId, t.claimedAt).where(sql`${t.status} = 'sending'`),
    // Who was asked which week (their prompt was sent): what the compliance rules read of the outbox.
    index('outbox_prompted')
      .on(t.programmeId, t.week, t.recipient)
      .where(sql`${t.kind} = 'prompt' and ${t.status} = 'sent'`),
    check('outbox_status', sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
  ],
);

/**
 * The ledger of scheduled runs: one row per job and week, written once by the instance that takes the run. While it
 * runs, `instance` holds it until `lease_until` (renewed as it goes); once done, `finished_at` is set for good. A run
 * whose instance died is taken over after its lease and run again (the use cases are idempotent).
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    programmeId: programmeId(),
    job: text('job').$type<JobName>().notNull(),
    week: text('week').notNull(),
    /** When the run was taken (by the last instance that took it). */
    ranAt: time('ran_at').notNull(),
    instance: text('instance'),
    leaseUntil: time('lease_until'),
    finishedAt: time('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.job, t.week] })],
);

/**
 * Requests from a platform already taken in (Slack's deliveries), so that a replay or a retry reaching any instance is
 * acted on once. Kept until `held_until`, then forgotten.
 */
export const inboundDeliveries = sqliteTable('inbound_deliveries', {
  key: text('key').primaryKey(),
  heldUntil: time('held_until').notNull(),
});

/**
 * What one instance of the bot does for the whole deployment, one at a time (`outbox-sender`: sending from the
 * outbox, so that the instances together keep to the platform's pace): held by `holder`, an instance's name, until
 * `held_until`, renewed while it works; once that time is over, another instance may take it.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  heldUntil: time('held_until').notNull(),
});

/** What the sandbox platform shows: the bot's messages to each person, kept in the bot's own database. */
export const sandboxMessages = sqliteTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: programmeId(),
    /** Person id, or `#channel`. */
    recipient: text('recipient').notNull(),
    /** The delivery's idempotency key, so that `findSent` can answer as Slack's metadata search does. */
    key: text('key').notNull(),
    message: json<ChatMessage>()('message').notNull(),
    createdAt: time('created_at').notNull(),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('sandbox_messages_key').on(t.programmeId, t.key),
    index('sandbox_messages_by_recipient').on(t.programmeId, t.recipient, t.id),
  ],
);

/** Secrets the bot makes for itself at first start (the dashboard links' signing key), so they survive restarts. */
export const botSecrets = sqliteTable(
  'bot_secrets',
  {
    programmeId: programmeId(),
    name: text('name').notNull(),
    value: text('value').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.name] })],
);
