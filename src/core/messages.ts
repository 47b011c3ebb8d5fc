// What the bot says, as data. Each platform renders these its own way (Block Kit, Mattermost attachments, the sandbox
// page, plain text); the words come from the locale files.
import type { Alert, AlertRule } from './alerts.ts';
import type { CheckinAnswer } from './checkin.ts';
import type { WeekFigures } from './compliance.ts';
import type { CorrectionSummary } from './correction.ts';
import type { WeekId } from './week.ts';

export type OutboxKind = 'prompt' | 'reminder' | 'alert' | 'digest';

/** The owner's weekly digest: the figures of one evaluated week, and every alert raised for it. */
export interface WeekDigest extends WeekFigures {
  /** Alerts raised for this week, by key, with the rule that raised each (absent from digests queued before it). */
  alerts: (Pick<Alert, 'kind' | 'intrapreneur'> & { rule?: AlertRule })[];
  /** Messages the platforms refused for good this week (so the owner knows someone was not reached). */
  undelivered: { kind: OutboxKind; recipient: string; error: string }[];
  /**
   * The dashboard, where the detail of every alert is when the digest had to summarise. Its plain address, not a
   * signed link: a digest is read days later, forwarded, or posted in a channel, and the page asks an owner to type
   * `/phase dashboard` for their own 24-hour link. Set when queued, so that a resend says the same.
   */
  dashboardUrl?: string;
  /**
   * Owners' corrections of answers since the previous digest (of this week or earlier ones, evaluated or not): the
   * figures they change may already have been seen. Absent from digests stored before corrections were recorded.
   */
  corrections?: CorrectionSummary[];
}

/**
 * `programme`: the programme's name, set when the intrapreneur is one in several programmes of the deployment, so that
 * each of their prompts and reminders says which programme it is about. Absent otherwise (and from messages queued
 * before it existed): the message then looks as it always did.
 */
export type ChatMessage =
  | { kind: 'prompt'; week: WeekId; intrapreneur: string; answer?: CheckinAnswer; programme?: string }
  | { kind: 'reminder'; week: WeekId; intrapreneur: string; programme?: string }
  | { kind: 'alert'; alert: Alert }
  | { kind: 'digest'; digest: WeekDigest }
  /** A signed link to the owner dashboard, sent to an owner who asked for it (`/phase dashboard`). */
  | { kind: 'dashboard_link'; url: string; expiresAt: Date };
