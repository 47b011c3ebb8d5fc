// Gathers from storage the facts the compliance rules need for one week.
import { type ComplianceFacts, factKey, LOOKBACK_WEEKS } from '../core/compliance.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import { addWeeks, type WeekId, weekDays, weekOfDate, weekStart } from '../core/week.ts';
import type { AppContext } from './context.ts';

/** Facts from `from` (default: far enough back for the rules) up to `week`. */
export async function loadFacts(ctx: AppContext, week: WeekId, since?: WeekId): Promise<ComplianceFacts> {
  const from = addWeeks(since ?? week, -LOOKBACK_WEEKS);
  const [answers, sessions, prompted] = await Promise.all([
    ctx.store.listAnswers({ from, to: week }),
    ctx.store.listCoachingSessions({ from: weekStart(from), to: weekDays(week)[6] }),
    ctx.store.listPrompted({ from, to: week }),
  ]);
  const asked = new Set(prompted.map((p) => factKey(p.intrapreneur, p.week)));
  return {
    programme: ctx.programme,
    roles: intrapreneurRoles(ctx.programme),
    answers,
    coachingLogged: new Set(sessions.map((s) => factKey(s.intrapreneur, weekOfDate(s.date)))),
    asked,
  };
}
