// Gathers from storage the facts the compliance rules need for one week.
import { type ComplianceFacts, LOOKBACK_WEEKS } from '../core/compliance.ts';
import { intrapreneurRoles } from '../core/programme.ts';
import { addWeeks, type WeekId } from '../core/week.ts';
import type { AppContext } from './context.ts';

/** Facts from `from` (default: far enough back for the rules) up to `week`. */
export async function loadFacts(ctx: AppContext, week: WeekId, since?: WeekId): Promise<ComplianceFacts> {
  const from = addWeeks(since ?? week, -LOOKBACK_WEEKS);
  return {
    programme: ctx.programme,
    roles: intrapreneurRoles(ctx.programme),
    weeks: await ctx.store.weekFacts({ from, to: week }),
  };
}
