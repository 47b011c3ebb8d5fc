// Coaching sessions logged by coaches (`/coaching log`). A session in a week counts as that week's coaching point.
import type { LocalDate } from './calendar.ts';

export interface CoachingSession {
  id?: number;
  intrapreneur: string;
  /** Person id of whoever logged it: the coach, or an owner. */
  loggedBy: string;
  date: LocalDate;
  durationMinutes?: number;
  notes: string;
  loggedAt: Date;
}
