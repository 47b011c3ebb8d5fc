// The rights of the people the bot knows, on PostgreSQL: what `../privacy.ts` does on SQLite, by the rules of `../person-data.ts` (the same rows found,
// the same erasure in one transaction), with PostgreSQL's text and JSON functions.
import { randomBytes } from 'node:crypto';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { ChatMessage } from '../../core/messages.ts';
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
} from '../person-data.ts';
import type { PgHandle } from './handle.ts';
import { findProgrammeId, type PgTx } from './programme-sync.ts';
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

export async function findPersonData(
  handle: PgHandle,
  programmeKey: string,
  person: string,
): Promise<PersonData | null> {
  const pid = await findProgrammeId(handle.db, programmeKey);
  if (pid === undefined) return null;
  // One snapshot for every table.
  return handle.db.transaction((tx) => readPersonData(tx, pid, person), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function readPersonData(db: PgTx, pid: number, person: string): Promise<PersonData> {
  // `strpos` narrows the scan; `names` then checks the decoded message, where an id is a whole value, not a substring.
  const quoted = JSON.stringify(person);
  const messageRows = <T extends { recipient: string; key: string; message: ChatMessage }>(rows: T[]) =>
    rows.filter((row) => row.recipient === person || keyNames(row.key, person) || names(row.message, person));
  return {
    people: await db
      .select()
      .from(people)
      .where(and(eq(people.programmeId, pid), eq(people.id, person))),
    intrapreneurs: await db
      .select()
      .from(intrapreneurs)
      .where(
        and(
          eq(intrapreneurs.programmeId, pid),
          or(eq(intrapreneurs.person, person), eq(intrapreneurs.manager, person)),
        ),
      ),
    projects: await db
      .select()
      .from(projects)
      .where(and(eq(projects.programmeId, pid), eq(projects.coach, person))),
    checkins: await db
      .select()
      .from(checkins)
      .where(
        and(
          eq(checkins.programmeId, pid),
          or(eq(checkins.intrapreneur, person), eq(checkins.answeredBy, person)),
        ),
      )
      .orderBy(checkins.week),
    corrections: await db
      .select()
      .from(corrections)
      .where(
        and(
          eq(corrections.programmeId, pid),
          or(eq(corrections.intrapreneur, person), eq(corrections.correctedBy, person)),
        ),
      )
      .orderBy(corrections.week, corrections.id),
    coachingSessions: await db
      .select()
      .from(coachingSessions)
      .where(
        and(
          eq(coachingSessions.programmeId, pid),
          or(eq(coachingSessions.intrapreneur, person), eq(coachingSessions.loggedBy, person)),
        ),
      )
      .orderBy(coachingSessions.date, coachingSessions.id),
    alerts: await db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.programmeId, pid),
          or(
            eq(alerts.intrapreneur, person),
            sql`exists (select 1 from jsonb_array_elements_text(${alerts.recipients}::jsonb) as r(value)
              where r.value = ${person})`,
          ),
        ),
      )
      .orderBy(alerts.week, alerts.id),
    outbox: messageRows(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.programmeId, pid), mentionedIn(outbox, person, quoted)))
        .orderBy(outbox.id),
    ),
    sandboxMessages: messageRows(
      await db
        .select()
        .from(sandboxMessages)
        .where(and(eq(sandboxMessages.programmeId, pid), mentionedIn(sandboxMessages, person, quoted)))
        .orderBy(sandboxMessages.id),
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
    sql`strpos(${table.key}, ${person}) > 0`,
    sql`strpos(${table.message}, ${quoted}) > 0`,
  );
}

/**
 * As on SQLite: their comments and the notes about them deleted, every other row kept under a new anonymous id, in one
 * transaction.
 */
export async function erasePerson(
  handle: PgHandle,
  programmeKey: string,
  person: string,
  at: Date,
): Promise<Erasure | null> {
  const pid = await findProgrammeId(handle.db, programmeKey);
  if (pid === undefined) return null;
  return handle.db.transaction(
    async (tx) => {
      const found = await readPersonData(tx, pid, person);
      if (isEmpty(found)) return null;
      const anonymous = await newAnonymousId(tx, pid);
      const rows = Object.fromEntries(PERSON_TABLES.map((t) => [t, found[t].length])) as Erasure['rows'];
      const texts = erasedTexts(found, person);

      // The anonymous person first: roles and projects refer to a person row, and the old one goes last.
      if (found.people.length > 0) {
        await tx
          .insert(people)
          .values({ programmeId: pid, id: anonymous, name: anonymous, active: false, deactivatedAt: at });
      }
      await tx
        .update(intrapreneurs)
        .set({
          person: anonymous,
          active: false,
          deactivatedAt: sql`coalesce(${intrapreneurs.deactivatedAt}, ${at})`,
        })
        .where(and(eq(intrapreneurs.programmeId, pid), eq(intrapreneurs.person, person)));
      await tx
        .update(intrapreneurs)
        .set({ manager: anonymous })
        .where(and(eq(intrapreneurs.programmeId, pid), eq(intrapreneurs.manager, person)));
      await tx
        .update(projects)
        .set({ coach: anonymous })
        .where(and(eq(projects.programmeId, pid), eq(projects.coach, person)));
      await tx.delete(people).where(and(eq(people.programmeId, pid), eq(people.id, person)));

      await tx
        .update(checkins)
        .set({ intrapreneur: anonymous, comment: null })
        .where(and(eq(checkins.programmeId, pid), eq(checkins.intrapreneur, person)));
      await tx
        .update(checkins)
        .set({ answeredBy: anonymous })
        .where(and(eq(checkins.programmeId, pid), eq(checkins.answeredBy, person)));
      await tx
        .update(corrections)
        .set({ intrapreneur: anonymous })
        .where(and(eq(corrections.programmeId, pid), eq(corrections.intrapreneur, person)));
      await tx
        .update(corrections)
        .set({ correctedBy: anonymous })
        .where(and(eq(corrections.programmeId, pid), eq(corrections.correctedBy, person)));
      for (const session of found.coachingSessions) {
        // A coach's notes about others are those intrapreneurs' record: they stay, under the anonymous id.
        const aboutThem = session.intrapreneur === person;
        await tx
          .update(coachingSessions)
          .set({
            intrapreneur: aboutThem ? anonymous : session.intrapreneur,
            loggedBy: session.loggedBy === person ? anonymous : session.loggedBy,
            ...(aboutThem ? { notes: '' } : {}),
          })
          .where(eq(coachingSessions.id, session.id));
      }
      for (const alert of found.alerts) {
        await tx
          .update(alerts)
          .set({
            intrapreneur: alert.intrapreneur === person ? anonymous : alert.intrapreneur,
            recipients: alert.recipients.map((r) => (r === person ? anonymous : r)),
          })
          .where(eq(alerts.id, alert.id));
      }
      for (const entry of found.outbox) {
        const toThem = entry.recipient === person;
        const unsent = entry.status === 'pending' || entry.status === 'sending';
        await tx
          .update(outbox)
          .set({
            recipient: toThem ? anonymous : entry.recipient,
            key: anonymiseKey(entry.key, person, anonymous),
            message: anonymiseMessage(entry.message, person, anonymous),
            // The platform's reference points at a conversation with them; a message not yet sent never will be.
            ...(toThem ? { sentRef: null } : {}),
            ...(toThem && unsent ? { status: 'failed' as const, failedAt: at, lastError: 'erased' } : {}),
          })
          .where(eq(outbox.id, entry.id));
      }
      for (const shown of found.sandboxMessages) {
        await tx
          .update(sandboxMessages)
          .set({
            recipient: shown.recipient === person ? anonymous : shown.recipient,
            key: anonymiseKey(shown.key, person, anonymous),
            message: anonymiseMessage(shown.message, person, anonymous),
          })
          .where(eq(sandboxMessages.id, shown.id));
      }
      return { anonymousId: anonymous, rows, texts };
    },
    // Nothing else changes these rows while they are read and rewritten.
    { isolationLevel: 'serializable' },
  );
}

async function newAnonymousId(db: PgTx, pid: number): Promise<string> {
  for (;;) {
    const id = `anonyme-${randomBytes(4).toString('hex')}`;
    const taken = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.programmeId, pid), eq(people.id, id)));
    if (taken.length === 0) return id;
  }
}
