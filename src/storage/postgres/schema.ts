// The PostgreSQL schema: the SQLite one (`../schema.ts`) table for table, column for column, with the same nullability
// and the same keys (test/unit/schema-parity.test.ts fails when they drift). The types are PostgreSQL's own: times
// are `timestamptz` (milliseconds kept, read back as Dates), flags `boolean`, ids identity columns. JSON is kept as
// text, encoded as on SQLite (`json.ts`): the same dates survive the round trip, and nothing is parsed twice.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { AlertKind, AlertReason } from '../../core/alerts.ts';
import type { Choice } from '../../core/choice.ts';
import type { CorrectedField } from '../../core/correction.ts';
import type { ChatMessage, OutboxKind } from '../../core/messages.ts';
import type { JobName, ProjectStatus } from '../../core/programme.ts';
import { decodeJson, encodeJson } from '../json.ts';

const json = <T>() =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => encodeJson(value),
    fromDriver: (value) => decodeJson<T>(value),
  });

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

const programmeId = () =>
  integer('programme_id')
    .notNull()
    .references(() => programmes.id);

export const programmes = pgTable('programmes', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  createdAt: time('created_at').notNull(),
  syncedAt: time('synced_at'),
});

export const people = pgTable(
  'people',
  {
    programmeId: programmeId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.id] })],
);

export const projects = pgTable(
  'projects',
  {
    programmeId: programmeId(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    coach: text('coach').notNull(),
    status: text('status').$type<ProjectStatus>().notNull(),
    active: boolean('active').notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.id] }),
    foreignKey({ columns: [t.programmeId, t.coach], foreignColumns: [people.programmeId, people.id] }),
  ],
);

export const intrapreneurs = pgTable(
  'intrapreneurs',
  {
    programmeId: programmeId(),
    person: text('person').notNull(),
    project: text('project').notNull(),
    manager: text('manager').notNull(),
    active: boolean('active').notNull(),
    deactivatedAt: time('deactivated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.person, t.project] }),
    foreignKey({ columns: [t.programmeId, t.person], foreignColumns: [people.programmeId, people.id] }),
    foreignKey({ columns: [t.programmeId, t.manager], foreignColumns: [people.programmeId, people.id] }),
    foreignKey({ columns: [t.programmeId, t.project], foreignColumns: [projects.programmeId, projects.id] }),
  ],
);

export const checkins = pgTable(
  'checkins',
  {
    programmeId: programmeId(),
    intrapreneur: text('intrapreneur').notNull(),
    week: text('week').notNull(),
    releaseKind: text('release_kind').$type<'days' | 'leave'>(),
    releasedDays: doublePrecision('released_days'),
    coachingHeld: boolean('coaching_held'),
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

export const corrections = pgTable(
  'corrections',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const alerts = pgTable(
  'alerts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const evaluations = pgTable(
  'evaluations',
  {
    programmeId: programmeId(),
    week: text('week').notNull(),
    evaluatedAt: time('evaluated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.week] })],
);

export const outbox = pgTable(
  'outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    programmeId: programmeId(),
    key: text('key').notNull(),
    kind: text('kind').$type<OutboxKind>().notNull(),
    week: text('week').notNull(),
    recipient: text('recipient').notNull(),
    message: json<ChatMessage>()('message').notNull(),
    dueAt: time('due_at').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: time('next_attempt_at').notNull(),
    claimedAt: time('claimed_at'),
    claimedBy: text('claimed_by'),
    sentAt: time('sent_at'),
    sentPlatform: text('sent_platform'),
    sentRef: text('sent_ref'),
    failedAt: time('failed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_once').on(t.programmeId, t.week, t.key),
    index('outbox_pending').on(t.programmeId, t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index('outbox_sending').on(t.programmeId, t.claimedAt).where(sql`${t.status} = 'sending'`),
    index('outbox_prompted')
      .on(t.programmeId, t.week, t.recipient)
      .where(sql`${t.kind} = 'prompt' and ${t.status} = 'sent'`),
    check('outbox_status', sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
  ],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    programmeId: programmeId(),
    job: text('job').$type<JobName>().notNull(),
    week: text('week').notNull(),
    ranAt: time('ran_at').notNull(),
    instance: text('instance'),
    leaseUntil: time('lease_until'),
    finishedAt: time('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.job, t.week] })],
);

export const inboundDeliveries = pgTable('inbound_deliveries', {
  key: text('key').primaryKey(),
  heldUntil: time('held_until').notNull(),
});

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  heldUntil: time('held_until').notNull(),
});

export const sandboxMessages = pgTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    programmeId: programmeId(),
    recipient: text('recipient').notNull(),
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

export const botSecrets = pgTable(
  'bot_secrets',
  {
    programmeId: programmeId(),
    name: text('name').notNull(),
    value: text('value').notNull(),
    createdAt: time('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.name] })],
);
