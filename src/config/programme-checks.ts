// Checks that relate several parts of a programme file: references to people, unique ids, one project per
// intrapreneur, phase order, periods. They read the raw file defensively rather than the parsed result, so that they
// still run when the shape is wrong elsewhere: a user fixing a file wants every problem at once.
import { isRealDate } from '../core/calendar.ts';
import type { Messages } from '../i18n/index.ts';

export type Segment = string | number;

export interface Finding {
  path: Segment[];
  message: string;
  /** Where the problem sits in the file when that is more precise than `path` (an unknown key). */
  at?: Segment[];
}

type Text = Messages['config'];
type Raw = Record<string, unknown>;

/** The phases that give the default check-in period. */
export const CHECKIN_PHASES = ['pre_incubation', 'poc_committee'] as const;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === 'string' && isRealDate(v) ? v : undefined);

export function crossChecks(raw: unknown, t: Text): Finding[] {
  if (!isObject(raw)) return [];
  const out: Finding[] = [];
  const people = uniqueIds('people', raw.people, t, out);
  const ref = (value: unknown, path: Segment[]) => {
    if (people && typeof value === 'string' && value !== '' && !people.has(value)) {
      out.push({ path, message: t.unknownPerson(value) });
    }
  };
  checkOwners(raw.owners, ref, t, out);
  checkAlertsAsTheyHappen(raw, ref, t, out);
  checkProjects(raw.projects, ref, t, out);
  checkPhases(raw.phases, t, out);
  if (field(raw.programme, 'checkins') === undefined) checkCheckinPhases(raw.phases, t, out);
  checkPeriods(raw.programme, t, out);
  checkBudget(field(raw.programme, 'budget'), raw.phases, t, out);
  return out;
}

/**
 * Reports ids used twice in a list and returns the ids found, or null when some entry has no readable id: a
 * reference to it would then look unknown only because of that other mistake.
 */
function uniqueIds(key: string, entries: unknown, t: Text, out: Finding[]): Set<string> | null {
  if (!Array.isArray(entries)) return null;
  const first = new Map<string, number>();
  let complete = true;
  entries.forEach((entry, i) => {
    const id = text(field(entry, 'id'));
    if (id === undefined) complete = false;
    else if (first.has(id))
      out.push({ path: [key, i, 'id'], message: t.duplicateId(id, `${key}[${first.get(id)}]`) });
    else first.set(id, i);
  });
  return complete ? new Set(first.keys()) : null;
}

type Ref = (value: unknown, path: Segment[]) => void;

function checkOwners(owners: unknown, ref: Ref, t: Text, out: Finding[]): void {
  const seen = new Set<unknown>();
  list(owners).forEach((owner, i) => {
    ref(owner, ['owners', i]);
    if (typeof owner === 'string' && seen.has(owner))
      out.push({ path: ['owners', i], message: t.duplicateOwner(owner) });
    seen.add(owner);
  });
}

/** Those who ask for each alert as it happens must be owners: others get the alerts their role calls for. */
function checkAlertsAsTheyHappen(raw: Raw, ref: Ref, t: Text, out: Finding[]): void {
  const owners = list(raw.owners);
  list(field(raw.programme, 'alerts_as_they_happen')).forEach((id, i) => {
    const path: Segment[] = ['programme', 'alerts_as_they_happen', i];
    const before = out.length;
    ref(id, path);
    if (out.length === before && typeof id === 'string' && id !== '' && !owners.includes(id)) {
      out.push({ path, message: t.notAnOwner(id) });
    }
  });
}

function checkProjects(projects: unknown, ref: Ref, t: Text, out: Finding[]): void {
  uniqueIds('projects', projects, t, out);
  // Which project each intrapreneur already carries, to allow one only.
  const carried = new Map<string, { project: number; label: string }>();
  list(projects).forEach((project, i) => {
    ref(field(project, 'coach'), ['projects', i, 'coach']);
    const label = text(field(project, 'id')) ?? `projects[${i}]`;
    list(field(project, 'intrapreneurs')).forEach((intrapreneur, j) => {
      const path: Segment[] = ['projects', i, 'intrapreneurs', j];
      const person = field(intrapreneur, 'person');
      ref(person, [...path, 'person']);
      ref(field(intrapreneur, 'manager'), [...path, 'manager']);
      if (typeof person !== 'string' || person === '') return;
      const before = carried.get(person);
      if (!before) carried.set(person, { project: i, label });
      else if (before.project === i)
        out.push({ path: [...path, 'person'], message: t.intrapreneurTwice(person) });
      else out.push({ path: [...path, 'person'], message: t.intrapreneurElsewhere(person, before.label) });
    });
  });
}

function checkPhases(phases: unknown, t: Text, out: Finding[]): void {
  uniqueIds('phases', phases, t, out);
  let previous: { label: string; start: string; end: string } | undefined;
  list(phases).forEach((phase, i) => {
    const start = date(field(phase, 'start'));
    const end = date(field(phase, 'end'));
    if (start === undefined || end === undefined) return;
    const label = text(field(phase, 'id')) ?? `phases[${i}]`;
    const reversed = start > end;
    if (reversed) out.push({ path: ['phases', i, 'end'], message: t.phaseReversed(start, end) });
    if (previous && start < previous.start) {
      out.push({ path: ['phases', i, 'start'], message: t.phasesOutOfOrder(label, previous.label) });
    } else if (previous && start <= previous.end) {
      out.push({ path: ['phases', i, 'start'], message: t.phasesOverlap(label, previous.label) });
    }
    // A reversed phase still has its place by its start; its end would only add a confusing overlap.
    previous = { label, start, end: reversed ? start : end };
  });
}

/** Without an explicit check-in period, it is taken from two phases, which must then exist. */
function checkCheckinPhases(phases: unknown, t: Text, out: Finding[]): void {
  if (!Array.isArray(phases)) return;
  const ids = phases.map((phase) => text(field(phase, 'id')));
  // A phase whose id cannot be read may be the one looked for: its own problem is reported already.
  if (ids.includes(undefined)) return;
  for (const id of CHECKIN_PHASES) {
    if (!ids.includes(id)) out.push({ path: ['phases'], message: t.missingPhase(id) });
  }
}

function checkPeriods(programme: unknown, t: Text, out: Finding[]): void {
  const period = (value: unknown, path: Segment[]) => {
    const from = date(field(value, 'from'));
    const to = date(field(value, 'to'));
    if (from !== undefined && to !== undefined && from > to) {
      out.push({ path: [...path, 'to'], message: t.periodReversed(from, to) });
    }
  };
  period(field(programme, 'checkins'), ['programme', 'checkins']);
  list(field(programme, 'breaks')).forEach((b, i) => {
    period(b, ['programme', 'breaks', i]);
  });
}

/** The instalments' shares make the whole ceiling, and each due names a phase of the file. */
function checkBudget(budget: unknown, phases: unknown, t: Text, out: Finding[]): void {
  const instalments = field(budget, 'instalments');
  if (!Array.isArray(instalments) || instalments.length === 0) return;
  const shares = instalments.map((i) => field(i, 'share'));
  // A share that is wrong in itself has its own problem reported; a sum with it would only add a confusing one.
  if (shares.every((s) => typeof s === 'number' && s > 0 && s <= 100)) {
    // In hundredths, so that 33.33 + 33.33 + 33.34 make 100 exactly.
    const total = shares.reduce((sum: number, s) => sum + Math.round((s as number) * 100), 0) / 100;
    if (total !== 100)
      out.push({ path: ['programme', 'budget', 'instalments'], message: t.sharesTotal(total) });
  }
  const ids = list(phases).map((phase) => text(field(phase, 'id')));
  if (!Array.isArray(phases) || ids.includes(undefined)) return;
  instalments.forEach((instalment, i) => {
    const due = text(field(instalment, 'due'));
    const named = due === undefined ? undefined : /^(?:start|end)_of_(.+)$/.exec(due)?.[1];
    if (named !== undefined && !ids.includes(named)) {
      out.push({
        path: ['programme', 'budget', 'instalments', i, 'due'],
        message: t.dueUnknownPhase(due as string, named, ids as string[]),
      });
    }
  });
}
