// `export`, `erase` and `backup`: a data-protection request answered in minutes, and a copy of the database taken
// while the bot runs. They work on the database directly and never sync the programme file into it, so that an erased
// person is not written back by the very command that erased them.
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { databaseTarget } from '../config/database-url.ts';
import { loadProgrammeFile } from '../config/programme-file.ts';
import type { Locale, Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { createLogger } from '../logger.ts';
import { loadProgramme } from '../runtime.ts';
import { BackupOntoDatabaseError } from '../storage/backup.ts';
import { erasedTexts, isEmpty, PERSON_TABLES, type PersonData } from '../storage/privacy.ts';
import { connectDatabase, type Database } from '../storage/storage.ts';
import { storageError } from '../storage/storage-errors.ts';
import { personExport } from './person-export.ts';
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

/** The programme file names the programme (its key in the database) and the locale; `--person` names whom. */
function personRequest(input: VerbInput, verb: string): { programme: Programme; person: string } | undefined {
  const programme = loadProgramme(input.env.programmeFile);
  input.setLocale(programme.locale);
  const person = input.options.person?.trim();
  if (!person) {
    input.output.err(messages(programme.locale).data.personRequired(verb));
    return undefined;
  }
  return { programme, person };
}

function rowsOf(data: PersonData): number {
  return PERSON_TABLES.reduce((n, table) => n + data[table].length, 0);
}

const exportVerb: Verb = async (input) => {
  const request = personRequest(input, 'export');
  if (!request) return 1;
  const { programme, person } = request;
  const t = messages(programme.locale).data;
  const data = await withDatabase(input, programme, (db) => db.findPersonData(programme.key, person));
  if (data === undefined) return 1;
  const found: PersonData = data ?? emptyData();
  if (isEmpty(found)) input.output.err(t.nothingStored(person));
  const text = JSON.stringify(personExport(programme, person, found, new Date()), null, 2);
  if (input.options.output) {
    // Personal data: readable by its owner only.
    writeFileSync(input.options.output, `${text}\n`, { mode: 0o600 });
    input.output.out(t.exported(person, input.options.output, rowsOf(found)));
  } else {
    input.output.out(text);
  }
  return 0;
};

const eraseVerb: Verb = async (input) => {
  const request = personRequest(input, 'erase');
  if (!request) return 1;
  const { programme, person } = request;
  const t = messages(programme.locale).data;
  const logger = createLogger(input.env.logLevel);
  const outcome = await withDatabase(input, programme, async (db) => {
    const data = await db.findPersonData(programme.key, person);
    if (!data || isEmpty(data)) {
      input.output.out(t.nothingStored(person));
      // Run again after a WAL that could not be emptied (below): this empties it.
      await clearWal(input, db, person, programme.locale);
      return 0;
    }
    const rows = rowsOf(data);
    const texts = erasedTexts(data, person);
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
    const erasure = await db.erasePerson(programme.key, person, new Date());
    if (!erasure) {
      input.output.out(t.nothingStored(person));
      return 0;
    }
    await clearWal(input, db, person, programme.locale);
    // The fact and its extent, never the person's id or what was erased: logs outlive the erasure.
    logger.info(
      {
        programme: programme.key,
        anonymousId: erasure.anonymousId,
        rows: erasure.rows,
        texts: erasure.texts,
      },
      'privacy: person erased',
    );
    input.output.out(t.erased(person, erasure.anonymousId, rows, erasure.texts));
    return 0;
  });
  if (outcome === undefined) return 1;
  if (programme.people.some((p) => p.id === person)) {
    input.output.err(t.stillInProgramme(person, input.env.programmeFile));
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
