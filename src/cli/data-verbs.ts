// `export`, `erase` and `backup`: a data-protection request answered in minutes, and a copy of the database taken
// while the bot runs. They work on the database directly and never sync the programme file into it, so that an erased
// person is not written back by the very command that erased them.
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { samePerson } from '../app/memberships.ts';
import { databaseTarget } from '../config/database-url.ts';
import { loadProgrammeFile } from '../config/programme-file.ts';
import type { Locale, Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { BackupOntoDatabaseError } from '../storage/backup.ts';
import { erasedTexts, isEmpty, PERSON_TABLES, type PersonData } from '../storage/person-data.ts';
import { connectDatabase, type Database } from '../storage/storage.ts';
import { storageError } from '../storage/storage-errors.ts';
import { personExport } from './person-export.ts';
import { programmeHeading, selectedProgrammes } from './programme-option.ts';
import type { Verb, VerbInput } from './types.ts';

/** The terminal's answer to a question, for `Output.ask`; undefined when stdin is not a terminal. */
export function terminalAsk(): ((question: string) => Promise<string>) | undefined {
  if (!process.stdin.isTTY) return undefined;
  return async (question) => {
    const terminal = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await terminal.question(question);
    } finally {
      terminal.close();
    }
  };
}

/** The SQLite file `url` names when it does not exist (nothing is stored yet); undefined otherwise. */
function missingFile(url: string): string | undefined {
  const target = databaseTarget(url);
  if (target.kind !== 'sqlite' || target.path === ':memory:') return undefined;
  return existsSync(target.path) ? undefined : target.path;
}

function withDatabase<T>(input: VerbInput, programme: Programme, work: (db: Database) => Promise<T>) {
  const missing = missingFile(input.env.databaseUrl);
  if (missing !== undefined) {
    input.output.err(messages(programme.locale).data.noDatabase(missing));
    return Promise.resolve(undefined);
  }
  return (async () => {
    const database = await connectDatabase(input.env.databaseUrl);
    try {
      await database.migrate();
      return await work(database);
    } finally {
      await database.close();
    }
  })();
}

/**
 * The programme files name the programmes (their keys in the database) and the locale; `--person` names whom. With
 * several programmes, the person is looked for in each (under the id their entry has there, matched across files
 * like every membership), and the verb acts wherever they are.
 */
function personRequest(
  input: VerbInput,
  verb: string,
): { programme: Programme; person: string; targets: { programme: Programme; id: string }[] } | undefined {
  const programmes = selectedProgrammes(input);
  const programme = programmes[0] as Programme;
  const person = input.options.person?.trim();
  if (!person) {
    input.output.err(messages(programme.locale).data.personRequired(verb));
    return undefined;
  }
  const entry = programmes.flatMap((p) => p.people).find((p) => p.id === person);
  const targets = programmes.map((p) => ({
    programme: p,
    id: (entry && p.people.find((other) => samePerson(other, entry))?.id) ?? person,
  }));
  return { programme, person, targets };
}

function rowsOf(data: PersonData): number {
  return PERSON_TABLES.reduce((n, table) => n + data[table].length, 0);
}

const exportVerb: Verb = async (input) => {
  const request = personRequest(input, 'export');
  if (!request) return 1;
  const { programme, person, targets } = request;
  const t = messages(programme.locale).data;
  const found = await withDatabase(input, programme, async (db) => {
    const all: { programme: Programme; id: string; data: PersonData }[] = [];
    for (const target of targets) {
      const data = (await db.findPersonData(target.programme.key, target.id)) ?? emptyData();
      all.push({ ...target, data });
    }
    return all;
  });
  if (found === undefined) return 1;
  const stored = found.filter((f) => !isEmpty(f.data));
  const rows = found.reduce((n, f) => n + rowsOf(f.data), 0);
  if (stored.length === 0) input.output.err(t.nothingStored(person));
  // Several programmes: one export per programme the person is in, each saying which.
  const exports =
    targets.length === 1
      ? personExport(programme, person, (found[0] as { data: PersonData }).data, new Date())
      : // Each export names its programme (`programme.key`).
        (stored.length > 0 ? stored : found.slice(0, 1)).map((f) =>
          personExport(f.programme, f.id, f.data, new Date()),
        );
  if (targets.length > 1 && stored.length > 0) {
    input.output.err(
      t.foundIn(
        person,
        stored.map((f) => f.programme.key),
      ),
    );
  }
  const text = JSON.stringify(exports, null, 2);
  if (input.options.output) {
    // Personal data: readable by its owner only.
    writeFileSync(input.options.output, `${text}\n`, { mode: 0o600 });
    input.output.out(t.exported(person, input.options.output, rows));
  } else {
    input.output.out(text);
  }
  return 0;
};

const eraseVerb: Verb = async (input) => {
  const request = personRequest(input, 'erase');
  if (!request) return 1;
  const { programme, person, targets } = request;
  const t = messages(programme.locale).data;
  const logger = createLogger(input.env.logLevel);
  const outcome = await withDatabase(input, programme, async (db) => {
    const found: { programme: Programme; id: string; data: PersonData }[] = [];
    for (const target of targets) {
      const data = await db.findPersonData(target.programme.key, target.id);
      if (data && !isEmpty(data)) found.push({ ...target, data });
    }
    if (found.length === 0) {
      input.output.out(t.nothingStored(person));
      // Run again after a WAL that could not be emptied (below): this empties it.
      await clearWal(input, db, person, programme.locale);
      return 0;
    }
    const rows = found.reduce((n, f) => n + rowsOf(f.data), 0);
    const texts = found.reduce((n, f) => n + erasedTexts(f.data, f.id), 0);
    if (targets.length > 1)
      input.output.out(
        t.foundIn(
          person,
          found.map((f) => f.programme.key),
        ),
      );
    if (!input.options.yes) {
      if (!input.output.ask) {
        input.output.err(t.needsConfirmation(person));
        return 1;
      }
      input.output.out(t.summary(person, rows, texts));
      const answer = await input.output.ask(t.confirm(person));
      if (answer.trim() !== person) {
        input.output.out(t.cancelled);
        return 1;
      }
    }
    for (const f of found) {
      const erasure = await db.erasePerson(f.programme.key, f.id, new Date());
      if (!erasure) continue;
      // The fact and its extent, never the person's id or what was erased: logs outlive the erasure.
      logger.info(
        {
          programme: f.programme.key,
          anonymousId: erasure.anonymousId,
          rows: erasure.rows,
          texts: erasure.texts,
        },
        'privacy: person erased',
      );
      if (targets.length > 1) input.output.out(programmeHeading(f.programme));
      input.output.out(t.erased(f.id, erasure.anonymousId, rowsOf(f.data), erasure.texts));
    }
    await clearWal(input, db, person, programme.locale);
    return 0;
  });
  if (outcome === undefined) return 1;
  for (const target of targets) {
    if (target.programme.people.some((p) => p.id === target.id)) {
      input.output.err(t.stillInProgramme(target.id, input.env.programmeFile));
    }
  }
  return outcome;
};

const backupVerb: Verb = async (input) => {
  // The programme file only chooses the language here: a backup must not depend on it being valid.
  const load = loadProgrammeFile(input.env.programmeFile);
  const locale = load.ok ? load.programme.locale : load.locale;
  input.setLocale(locale);
  const t = messages(locale).data;
  const file = input.positionals[0];
  if (!file) {
    input.output.err(t.fileRequired);
    return 1;
  }
  const target = databaseTarget(input.env.databaseUrl);
  if (target.kind === 'postgres') {
    // pg_dump takes a consistent copy of a live server, in a format pg_restore reads: nothing to reimplement here.
    input.output.err(t.backupWithPgDump(pgDumpCommand(target.where, file)));
    return 1;
  }
  const missing = missingFile(input.env.databaseUrl);
  if (missing !== undefined) {
    input.output.err(t.noDatabase(missing));
    return 1;
  }
  const database = await connectDatabase(input.env.databaseUrl);
  try {
    const result = await database.backup(file);
    input.output.out(t.backupDone(result.file, result.pages));
    return 0;
  } catch (error) {
    if (error instanceof BackupOntoDatabaseError) {
      input.output.err(t.backupOntoDatabase(error.file));
      return 1;
    }
    // The copy's file or folder refused it (full, read-only): said about the copy, not the database.
    const refused = storageError(error, file);
    if (!refused) throw error;
    input.output.err(t.backupNotWritten(file, String(refused.params.cause)));
    return 1;
  } finally {
    await database.close();
  }
};

/** The command that backs a PostgreSQL database up into `file`; `where` holds no password. */
export function pgDumpCommand(where: string, file: string): string {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  return `pg_dump --format=custom --file=${quote(file)} ${quote(where)}`;
}

/**
 * Empties the WAL, which still holds the pages as they were before the erasure. Deleted rows themselves are zeroed in
 * the file (`secure_delete`). Another process reading the database at that moment keeps the WAL from being emptied.
 */
async function clearWal(input: VerbInput, db: Database, person: string, locale: Locale): Promise<void> {
  if (await db.clearErased()) return;
  input.output.err(messages(locale).data.walNotCleared(db.where, person));
}

function emptyData(): PersonData {
  return Object.fromEntries(PERSON_TABLES.map((table) => [table, []])) as unknown as PersonData;
}

export const dataVerbs: Record<string, Verb> = { export: exportVerb, erase: eraseVerb, backup: backupVerb };
