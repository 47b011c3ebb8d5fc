// What the bot says, as data. Each platform renders these its own way (Block Kit, Mattermost attachments, the sandbox
// page, plain text); the words come from the locale files.
import type { Alert } from './alerts.ts';
import type { CheckinAnswer } from './checkin.ts';
import type { WeekFigures } from './compliance.ts';
import type { CorrectionSummary } from './correction.ts';
import type { WeekId } from './week.ts';

export type OutboxKind = 'prompt' | 'reminder' | 'alert' | 'digest';

/** The owner's weekly digest: the figures of one evaluated week. */
export interface WeekDigest extends WeekFigures {
  /** Alerts raised for this week, by key. */
  alerts: Pick<Alert, 'kind' | 'intrapreneur'>[];
  /** Messages the platforms refused for good this week (so the owner knows someone was not reached). */
  undelivered: { kind: OutboxKind; recipient: string; error: string }[];
  /**
   * Owners' corrections of answers since the previous digest (of this week or earlier ones, evaluated or not): the
   * figures they change may already have been seen. Absent from digests stored before corrections were recorded.
   */
  corrections?: CorrectionSummary[];
}

export type ChatMessage =
  | { kind: 'prompt'; week: WeekId; intrapreneur: string; answer?: CheckinAnswer }
  | { kind: 'reminder'; week: WeekId; intrapreneur: string }
  | { kind: 'alert'; alert: Alert }
  | { kind: 'digest'; digest: WeekDigest }
  /** A signed link to the owner dashboard, sent to an owner who asked for it (`/phase dashboard`). */
  | { kind: 'dashboard_link'; url: string; expiresAt: Date };
