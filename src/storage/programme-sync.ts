// Bringing the database in line with the programme file. Nobody is ever deleted: an answer, a coaching log or an
// alert about someone who left the file must still make sense in next month's report.
import type { RunResult } from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { SyncResult } from '../core/ports.ts';
import { intrapreneurRoles, type Programme } from '../core/programme.ts';
import type { Schema } from './database.ts';
import { intrapreneurs, people, programmes, projects } from './schema.ts';

/** The drizzle database or a transaction of it. */
export type Db = BaseSQLiteDatabase<'sync', RunResult, Schema>;
type Counts = SyncResult['people'];

export function findProgrammeId(db: Db, key: string): number | undefined {
  return db.select({ id: programmes.id }).from(programmes).where(eq(programmes.key, key)).get()?.id;
}

/** The programme's row id, created on first use so that a store works before the first sync. */
export function programmeRowId(db: Db, key: string, at: Date): number {
  const found = findProgrammeId(db, key);
  if (found !== undefined) return found;
  db.insert(programmes).values({ key, name: key, createdAt: at }).onConflictDoNothing().run();
  const created = findProgrammeId(db, key);
  if (created === undefined) throw new Error(`programme ${key} could not be created`);
  return created;
}

/**
 * Upserts people, projects and intrapreneur roles in one transaction. `updated` counts rows whose stored fields
 * changed or that came back after being deactivated, so a re-sync of the same file reports zeros.
 */
export function syncProgramme(db: Db, programmeId: number, programme: Programme, at: Date): SyncResult {
  return db.transaction(
    (tx) => {
      tx.update(programmes)
        .set({ name: programme.name, syncedAt: at })
        .where(eq(programmes.id, programmeId))
        .run();
      // People first, then projects, then roles: the later ones refer to the earlier ones.
      const result = {
        people: syncPeople(tx, programmeId, programme, at),
        projects: syncProjects(tx, programmeId, programme, at),
      };
      syncRoles(tx, programmeId, programme, at);
      return result;
    },
    { behavior: 'immediate' },
  );
}

interface Reconciliation<Row extends { active: boolean }, Item> {
  rows: Row[];
  items: Item[];
  rowKey(row: Row): string;
  itemKey(item: Item): string;
  /** True when the stored row already says what the item says (activity aside). */
  same(row: Row, item: Item): boolean;
  insert(item: Item): void;
  /** Writes the item's fields and reactivates. */
  update(item: Item): void;
  deactivate(row: Row): void;
}

function reconcile<Row extends { active: boolean }, Item>(r: Reconciliation<Row, Item>): Counts {
  const counts: Counts = { added: 0, updated: 0, deactivated: 0 };
  const left = new Map(r.rows.map((row) => [r.rowKey(row), row]));
  for (const item of r.items) {
    const row = left.get(r.itemKey(item));
    left.delete(r.itemKey(item));
    if (!row) {
      r.insert(item);
      counts.added++;
    } else if (!row.active || !r.same(row, item)) {
      r.update(item);
      counts.updated++;
    }
  }
  for (const row of left.values()) {
    if (!row.active) continue;
    r.deactivate(row);
    counts.deactivated++;
  }
  return counts;
}

function syncPeople(db: Db, programmeId: number, programme: Programme, at: Date): Counts {
  const byId = (id: string) => and(eq(people.programmeId, programmeId), eq(people.id, id));
  return reconcile({
    rows: db.select().from(people).where(eq(people.programmeId, programmeId)).all(),
    items: programme.people,
    rowKey: (row) => row.id,
    itemKey: (person) => person.id,
    same: (row, person) => row.name === person.name,
    insert: (person) => {
      db.insert(people).values({ programmeId, id: person.id, name: person.name, active: true }).run();
    },
    update: (person) => {
      db.update(people)
        .set({ name: person.name, active: true, deactivatedAt: null })
        .where(byId(person.id))
        .run();
    },
    deactivate: (row) => {
      db.update(people).set({ active: false, deactivatedAt: at }).where(byId(row.id)).run();
    },
  });
}

function syncProjects(db: Db, programmeId: number, programme: Programme, at: Date): Counts {
  const byId = (id: string) => and(eq(projects.programmeId, programmeId), eq(projects.id, id));
  const fields = (p: Programme['projects'][number]) => ({ name: p.name, coach: p.coach, status: p.status });
  return reconcile({
    rows: db.select().from(projects).where(eq(projects.programmeId, programmeId)).all(),
    items: programme.projects,
    rowKey: (row) => row.id,
    itemKey: (project) => project.id,
    same: (row, project) =>
      row.name === project.name && row.coach === project.coach && row.status === project.status,
    insert: (project) => {
      db.insert(projects)
        .values({ programmeId, id: project.id, ...fields(project), active: true })
        .run();
    },
    update: (project) => {
      db.update(projects)
        .set({ ...fields(project), active: true, deactivatedAt: null })
        .where(byId(project.id))
        .run();
    },
    deactivate: (row) => {
      db.update(projects).set({ active: false, deactivatedAt: at }).where(byId(row.id)).run();
    },
  });
}

// Roles are not counted in SyncResult: a role comes and goes with its person or project, which are counted there.
function syncRoles(db: Db, programmeId: number, programme: Programme, at: Date): void {
  const byKey = (person: string, project: string) =>
    and(
      eq(intrapreneurs.programmeId, programmeId),
      eq(intrapreneurs.person, person),
      eq(intrapreneurs.project, project),
    );
  reconcile({
    rows: db.select().from(intrapreneurs).where(eq(intrapreneurs.programmeId, programmeId)).all(),
    items: intrapreneurRoles(programme),
    rowKey: (row) => `${row.person}\u0000${row.project}`,
    itemKey: (role) => `${role.person}\u0000${role.project}`,
    same: (row, role) => row.manager === role.manager,
    insert: (role) => {
      db.insert(intrapreneurs)
        .values({
          programmeId,
          person: role.person,
          project: role.project,
          manager: role.manager,
          active: true,
        })
        .run();
    },
    update: (role) => {
      db.update(intrapreneurs)
        .set({ manager: role.manager, active: true, deactivatedAt: null })
        .where(byKey(role.person, role.project))
        .run();
    },
    deactivate: (row) => {
      db.update(intrapreneurs)
        .set({ active: false, deactivatedAt: at })
        .where(byKey(row.person, row.project))
        .run();
    },
  });
}
