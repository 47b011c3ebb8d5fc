// The programme file (BRIEF §7) as a zod schema: its shape, over the values of programme-values.ts. Checks that relate several
// values (references between people and projects, phase order) live in programme-checks.ts so they can run even when
// the shape is wrong elsewhere. The same schema is exported as JSON Schema so editors help while typing.
//
// Error messages here are codes, not sentences: programme-issues.ts turns them into the reader's language.
import { z } from 'zod';
import { isRealDate } from '../core/calendar.ts';
import { DEFAULT_RETENTION_MONTHS, PERSON_CHANNELS, PROJECT_STATUSES } from '../core/programme.ts';
import {
  code,
  DEFAULT_SCHEDULE,
  date,
  daysPerWeek,
  euros,
  holidayZone,
  id,
  isKnownTimeZone,
  jobCron,
  PROGRAMME_ID_PATTERN,
  period,
  personRef,
  SLACK_USER_PATTERN,
  text,
} from './programme-values.ts';
import { TIME_ZONES } from './time-zones.ts';

export type { CheckCode } from './programme-values.ts';

export const MAX_INSTALMENTS = 12;
const DUE_PATTERN = /^(signature|(start|end)_of_.+|\d{4}-\d{2}-\d{2})$/;

const budget = z
  .object({
    ceiling: euros('Plafond de la convention, en euros, ex. 40000'),
    tax: z
      .enum(['HT', 'TTC'])
      .optional()
      .meta({ description: 'HT ou TTC, comme la convention le dit (à omettre si elle ne le dit pas)' }),
    signed_on: date('Date de signature de la convention').optional(),
    instalments: z
      .array(
        z
          .object({
            share: z
              .number()
              .positive({ ...code('share'), abort: true })
              .max(100, { ...code('share'), abort: true })
              .meta({ description: 'Part du plafond, en pourcentage, ex. 80' }),
            due: z
              .string()
              .regex(DUE_PATTERN, { ...code('due'), abort: true })
              .refine((v) => !/^\d/.test(v) || isRealDate(v), code('impossible_date'))
              .meta({
                description:
                  'Échéance : signature, start_of_<phase> ou end_of_<phase> (ex. end_of_pre_incubation), ou une date AAAA-MM-JJ',
              }),
          })
          .strict(),
      )
      .min(1, code('empty'))
      // Each instalment is a line of `/phase`: a dozen keeps it readable and within every platform's limits.
      .max(MAX_INSTALMENTS, code('instalments'))
      .meta({
        description: `Les versements, dans l’ordre (${MAX_INSTALMENTS} au plus) ; leurs parts font 100`,
      }),
  })
  .strict()
  .meta({ description: 'Le budget de la convention : plafond et échéancier des versements' });

const programmeSection = z
  .object({
    id: z.string().regex(PROGRAMME_ID_PATTERN, code('programme_id')).optional().meta({
      description:
        'Clé stable du programme dans la base (minuscules, chiffres et « - », ex. "hdf") ; par défaut tirée du nom, qu’on ne peut alors plus changer sans commencer un nouveau programme',
    }),
    name: text('Nom du programme, tel qu’affiché aux participants'),
    organisation: text('Collectivité ou administration qui porte le programme'),
    timezone: z
      .string()
      .refine(isKnownTimeZone, code('time_zone'))
      .default('Europe/Paris')
      .meta({
        description: 'Fuseau horaire IANA des dates et heures du programme',
        examples: ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion'],
        // The same list as the refine above, so that editors offer the zones and refuse the others.
        enum: [...TIME_ZONES],
      }),
    locale: z.enum(['fr', 'en']).default('fr').meta({ description: 'Langue du bot : fr ou en' }),
    days_per_week: daysPerWeek('Jours libérés attendus par semaine, de 0,5 à 5 par demi-journée').default(1),
    schedule: z
      .object({
        prompt: jobCron('Envoi du check-in hebdomadaire aux intrapreneurs').default(DEFAULT_SCHEDULE.prompt),
        reminder: jobCron('Relance de ceux qui n’ont pas répondu').default(DEFAULT_SCHEDULE.reminder),
        evaluate: jobCron('Évaluation de la semaine écoulée, alertes et synthèse').default(
          DEFAULT_SCHEDULE.evaluate,
        ),
      })
      .strict()
      .default(DEFAULT_SCHEDULE)
      .meta({ description: 'Horaires des tâches hebdomadaires, dans le fuseau du programme' }),
    holidays: holidayZone('Jours fériés du programme').default('metropole'),
    checkins: period('des check-ins').optional().meta({
      description:
        'Période des check-ins ; par défaut du début de la phase pre_incubation à la fin de la phase poc_committee',
    }),
    breaks: z
      .array(
        z
          .object({
            from: date('Premier jour de la pause'),
            to: date('Dernier jour de la pause'),
            reason: text('Motif, ex. "Fermeture de fin d’année"').optional(),
          })
          .strict(),
      )
      .default([])
      .meta({ description: 'Pauses pendant lesquelles personne n’est attendu (semaines exemptées)' }),
    digest_channel: text('Canal où publier la synthèse hebdomadaire, au lieu de messages directs').optional(),
    alerts_as_they_happen: z
      .array(personRef('Identifiant d’un responsable du programme (dans owners)'))
      .default([])
      .meta({
        description:
          'Responsables qui reçoivent aussi chaque alerte dès qu’elle est levée ; par défaut, les responsables ont toutes les alertes dans la synthèse hebdomadaire, et chaque alerte va au manager ou au coach concerné',
      }),
    retention_months: z
      .number()
      .min(0, { ...code('retention_months'), abort: true })
      .max(120, { ...code('retention_months'), abort: true })
      .multipleOf(1, code('retention_months'))
      .default(DEFAULT_RETENTION_MONTHS)
      .meta({
        description:
          'Durée de conservation des commentaires et des notes de coaching, en mois après la fin de la dernière phase (0 à 120) ; les chiffres sont gardés',
      }),
    budget: budget.optional(),
  })
  .strict()
  .meta({ description: 'Le programme : nom, fuseau, langue, rythme' });

const person = z
  .object({
    id: id('Identifiant court, utilisé ailleurs dans le fichier, ex. "alice"'),
    name: text('Prénom et nom'),
    // zod's own e-mail rule, as a plain pattern: the JSON Schema then carries exactly this rule, where its `email`
    // format would be each editor's own.
    email: z.string().regex(z.regexes.email, code('email')).meta({
      description:
        'Adresse e-mail : sert à retrouver la personne sur Slack ou Mattermost, et à lui écrire quand l’e-mail est configuré',
    }),
    slack: z
      .string()
      .regex(SLACK_USER_PATTERN, code('slack_id'))
      .optional()
      .meta({ description: 'Identifiant d’utilisateur Slack (U… ou W…), sinon recherché par e-mail' }),
    mattermost: text('Nom d’utilisateur Mattermost, sinon recherché par e-mail').optional(),
    holidays: holidayZone(
      'Jours fériés de la personne, quand ce ne sont pas ceux du programme (check-in et relance suivent son calendrier)',
    ).optional(),
    timezone: z
      .string()
      .refine(isKnownTimeZone, code('time_zone'))
      .optional()
      .meta({
        description:
          'Fuseau horaire IANA de la personne, quand ce n’est pas celui du programme : son check-in et sa relance partent à l’heure du programme dans son fuseau (la semaine et l’évaluation restent celles du programme)',
        examples: ['Indian/Reunion', 'America/Cayenne'],
        enum: [...TIME_ZONES],
      }),
    channel: z.enum(PERSON_CHANNELS).optional().meta({
      description:
        'Plateforme où joindre la personne : slack, mattermost ou email ; par défaut la première plateforme configurée qui la connaît, et l’e-mail pour celles qu’aucune ne connaît',
    }),
  })
  .strict();

const phase = z
  .object({
    id: id('Identifiant de la phase, ex. "pre_incubation"'),
    name: text('Nom de la phase'),
    start: date('Premier jour de la phase'),
    end: date('Dernier jour de la phase'),
  })
  .strict();

const intrapreneurship = z
  .object({
    person: personRef('Identifiant de l’intrapreneur (dans people)'),
    manager: personRef('Identifiant de son manager (dans people), alerté si le jour libéré manque'),
    days_per_week: daysPerWeek(
      'Son propre minimum de jours libérés par semaine, au lieu de celui du programme (ex. 0.5 pour un temps partiel à 50 %)',
    ).optional(),
    reason: text(
      'Motif de ce minimum propre, montré aux responsables, ex. "Temps partiel à 50 %"',
    ).optional(),
  })
  .strict();

const project = z
  .object({
    id: id('Identifiant court du projet, ex. "covoiturage"'),
    name: text('Nom du projet'),
    problem: text('Le problème à résoudre, en une phrase').optional(),
    coach: personRef('Identifiant du coach (dans people)'),
    status: z
      .enum(PROJECT_STATUSES)
      .default('pre_incubation')
      .meta({ description: 'État : pre_incubation, poc_presented, selected, not_selected ou abandoned' }),
    decided_on: date('Date de la dernière décision sur le projet').optional(),
    intrapreneurs: z
      .array(intrapreneurship)
      .min(1, code('empty'))
      .meta({ description: 'Les intrapreneurs qui portent le projet et leur manager' }),
  })
  .strict();

export const programmeFileSchema = z
  .object({
    programme: programmeSection,
    owners: z
      .array(personRef('Identifiant d’un responsable du programme (dans people)'))
      .min(1, code('empty'))
      .meta({
        description:
          'Responsables du programme : reçoivent la synthèse hebdomadaire, qui contient toutes les alertes de la semaine',
      }),
    people: z
      .array(person)
      .min(1, code('empty'))
      .meta({ description: 'Toutes les personnes citées dans le fichier' }),
    phases: z
      .array(phase)
      .min(1, code('empty'))
      .meta({ description: 'Les phases du programme, dans l’ordre, sans chevauchement' }),
    projects: z.array(project).min(1, code('empty')).meta({ description: 'Les projets accompagnés' }),
  })
  .strict()
  .meta({
    title: 'Programme Startups de Territoire',
    description: 'Fichier de programme du bot de suivi (coaching-bot) : personnes, phases et projets',
  });

export type ProgrammeFile = z.output<typeof programmeFileSchema>;

/** The JSON Schema of the programme file, as written to `programme.schema.json`. */
export function programmeJsonSchemaText(): string {
  // Draft 7 is the draft editors' YAML plugins understand best; `input` makes defaulted keys optional.
  const schema = z.toJSONSchema(programmeFileSchema, { target: 'draft-7', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The keys an object at `path` of the file may have, to suggest the right one after a typo. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = programmeFileSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject && typeof segment === 'string') {
      const next = schema.shape[segment];
      if (!next) return [];
      schema = next;
    } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
      schema = schema.element as z.ZodType;
    } else {
      return [];
    }
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}
