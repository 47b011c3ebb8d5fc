// What is stored about one person, table by table, whichever the database: the shape of an export, and the rules an
// erasure follows on both dialects (which keys and values name the person, how they are made anonymous).
import type {
  alerts,
  checkins,
  coachingSessions,
  corrections,
  intrapreneurs,
  outbox,
  people,
  projects,
  sandboxMessages,
} from './schema.ts';

export interface PersonData {
  people: (typeof people.$inferSelect)[];
  /** Roles held as intrapreneur or as someone's manager. */
  intrapreneurs: (typeof intrapreneurs.$inferSelect)[];
  /** Projects this person coaches. */
  projects: (typeof projects.$inferSelect)[];
  checkins: (typeof checkins.$inferSelect)[];
  /** Owners' corrections of their answers, or made by them. */
  corrections: (typeof corrections.$inferSelect)[];
  coachingSessions: (typeof coachingSessions.$inferSelect)[];
  alerts: (typeof alerts.$inferSelect)[];
  /** Messages to them, or about them (an alert to their manager, a digest naming them). */
  outbox: (typeof outbox.$inferSelect)[];
  /** What the sandbox shows to them or about them. */
  sandboxMessages: (typeof sandboxMessages.$inferSelect)[];
}

export type PersonTable = keyof PersonData;

export const PERSON_TABLES: readonly PersonTable[] = [
  'people',
  'intrapreneurs',
  'projects',
  'checkins',
  'corrections',
  'coachingSessions',
  'alerts',
  'outbox',
  'sandboxMessages',
];

export function isEmpty(data: PersonData): boolean {
  return PERSON_TABLES.every((table) => data[table].length === 0);
}

/** Keys are `kind:id:…:week` (`alert:release_missed:alice:2026-W47:marc`): an id is one whole segment. */
export function keyNames(key: string, person: string): boolean {
  return key.split(':').includes(person);
}

/** Whether some value of a decoded message is exactly `person`. */
export function names(value: unknown, person: string): boolean {
  if (value === person) return true;
  if (Array.isArray(value)) return value.some((v) => names(v, person));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.values(value).some((v) => names(v, person));
  }
  return false;
}

/**
 * The message with `person` replaced by `anonymous` wherever it is a value, and the comment of their own answer
 * removed (a prompt carries the intrapreneur's answer, comment included).
 */
export function anonymiseMessage<T>(value: T, person: string, anonymous: string): T {
  const walk = (v: unknown): unknown => {
    if (v === person) return anonymous;
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    const entries = Object.entries(v).filter(
      ([key]) => !(key === 'comment' && (v as { intrapreneur?: unknown }).intrapreneur === person),
    );
    return Object.fromEntries(entries.map(([key, inner]) => [key, walk(inner)]));
  };
  return walk(value) as T;
}

export function anonymiseKey(key: string, person: string, anonymous: string): string {
  return key
    .split(':')
    .map((segment) => (segment === person ? anonymous : segment))
    .join(':');
}

/**
 * The texts an erasure deletes: the person's own comments, and the coaching notes about them. Notes they wrote about
 * others are the others' record too: they stay, under the anonymous id.
 */
export function erasedTexts(data: PersonData, person: string): number {
  return (
    data.checkins.filter((c) => c.intrapreneur === person && c.comment !== null).length +
    data.coachingSessions.filter((s) => s.intrapreneur === person && s.notes !== '').length
  );
}

export interface Erasure {
  /** The id that now stands for the person in the figures; printed once, stored nowhere with their old id. */
  anonymousId: string;
  /** Rows changed, by table. */
  rows: Record<PersonTable, number>;
  /** Comments and coaching notes deleted. */
  texts: number;
}
