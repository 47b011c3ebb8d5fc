import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  formatProblem,
  loadProgrammeFile,
  type ProgrammeLoad,
  parseProgramme,
  validateProgramme,
} from '../../src/config/programme-file.ts';
import { programmeJsonSchemaText } from '../../src/config/programme-schema.ts';
import type { Programme } from '../../src/core/programme.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const fixture = (name: string) => root(`test/fixtures/programme/${name}`);
const minimal = readFileSync(fixture('valid-minimal.yml'), 'utf8');

function programmeOf(load: ProgrammeLoad): Programme {
  if (!load.ok)
    throw new Error(`expected a valid programme, got:\n${load.problems.map(formatProblem).join('\n')}`);
  return load.programme;
}

/** What `coaching-bot check` would print, one line per problem. */
function printed(load: ProgrammeLoad): string[] {
  if (load.ok) throw new Error('expected problems, the programme is valid');
  return load.problems.map(formatProblem);
}

/** The minimal valid file with one line changed. */
function minimalWith(from: string, to: string): ProgrammeLoad {
  expect(minimal).toContain(from);
  return parseProgramme(minimal.replace(from, to));
}

describe('a valid programme file', () => {
  it('gets every default of BRIEF §7', () => {
    const programme = programmeOf(loadProgrammeFile(fixture('valid-minimal.yml')));
    expect(programme).toMatchObject({
      key: 'programme-d-essai',
      timezone: 'Europe/Paris',
      locale: 'fr',
      daysPerWeek: 1,
      holidays: 'metropole',
      schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
      checkins: { from: '2026-10-16', to: '2027-03-15' },
      breaks: [],
    });
    expect(programme.projects).toEqual([
      {
        id: 'covoiturage',
        name: 'Covoiturage des agents',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'alice', manager: 'marc' }],
      },
    ]);
  });

  it('bundles the Hauts-de-France cohort as the example', () => {
    const programme = programmeOf(loadProgrammeFile(root('examples/programme.yml')));
    expect(programme.key).toBe('startups-de-territoire-hauts-de-france');
    expect(programme.organisation).toBe('Région Hauts-de-France');
    expect(programme.phases.map((p) => p.id)).toEqual([
      'call',
      'selection',
      'pre_incubation',
      'poc_committee',
      'incubation_selection',
    ]);
    expect(programme.projects).toHaveLength(6);
    expect(programme.projects.every((p) => p.problem && p.intrapreneurs.length === 1)).toBe(true);
    expect(new Set(programme.projects.map((p) => p.intrapreneurs[0]?.person)).size).toBe(6);
    expect(new Set(programme.projects.map((p) => p.coach)).size).toBe(3);
    expect(programme.owners).toHaveLength(2);
    expect(programme.breaks).toEqual([
      { from: '2026-12-21', to: '2027-01-01', reason: "Fermeture de fin d'année" },
    ]);
    expect(programme.checkins).toEqual({ from: '2026-10-16', to: '2027-03-15' });
  });

  it('allows any phases when the check-in period is given', () => {
    const programme = programmeOf(loadProgrammeFile(fixture('checkins-override.yml')));
    expect(programme.phases.map((p) => p.id)).toEqual(['kickoff', 'sprint']);
    expect(programme.checkins).toEqual({ from: '2026-11-02', to: '2027-01-29' });
    expect(programme.daysPerWeek).toBe(0.5);
    expect(programme.locale).toBe('en');
  });

  it('accepts dates read as Date objects by another YAML reader', () => {
    const raw = parseYaml(minimal, { schema: 'yaml-1.1' });
    expect(raw.phases[0].start).toBeInstanceOf(Date);
    expect(programmeOf(validateProgramme(raw)).phases[0]).toMatchObject({
      start: '2026-10-16',
      end: '2027-02-26',
    });
  });
});

describe('the problems of a programme file', () => {
  it('lists every problem at once, shape and references alike', () => {
    expect(printed(loadProgrammeFile(fixture('five-mistakes.yml')))).toEqual([
      'programme.timezone: fuseau horaire inconnu "Europe/Pariss" (ex. "Europe/Paris")',
      'programme: clé inconnue "sheduel" (coquille ?) — vouliez-vous dire "schedule" ?',
      'phases[0].end: date impossible "2027-02-30"',
      'projects[0].coach: personne inconnue "bobb"',
      'projects[0].intrapreneurs[0].manager: clé obligatoire manquante',
    ]);
  });

  it('gives the line and column of a YAML syntax error', () => {
    const load = loadProgrammeFile(fixture('invalid-yaml.txt'));
    expect(load).toMatchObject({ ok: false, locale: 'fr' });
    expect(printed(load)).toEqual([
      `YAML invalide (${fixture('invalid-yaml.txt')}, ligne 5, colonne 1) : liste entre crochets non fermée (« ] » manquant) ou ligne mal indentée`,
    ]);
    expect(printed(parseProgramme('a: 1\na: 2\n'))).toEqual([
      'YAML invalide (ligne 2, colonne 1) : clé en double',
    ]);
  });

  it('refuses unknown keys, suggesting the key meant', () => {
    expect(printed(loadProgrammeFile(fixture('unknown-key.yml')))).toEqual([
      'programme: clé inconnue "sheduel" (coquille ?) — vouliez-vous dire "schedule" ?',
      'people[0]: clé inconnue "telephone" (coquille ?)',
      'clé inconnue "budget" (coquille ?)',
    ]);
  });

  it('checks that every reference names a known person and that ids are unique', () => {
    expect(printed(loadProgrammeFile(fixture('bad-refs.yml')))).toEqual([
      'owners[1]: personne inconnue "zoe"',
      'people[3].id: identifiant "bob" déjà utilisé par people[2]',
      'projects[0].coach: personne inconnue "bobb"',
      'projects[0].intrapreneurs[0].person: personne inconnue "alicia"',
      'projects[0].intrapreneurs[0].manager: personne inconnue "marc"',
      'projects[1].id: identifiant "covoiturage" déjà utilisé par projects[0]',
    ]);
  });

  it('does not report references to a person whose own entry has a mistake', () => {
    expect(printed(minimalWith('{ id: marc,', '{ idd: marc,'))).toEqual([
      'people[3].id: clé obligatoire manquante',
      'people[3]: clé inconnue "idd" (coquille ?) — vouliez-vous dire "id" ?',
    ]);
  });

  it('allows an intrapreneur in one project only', () => {
    expect(printed(loadProgrammeFile(fixture('intrapreneur-twice.yml')))).toEqual([
      'projects[1].intrapreneurs[0].person: "alice" est déjà intrapreneur du projet "covoiturage" (un seul projet par personne)',
      'projects[1].intrapreneurs[2].person: "claire" figure deux fois parmi les intrapreneurs de ce projet',
    ]);
  });

  it('wants phases in date order, without overlap', () => {
    expect(printed(loadProgrammeFile(fixture('overlapping-phases.yml')))).toEqual([
      'phases[1].start: les phases "selection" et "call" se chevauchent',
      'phases[3].end: la phase finit (2027-03-10) avant de commencer (2027-03-16)',
      'phases[4].start: la phase "poc_committee" commence avant la phase "incubation_selection" : les phases doivent être dans l’ordre des dates',
    ]);
  });

  it('needs the phases that give the check-in period when none is given', () => {
    const missing = (id: string) =>
      `phases: phase "${id}" manquante : elle fixe la période des check-ins (ou indiquer programme.checkins: { from, to })`;
    expect(printed(loadProgrammeFile(fixture('missing-checkin-phases.yml')))).toEqual([
      missing('pre_incubation'),
      missing('poc_committee'),
    ]);
  });

  it('refuses impossible and badly written dates', () => {
    expect(printed(loadProgrammeFile(fixture('impossible-date.yml')))).toEqual([
      'programme.breaks[0].to: date "2027-1-1" mal écrite : format AAAA-MM-JJ attendu, ex. "2026-09-01"',
      'phases[0].end: date impossible "2027-02-30"',
      'projects[0].decided_on: date impossible "2027-04-31"',
    ]);
  });

  it('refuses an unknown time zone', () => {
    expect(printed(loadProgrammeFile(fixture('bad-timezone.yml')))).toEqual([
      'programme.timezone: fuseau horaire inconnu "Europe/Pariss" (ex. "Europe/Paris")',
    ]);
    // The editors' list and `check` agree: a zone is written in IANA's case, which is suggested.
    expect(
      printed(
        minimalWith('organisation: Région Test', 'organisation: Région Test\n  timezone: europe/paris'),
      ),
    ).toEqual([
      'programme.timezone: fuseau horaire inconnu "europe/paris" — vouliez-vous dire "Europe/Paris" ?',
    ]);
  });

  it('says whether a cron expression is invalid or of a shape the scheduler does not support', () => {
    expect(printed(loadProgrammeFile(fixture('bad-cron.yml')))).toEqual([
      'programme.schedule.prompt: expression cron "0 14 1 * FRI" non prise en charge : il faut une minute et une heure fixes, « * » pour le jour du mois et le mois, puis les jours de la semaine, ex. "0 14 * * FRI"',
      'programme.schedule.reminder: expression cron invalide "61 9 * * MON" : minute "61" impossible',
      'programme.schedule.evaluate: expression cron invalide "0 9 * *" : 5 champs attendus, « minute heure * * jours »',
    ]);
  });

  it('checks values one by one', () => {
    const organisation = '  organisation: Région Test';
    expect(printed(minimalWith(organisation, `${organisation}\n  days_per_week: 1.25`))).toEqual([
      'programme.days_per_week: 1,25 jour par semaine impossible : entre 0,5 et 5, par demi-journée',
    ]);
    expect(printed(minimalWith(organisation, `${organisation}\n  days_per_week: "1"`))).toEqual([
      'programme.days_per_week: il faut un nombre, pas du texte ("1")',
    ]);
    expect(printed(minimalWith(organisation, `${organisation}\n  holidays: alsace`))).toEqual([
      'programme.holidays: valeur "alsace" non reconnue, choisir parmi : metropole, alsace-moselle, guadeloupe, martinique, guyane, reunion, mayotte',
    ]);
    expect(printed(minimalWith('email: alice@example.org', 'email: alice@example, slack: u0alice'))).toEqual([
      'people[1].email: adresse e-mail invalide "alice@example"',
      'people[1].slack: identifiant Slack invalide "u0alice" : un identifiant d’utilisateur commence par U ou W, ex. "U0123ABCD"',
    ]);
    expect(printed(minimalWith('owners: [claire]', 'owners: claire'))).toEqual([
      'owners: il faut une liste, pas du texte ("claire")',
    ]);
    expect(printed(minimalWith('owners: [claire]', 'owners: []'))).toEqual([
      'owners: la liste ne doit pas être vide',
    ]);
  });

  it('still checks references when a whole section is wrong', () => {
    const text = minimal
      .replace("programme:\n  name: Programme d'essai\n  organisation: Région Test\n", 'programme: 3\n')
      .replace('coach: bob', 'coach: bobb');
    expect(printed(parseProgramme(text))).toEqual([
      'programme: il faut un bloc de clés, pas un nombre (3)',
      'projects[0].coach: personne inconnue "bobb"',
    ]);
  });

  it('speaks the language of the file', () => {
    const load = minimalWith(
      '  organisation: Région Test',
      '  organisation: Région Test\n  locale: en\n  timezone: Mars/Base',
    );
    expect(load).toMatchObject({ ok: false, locale: 'en' });
    expect(printed(load)).toEqual([
      'programme.timezone: unknown time zone "Mars/Base" (e.g. "Europe/Paris")',
    ]);
  });

  it('explains an empty, missing or shapeless file', () => {
    expect(printed(parseProgramme('# rien\n'))).toEqual([
      'le fichier est vide : il doit décrire programme, owners, people, phases et projects',
    ]);
    expect(printed(parseProgramme('- a\n- b\n'))).toEqual([
      'le fichier doit être un bloc de clés : programme, owners, people, phases et projects',
    ]);
    expect(printed(loadProgrammeFile('/nonexistent/programme.yml'))).toEqual([
      'fichier de programme introuvable : /nonexistent/programme.yml',
    ]);
  });
});

describe('owners and the alerts (programme.alerts_as_they_happen)', () => {
  it('defaults to the digest only: no owner gets each alert', () => {
    expect(programmeOf(loadProgrammeFile(fixture('valid-minimal.yml'))).alertsAsTheyHappen).toEqual([]);
  });

  it('lets an owner ask for each alert as it happens', () => {
    const load = minimalWith(
      '  organisation: Région Test\n',
      '  organisation: Région Test\n  alerts_as_they_happen: [claire]\n',
    );
    expect(programmeOf(load).alertsAsTheyHappen).toEqual(['claire']);
  });

  it('refuses someone who is not an owner, and someone unknown, saying why', () => {
    const load = minimalWith(
      '  organisation: Région Test\n',
      '  organisation: Région Test\n  alerts_as_they_happen: [marc, zoe]\n',
    );
    expect(printed(load)).toEqual([
      'programme.alerts_as_they_happen[0]: "marc" n’est pas parmi les responsables (owners) : seuls eux peuvent recevoir chaque alerte en plus de la synthèse',
      'programme.alerts_as_they_happen[1]: personne inconnue "zoe"',
    ]);
  });

  it('is in the JSON Schema, with its meaning', () => {
    const schema = JSON.parse(readFileSync(root('programme.schema.json'), 'utf8')) as JsonSchema;
    const key = schema.properties?.programme?.properties?.alerts_as_they_happen;
    expect(key?.type).toBe('array');
    expect(key?.description).toContain('chaque alerte');
  });
});

describe('programme.schema.json', () => {
  const committed = readFileSync(root('programme.schema.json'), 'utf8');
  const schema = JSON.parse(committed) as JsonSchema;

  it('is what `npm run schema:generate` writes now', () => {
    expect(committed).toBe(programmeJsonSchemaText());
  });

  it('describes the file and refuses unknown keys', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'programme',
      'owners',
      'people',
      'phases',
      'projects',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.programme?.additionalProperties).toBe(false);
    expect(schema.properties?.programme?.properties?.name?.description).toMatch(/programme/);
  });

  it('accepts the bundled example, which points editors to it', () => {
    const text = readFileSync(root('examples/programme.yml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../programme.schema.json');
    expect(departures(schema, parseYaml(text, { schema: 'core' }))).toEqual([]);
  });
});

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  pattern?: string;
  description?: string;
}

/** Where `value` departs from `schema`: enough of JSON Schema to check the example against ours. */
function departures(schema: JsonSchema, value: unknown, path = '$'): string[] {
  const out: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (schema.pattern && typeof value === 'string' && !new RegExp(schema.pattern).test(value)) {
    out.push(`${path}: does not match ${schema.pattern}`);
  }
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [...out, `${path}: not an object`];
    for (const [key, v] of Object.entries(value)) {
      const sub = schema.properties?.[key];
      if (sub) out.push(...departures(sub, v, `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}: unknown key ${key}`);
    }
    for (const key of schema.required ?? []) if (!(key in value)) out.push(`${path}: missing ${key}`);
  } else if (schema.type === 'array') {
    if (!Array.isArray(value)) return [...out, `${path}: not an array`];
    value.forEach((v, i) => {
      if (schema.items) out.push(...departures(schema.items, v, `${path}[${i}]`));
    });
  } else if (schema.type && schema.type !== typeof value) {
    out.push(`${path}: not a ${schema.type}`);
  }
  return out;
}
