// programme.schema.json (what editors check while typing) and `coaching-bot check` must give the same verdict on any
// file: an editor that flags a file `check` accepts, or passes one it refuses, misleads. Files are generated from a
// seeded random source (the same files on every run): valid ones, then each with one mutation.
//
// What JSON Schema cannot express is left to `check` alone (src/config/programme-checks.ts): references between
// entries (an owner, coach, manager or intrapreneur that must be in `people`), unique ids, one project per
// intrapreneur, phases in date order without overlap, a period's end after its start, and the phases that give the
// check-in period. Files that break one of those are compared with the zod schema only.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { crossChecks } from '../../src/config/programme-checks.ts';
import { validateProgramme } from '../../src/config/programme-file.ts';
import { programmeFileSchema } from '../../src/config/programme-schema.ts';
import { TIME_ZONES } from '../../src/config/time-zones.ts';
import { isTimeZone } from '../../src/core/calendar.ts';
import { messages } from '../../src/i18n/index.ts';

const schemaFile = fileURLToPath(new URL('../../programme.schema.json', import.meta.url));
const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const editorAccepts = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, from: number, to: number) => from + Math.floor(rng() * (to - from + 1));
const chance = (rng: Rng, p: number) => rng() < p;

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN', 'mon', 'Fri', 'sUn', '0', '1', '5', '7'];

function validCron(rng: Rng): string {
  const day = () => pick(rng, DAYS);
  const item = () => (chance(rng, 0.3) ? `${day()}-${day()}` : day());
  const days = chance(rng, 0.2) ? '*' : Array.from({ length: int(rng, 1, 3) }, item).join(',');
  const pad = (n: number) => (chance(rng, 0.2) ? String(n).padStart(2, '0') : String(n));
  return `${pad(int(rng, 0, 59))} ${pad(int(rng, 0, 23))} * * ${days}`;
}

/** Strings that look like cron expressions, most of them a little wrong. */
function cronLike(rng: Rng): string {
  const pieces = [
    '0',
    '5',
    '00',
    '59',
    '60',
    '9',
    '14',
    '23',
    '24',
    '014',
    '*',
    '*/2',
    '1-5',
    '5-1',
    'MON',
    'fri',
    'friday',
    'MON-FRI',
    'MON,WED',
    '7',
    '8',
    '01',
    '1,',
    ',1',
    '-1',
    '*,1',
    '1-2-3',
    '?',
    'L',
    'JAN',
  ];
  const count = pick(rng, [4, 5, 5, 5, 5, 6]);
  const fields = Array.from({ length: count }, () => pick(rng, pieces));
  if (chance(rng, 0.6)) {
    fields[2] = '*';
    fields[3] = '*';
  }
  const gap = () => pick(rng, [' ', ' ', ' ', '  ', '\t']);
  const edge = () => pick(rng, ['', '', '', ' ', '\t', '\n']);
  return `${edge()}${fields.join(gap())}${edge()}`;
}

function dateLike(rng: Rng): string {
  const year = pick(rng, ['2026', '2027', '2028', '2100', '2000', '1900', '0000', '0004', '26', '20261']);
  const month = pick(rng, ['01', '02', '04', '09', '11', '12', '13', '00', '1', '2']);
  const day = pick(rng, ['01', '09', '28', '29', '30', '31', '32', '00', '1']);
  const separator = pick(rng, ['-', '-', '-', '/', '.']);
  return `${year}${separator}${month}${separator}${day}${pick(rng, ['', '', '', 'T00:00:00Z', ' '])}`;
}

function emailLike(rng: Rng): string {
  const local = pick(rng, ['alice', 'a.b', 'a..b', '.a', 'a.', "o'neil", 'a+b', 'é', 'a b', '', 'A_1', 'a-']);
  const domain = pick(rng, [
    'example.org',
    'x.fr',
    'example',
    'x-.fr',
    '-x.fr',
    'x.f',
    'x.123',
    'sub.x.gouv.fr',
    'é.fr',
  ]);
  return pick(rng, [`${local}@${domain}`, `${local}@${domain}`, `${local}${domain}`, `${local}@@${domain}`]);
}

function validPerson(rng: Rng, id: string): Record<string, unknown> {
  const person: Record<string, unknown> = {
    id,
    name: pick(rng, ['Alice Martin', 'Élodie Fournier', 'Ōe', 'Jean-Marc Dupont']),
    email: `${id}@${pick(rng, ['example.org', 'region.fr', 'sub.gouv.fr'])}`,
  };
  if (chance(rng, 0.3)) person.slack = pick(rng, ['U0ABC', 'W12345', 'U0CLAIRE']);
  if (chance(rng, 0.3)) person.mattermost = pick(rng, ['alice', 'a.m']);
  return person;
}

/** A file `check` accepts: every reference known, phases in order. */
function validFile(rng: Rng): Record<string, unknown> {
  const ids = Array.from({ length: int(rng, 4, 7) }, (_, i) => `${pick(rng, ['p', 'P', 'agent', 'x'])}${i}`);
  const programme: Record<string, unknown> = {
    name: pick(rng, ['Programme d’essai', 'Startups de Territoire — Hauts-de-France', 'X']),
    organisation: pick(rng, ['Région Test', 'DINUM']),
  };
  if (chance(rng, 0.5)) programme.timezone = pick(rng, TIME_ZONES);
  if (chance(rng, 0.3)) programme.locale = pick(rng, ['fr', 'en']);
  if (chance(rng, 0.3)) programme.days_per_week = pick(rng, [0.5, 1, 1.5, 2, 5]);
  if (chance(rng, 0.5)) {
    const schedule: Record<string, string> = {};
    for (const job of ['prompt', 'reminder', 'evaluate'])
      if (chance(rng, 0.7)) schedule[job] = validCron(rng);
    programme.schedule = schedule;
  }
  if (chance(rng, 0.3)) programme.holidays = pick(rng, ['metropole', 'alsace-moselle']);
  const withPeriod = chance(rng, 0.3);
  if (withPeriod) programme.checkins = { from: '2026-10-01', to: '2027-03-31' };
  if (chance(rng, 0.3)) programme.breaks = [{ from: '2026-12-21', to: '2027-01-01', reason: 'Fermeture' }];
  if (chance(rng, 0.2)) programme.digest_channel = 'C0DIGEST';
  if (chance(rng, 0.3)) programme.retention_months = int(rng, 0, 120);
  const phases = withPeriod
    ? [{ id: 'lancement', name: 'Lancement', start: '2026-09-01', end: '2026-09-30' }]
    : [
        { id: 'pre_incubation', name: 'Pré-incubation', start: '2026-10-16', end: '2027-02-26' },
        { id: 'poc_committee', name: 'Comité', start: '2027-03-01', end: '2027-03-15' },
      ];
  const [owner, coach, ...others] = ids as [string, string, ...string[]];
  const projects = others.slice(0, int(rng, 1, others.length - 1)).map((person, i) => {
    const project: Record<string, unknown> = {
      id: `projet-${i}`,
      name: `Projet ${i}`,
      coach,
      intrapreneurs: [{ person, manager: owner }],
    };
    if (chance(rng, 0.3)) project.status = pick(rng, ['pre_incubation', 'selected', 'abandoned']);
    if (chance(rng, 0.2)) project.decided_on = '2027-03-20';
    if (chance(rng, 0.2)) project.problem = 'Un problème en une phrase.';
    return project;
  });
  return { programme, owners: [owner], people: ids.map((id) => validPerson(rng, id)), phases, projects };
}

const VALUES: readonly unknown[] = [
  '',
  ' ',
  'x',
  'Élodie',
  'fr',
  'en',
  'de',
  'metropole',
  'alsace',
  'selected',
  'unknown_status',
  'ok-1',
  '-bad',
  'a b',
  'Europe/Paris',
  'europe/paris',
  'Asia/Kolkata',
  'UTC',
  'Etc/GMT+5',
  'GMT',
  'Mars/Base',
  'U0ABC',
  'u0abc',
  'U0',
  0,
  0.5,
  1,
  1.25,
  1.5,
  2,
  5,
  5.5,
  6,
  -1,
  12,
  120,
  121,
  3.000001,
  1e21,
  true,
  false,
  null,
  [],
  {},
  ['x'],
  { x: 1 },
  [{}],
];

function mutationValue(rng: Rng): unknown {
  switch (int(rng, 0, 4)) {
    case 0:
      return cronLike(rng);
    case 1:
      return dateLike(rng);
    case 2:
      return emailLike(rng);
    default:
      return pick(rng, VALUES);
  }
}

type Json = Record<string, unknown> | unknown[];

/** Every object or array of a value, with the way to it. */
function containers(value: unknown, out: Json[] = []): Json[] {
  if (typeof value === 'object' && value !== null) {
    out.push(value as Json);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

/** One change: a value replaced, a key removed, an unknown key added, or a list emptied. */
function mutate(rng: Rng, file: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(file);
  const target = pick(rng, containers(copy));
  const keys = Object.keys(target);
  const key = keys.length > 0 ? pick(rng, keys) : undefined;
  const kind = int(rng, 0, 9);
  if (Array.isArray(target)) {
    if (kind === 0) target.length = 0;
    else if (key !== undefined) target[Number(key)] = mutationValue(rng);
  } else if (kind === 0 && key !== undefined) {
    delete target[key];
  } else if (kind === 1) {
    target[pick(rng, ['extra', 'Name', 'timezones', 'coachs'])] = 'x';
  } else if (key !== undefined) {
    target[key] = mutationValue(rng);
  }
  return copy;
}

interface Verdicts {
  editor: boolean;
  zod: boolean;
  /** `coaching-bot check`'s verdict, when no check beyond JSON Schema's reach is broken. */
  check?: boolean;
}

function verdicts(file: Record<string, unknown>): Verdicts {
  const editor = editorAccepts(file) as boolean;
  if (crossChecks(file, messages('fr').config).length > 0) {
    return { editor, zod: programmeFileSchema.safeParse(file).success };
  }
  // With every cross-check passed, `check` says what the zod schema says.
  const check = validateProgramme(file).ok;
  return { editor, zod: check, check };
}

/** The files on which the editor and `check` disagree (the first few, to read). */
function disagreements(files: Iterable<Record<string, unknown>>): { file: unknown; verdicts: Verdicts }[] {
  const found: { file: unknown; verdicts: Verdicts }[] = [];
  for (const file of files) {
    const v = verdicts(file);
    if (v.editor !== v.zod || (v.check !== undefined && v.check !== v.editor))
      found.push({ file, verdicts: v });
    if (found.length === 5) break;
  }
  return found;
}

function* generated(seed: number, count: number, make: (rng: Rng) => Record<string, unknown>) {
  const rng = random(seed);
  for (let i = 0; i < count; i++) yield make(rng);
}

describe('programme.schema.json and `coaching-bot check`', () => {
  it('accept the same valid files', () => {
    const files = [...generated(1, 200, validFile)];
    expect(files.map(verdicts).filter((v) => !(v.editor && v.zod && v.check))).toEqual([]);
  });

  it('give the same verdict on files with one mutation', () => {
    const files = [...generated(2, 1200, (rng) => mutate(rng, validFile(rng)))];
    // Both kinds of verdict occur, so the comparison means something.
    const accepted = files.filter((f) => programmeFileSchema.safeParse(f).success).length;
    expect(accepted).toBeGreaterThan(200);
    expect(files.length - accepted).toBeGreaterThan(200);
    expect(disagreements(files)).toEqual([]);
  });

  it('read cron expressions alike', () => {
    const withCron = (rng: Rng) => {
      const file = validFile(rng);
      const cron = chance(rng, 0.3) ? validCron(rng) : cronLike(rng);
      return { ...file, programme: { ...(file.programme as object), schedule: { prompt: cron } } };
    };
    expect(disagreements(generated(3, 1000, withCron))).toEqual([]);
  });

  it('read dates, e-mail addresses and time zones alike', () => {
    const withValues = (rng: Rng) => {
      const file = validFile(rng);
      const people = file.people as Record<string, unknown>[];
      (people[1] as Record<string, unknown>).email = emailLike(rng);
      const zone = pick(rng, [
        pick(rng, TIME_ZONES),
        pick(rng, TIME_ZONES).toLowerCase(),
        'Asia/Calcutta',
        'UTC',
        'Etc/UTC',
        'Etc/GMT-3',
        'US/Eastern',
        'GMT',
        '+01:00',
        'Europe/Paris ',
        'Mars/Base',
      ]);
      return {
        ...file,
        programme: { ...(file.programme as object), timezone: zone },
        projects: (file.projects as object[]).map((p) => ({ ...p, decided_on: dateLike(rng) })),
      };
    };
    expect(disagreements(generated(4, 800, withValues))).toEqual([]);
  });

  it('know every listed time zone, so that the list means the same to both', () => {
    expect(TIME_ZONES.filter((zone) => !isTimeZone(zone))).toEqual([]);
    expect(TIME_ZONES).toEqual(
      expect.arrayContaining(['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'UTC']),
    );
    expect(TIME_ZONES).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Asia/Calcutta']));
  });
});
