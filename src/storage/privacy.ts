// The rights of the people the bot knows (RGPD art. 15 and 17): everything stored about one person, as data a person
// can read, and its erasure. Erasure keeps what the programme's figures need (who answered what, which week, which
// coaching point took place) under an anonymous id, and deletes what only that person said or wrote.
import { randomBytes } from 'node:crypto';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { ChatMessage } from '../core/messages.ts';
import type { DatabaseHandle } from './database.ts';
import {
  anonymiseKey,
  anonymiseMessage,
  type Erasure,
  erasedTexts,
  isEmpty,
  keyNames,
  names,
  PERSON_TABLES,
  type PersonData,
} from './person-data.ts';
import { type Db, findProgrammeId } from './programme-sync.ts';
import {
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

/** Every row of the programme that names `person`, table by table; null when the programme is not in the database. */
export function findPersonData(
  handle: DatabaseHandle,
  programmeKey: string,
  person: string,
): PersonData | null {
  const pid = findProgrammeId(handle.db, programmeKey);
  if (pid === undefined) return null;
  return handle.db.transaction((tx) => readPersonData(tx, pid, person));
}

function readPersonData(db: Db, pid: number, person: string): PersonData {
  // `instr` narrows the scan; `names` then checks the decoded message, where an id is a whole value, not a substring.
  const quoted = JSON.stringify(person);
  const messageRows = <T extends { recipient: string; key: string; message: ChatMessage }>(rows: T[]) =>
    rows.filter((row) => row.recipient === person || keyNames(row.key, person) || names(row.message, person));
  return {
    people: db
      .select()
      .from(people)
      .where(and(eq(people.programmeId, pid), eq(people.id, person)))
      .all(),
    intrapreneurs: db
      .select()
      .from(intrapreneurs)
      .where(
        and(
          eq(intrapreneurs.programmeId, pid),
          or(eq(intrapreneurs.person, person), eq(intrapreneurs.manager, person)),
        ),
      )
      .all(),
    projects: db
      .select()
      .from(projects)
      .where(and(eq(projects.programmeId, pid), eq(projects.coach, person)))
      .all(),
    checkins: db
      .select()
      .from(checkins)
      .where(
        and(
          eq(checkins.programmeId, pid),
          or(eq(checkins.intrapreneur, person), eq(checkins.answeredBy, person)),
        ),
      )
      .orderBy(checkins.week)
      .all(),
    corrections: db
      .select()
      .from(corrections)
      .where(
        and(
          eq(corrections.programmeId, pid),
          or(eq(corrections.intrapreneur, person), eq(corrections.correctedBy, person)),
        ),
      )
      .orderBy(corrections.week, corrections.id)
      .all(),
    coachingSessions: db
      .select()
      .from(coachingSessions)
      .where(
        and(
          eq(coachingSessions.programmeId, pid),
          or(eq(coachingSessions.intrapreneur, person), eq(coachingSessions.loggedBy, person)),
        ),
      )
      .orderBy(coachingSessions.date, coachingSessions.id)
      .all(),
    alerts: db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.programmeId, pid),
          or(
            eq(alerts.intrapreneur, person),
            sql`exists (select 1 from json_each(${alerts.recipients}) where value = ${person})`,
          ),
        ),
      )
      .orderBy(alerts.week, alerts.id)
      .all(),
    outbox: messageRows(
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.programmeId, pid), mentionedIn(outbox, person, quoted)))
        .orderBy(outbox.id)
        .all(),
    ),
    sandboxMessages: messageRows(
      db
        .select()
        .from(sandboxMessages)
        .where(and(eq(sandboxMessages.programmeId, pid), mentionedIn(sandboxMessages, person, quoted)))
        .orderBy(sandboxMessages.id)
        .all(),
    ),
  };
}

function mentionedIn(
  table: typeof outbox | typeof sandboxMessages,
  person: string,
  quoted: string,
): SQL | undefined {
  return or(
    eq(table.recipient, person),
    sql`instr(${table.key}, ${person}) > 0`,
    sql`instr(${table.message}, ${quoted}) > 0`,
  );
}

/**
 * Erases `person` from the programme, in one transaction: their comments and the coaching notes about them are
 * deleted; every other row that names them is kept under a new anonymous id, so that weekly figures, alerts and
 * digests still add up, and a coach's notes about others stay those intrapreneurs' record. Null when nothing is
 * stored about them.
 */
export function erasePerson(
  handle: DatabaseHandle,
  programmeKey: string,
  person: string,
  at: Date,
): Erasure | null {
  const pid = findProgrammeId(handle.db, programmeKey);
  if (pid === undefined) return null;
  return handle.db.transaction(
    (tx) => {
      const found = readPersonData(tx, pid, person);
      if (isEmpty(found)) return null;
      const anonymous = newAnonymousId(tx, pid);
      const rows = Object.fromEntries(PERSON_TABLES.map((t) => [t, found[t].length])) as Erasure['rows'];
      const texts = erasedTexts(found, person);

      // The anonymous person first: roles and projects refer to a person row, and the old one goes last.
      if (found.people.length > 0) {
        tx.insert(people)
          .values({ programmeId: pid, id: anonymous, name: anonymous, active: false, deactivatedAt: at })
          .run();
      }
      tx.update(intrapreneurs)
        .set({
          person: anonymous,
          active: false,
          deactivatedAt: sql`coalesce(${intrapreneurs.deactivatedAt}, ${+at})`,
        })
        .where(and(eq(intrapreneurs.programmeId, pid), eq(intrapreneurs.person, person)))
        .run();
      tx.update(intrapreneurs)
        .set({ manager: anonymous })
        .where(and(eq(intrapreneurs.programmeId, pid), eq(intrapreneurs.manager, person)))
        .run();
      tx.update(projects)
        .set({ coach: anonymous })
        .where(and(eq(projects.programmeId, pid), eq(projects.coach, person)))
        .run();
      tx.delete(people)
        .where(and(eq(people.programmeId, pid), eq(people.id, person)))
        .run();

      tx.update(checkins)
        .set({ intrapreneur: anonymous, comment: null })
        .where(and(eq(checkins.programmeId, pid), eq(checkins.intrapreneur, person)))
        .run();
      tx.update(checkins)
        .set({ answeredBy: anonymous })
        .where(and(eq(checkins.programmeId, pid), eq(checkins.answeredBy, person)))
        .run();
      // The figures they changed stay, as the answers do, under the anonymous id.
      tx.update(corrections)
        .set({ intrapreneur: anonymous })
        .where(and(eq(corrections.programmeId, pid), eq(corrections.intrapreneur, person)))
        .run();
      tx.update(corrections)
        .set({ correctedBy: anonymous })
        .where(and(eq(corrections.programmeId, pid), eq(corrections.correctedBy, person)))
        .run();
      for (const session of found.coachingSessions) {
        const aboutThem = session.intrapreneur === person;
        tx.update(coachingSessions)
          .set({
            intrapreneur: aboutThem ? anonymous : session.intrapreneur,
            loggedBy: session.loggedBy === person ? anonymous : session.loggedBy,
            ...(aboutThem ? { notes: '' } : {}),
          })
          .where(eq(coachingSessions.id, session.id))
          .run();
      }
      for (const alert of found.alerts) {
        tx.update(alerts)
          .set({
            intrapreneur: alert.intrapreneur === person ? anonymous : alert.intrapreneur,
            recipients: alert.recipients.map((r) => (r === person ? anonymous : r)),
          })
          .where(eq(alerts.id, alert.id))
          .run();
      }
      for (const entry of found.outbox) {
        const toThem = entry.recipient === person;
        const unsent = entry.status === 'pending' || entry.status === 'sending';
        tx.update(outbox)
          .set({
            recipient: toThem ? anonymous : entry.recipient,
            key: anonymiseKey(entry.key, person, anonymous),
            message: anonymiseMessage(entry.message, person, anonymous),
            // The platform's reference points at a conversation with them; a message not yet sent never will be.
            ...(toThem ? { sentRef: null } : {}),
            ...(toThem && unsent ? { status: 'failed' as const, failedAt: at, lastError: 'erased' } : {}),
          })
          .where(eq(outbox.id, entry.id))
          .run();
      }
      for (const shown of found.sandboxMessages) {
        tx.update(sandboxMessages)
          .set({
            recipient: shown.recipient === person ? anonymous : shown.recipient,
            key: anonymiseKey(shown.key, person, anonymous),
            message: anonymiseMessage(shown.message, person, anonymous),
          })
          .where(eq(sandboxMessages.id, shown.id))
          .run();
      }
      return { anonymousId: anonymous, rows, texts };
    },
    { behavior: 'immediate' },
  );
}

function newAnonymousId(db: Db, pid: number): string {
  for (;;) {
    const id = `anonyme-${randomBytes(4).toString('hex')}`;
    const taken = db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.programmeId, pid), eq(people.id, id)))
      .get();
    if (!taken) return id;
  }
}
