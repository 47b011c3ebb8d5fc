// `PROGRAMME_FILE` names one programme file, or a directory where each `*.yml`/`*.yaml` is one programme (one
// deployment serving several territories). Every file is read and checked, and every problem of every file is given,
// per file: one bad file among good ones stops the start, and says which.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale, Programme } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { loadProgrammeFile, type Problem } from './programme-file.ts';

/** One programme and the file it came from. */
export interface ProgrammeSource {
  file: string;
  programme: Programme;
}

/** What is wrong with one file, in that file's language. */
export interface FileProblems {
  file: string;
  problems: Problem[];
  locale: Locale;
}

export type ProgrammeSetLoad =
  | { ok: true; programmes: ProgrammeSource[] }
  | { ok: false; files: FileProblems[] };

/** Whether `path` is a directory of programme files (rather than one file). */
export function isProgrammeDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The programme files of a directory, in name order (so that the order of programmes never changes by itself). */
export function programmeFiles(directory: string): string[] {
  return (
    readdirSync(directory)
      .filter((name) => /\.ya?ml$/i.test(name) && !name.startsWith('.'))
      .map((name) => join(directory, name))
      // A link to a file elsewhere counts (the bundled example links to examples/programme.yml).
      .filter((file) => isFile(file))
      .sort()
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function loadProgrammeSet(path: string): ProgrammeSetLoad {
  const files = isProgrammeDirectory(path) ? programmeFiles(path) : [path];
  if (files.length === 0) {
    const message = messages('fr').config.noProgrammeFile(path);
    return { ok: false, files: [{ file: path, problems: [{ path: '', message }], locale: 'fr' }] };
  }
  const loaded: ProgrammeSource[] = [];
  const failed: FileProblems[] = [];
  const byKey = new Map<string, string>();
  for (const file of files) {
    const load = loadProgrammeFile(file);
    if (!load.ok) {
      failed.push({ file, problems: load.problems, locale: load.locale });
      continue;
    }
    const first = byKey.get(load.programme.key);
    if (first !== undefined) {
      // Two files with one key would share their rows in the database: answers of one cohort in the other's report.
      const t = messages(load.programme.locale).config;
      const at = load.programme.keyFromName ? 'programme.name' : 'programme.id';
      failed.push({
        file,
        problems: [{ path: at, message: t.duplicateProgramme(load.programme.key, first) }],
        locale: load.programme.locale,
      });
      continue;
    }
    byKey.set(load.programme.key, file);
    loaded.push({ file, programme: load.programme });
  }
  return failed.length > 0 ? { ok: false, files: failed } : { ok: true, programmes: loaded };
}
