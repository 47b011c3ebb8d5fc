// Bringing the PostgreSQL database in line with the programme file, as `../programme-sync.ts` does on SQLite: nobody
// is ever deleted, those who left the file are deactivated.
import { and, eq, sql } from 'drizzle-orm';
import type { SyncResult } from '../../core/ports.ts';
import { intrapreneurRoles, type Programme } from '../../core/programme.ts';
import type { PgDb } from './handle.ts';
import { intrapreneurs, people, programmes, projects } from './schema.ts';

/** The database or a transaction of it. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0] | PgDb;
type Counts = SyncResult['people'];

export async function findProgrammeId(db: PgTx, key: string): Promise<number | undefined> {
  const [row] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.key, key));
  return row?.id;
}

/** The programme's row id, created on first use so that a store works before the first sync. */
export async function programmeRowId(db: PgTx, key: string, at: Date): Promise<number> {
  const found = await findProgrammeId(db, key);
  if (found !== undefined) return found;
  await db.insert(programmes).values({ key, name: key, createdAt: at }).onConflictDoNothing();
  const created = await findProgrammeId(db, key);
  if (created === undefined) throw new Error(`programme ${key} could not be created`);
  return created;
}

/** Two instances starting together sync the same file: the second waits for the first, then finds nothing to do. */
const SYNC_LOCK = 7_301_845_202;

export function syncProgramme(
  db: PgDb,
  programmeId: number,
  programme: Programme,
  at: Date,
): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK})`);
    await tx
      .update(programmes)
      .set({ name: programme.name, syncedAt: at })
      .where(eq(programmes.id, programmeId));
    // People first, then projects, then roles: the later ones refer to the earlier ones.
    const result = {
      people: await syncPeople(tx, programmeId, programme, at),
      projects: await syncProjects(tx, programmeId, programme, at),
    };
    await syncRoles(tx, programmeId, programme, at);
    return result;
  });
}

interface Reconciliation<Row extends { active: boolean }, Item> {
  rows: Row[];
  items: Item[];
  rowKey(row: Row): string;
  itemKey(item: Item): string;
  same(row: Row, item: Item): boolean;
  insert(item: Item): Promise<unknown>;
  update(item: Item): Promise<unknown>;
  deactivate(row: Row): Promise<unknown>;
}

async function reconcile<Row extends { active: boolean }, Item>(
  r: Reconciliation<Row, Item>,
): Promise<Counts> {
  const counts: Counts = { added: 0, updated: 0, deactivated: 0 };
  const left = new Map(r.rows.map((row) => [r.rowKey(row), row]));
  for (const item of r.items) {
    const row = left.get(r.itemKey(item));
    left.delete(r.itemKey(item));
    if (!row) {
      await r.insert(item);
      counts.added++;
    } else if (!row.active || !r.same(row, item)) {
      await r.update(item);
      counts.updated++;
    }
  }
  for (const row of left.values()) {
    if (!row.active) continue;
    await r.deactivate(row);
    counts.deactivated++;
  }
  return counts;
}

async function syncPeople(db: PgTx, programmeId: number, programme: Programme, at: Date): Promise<Counts> {
  const byId = (id: string) => and(eq(people.programmeId, programmeId), eq(people.id, id));
  return reconcile({
    rows: await db.select().from(people).where(eq(people.programmeId, programmeId)),
    items: programme.people,
    rowKey: (row) => row.id,
    itemKey: (person) => person.id,
    same: (row, person) => row.name === person.name,
    insert: (person) =>
      db.insert(people).values({ programmeId, id: person.id, name: person.name, active: true }),
    update: (person) =>
      db.update(people).set({ name: person.name, active: true, deactivatedAt: null }).where(byId(person.id)),
    deactivate: (row) => db.update(people).set({ active: false, deactivatedAt: at }).where(byId(row.id)),
  });
}

async function syncProjects(db: PgTx, programmeId: number, programme: Programme, at: Date): Promise<Counts> {
  const byId = (id: string) => and(eq(projects.programmeId, programmeId), eq(projects.id, id));
  const fields = (p: Programme['projects'][number]) => ({ name: p.name, coach: p.coach, status: p.status });
  return reconcile({
    rows: await db.select().from(projects).where(eq(projects.programmeId, programmeId)),
    items: programme.projects,
    rowKey: (row) => row.id,
    itemKey: (project) => project.id,
    same: (row, project) =>
      row.name === project.name && row.coach === project.coach && row.status === project.status,
    insert: (project) =>
      db.insert(projects).values({ programmeId, id: project.id, ...fields(project), active: true }),
    update: (project) =>
      db
        .update(projects)
        .set({ ...fields(project), active: true, deactivatedAt: null })
        .where(byId(project.id)),
    deactivate: (row) => db.update(projects).set({ active: false, deactivatedAt: at }).where(byId(row.id)),
  });
}

async function syncRoles(db: PgTx, programmeId: number, programme: Programme, at: Date): Promise<void> {
  const byKey = (person: string, project: string) =>
    and(
      eq(intrapreneurs.programmeId, programmeId),
      eq(intrapreneurs.person, person),
      eq(intrapreneurs.project, project),
    );
  await reconcile({
    rows: await db.select().from(intrapreneurs).where(eq(intrapreneurs.programmeId, programmeId)),
    items: intrapreneurRoles(programme),
    rowKey: (row) => `${row.person}\u0000${row.project}`,
    itemKey: (role) => `${role.person}\u0000${role.project}`,
    same: (row, role) => row.manager === role.manager,
    insert: (role) =>
      db.insert(intrapreneurs).values({
        programmeId,
        person: role.person,
        project: role.project,
        manager: role.manager,
        active: true,
      }),
    update: (role) =>
      db
        .update(intrapreneurs)
        .set({ manager: role.manager, active: true, deactivatedAt: null })
        .where(byKey(role.person, role.project)),
    deactivate: (row) =>
      db
        .update(intrapreneurs)
        .set({ active: false, deactivatedAt: at })
        .where(byKey(row.person, row.project)),
  });
}
