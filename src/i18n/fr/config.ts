// Problems found in a programme file, for the programme manager who wrote it: say what is wrong with the value they
// typed, in their words, and how to put it right. The path (`projects[0].coach`) is printed before these sentences.
import { count, formatNumber } from '../plural.ts';

const q = (s: string) => `"${s}"`;

export const config = {
  fileNotFound: (path: string) => `fichier de programme introuvable : ${path}`,
  fileUnreadable: (path: string, reason: string) => `impossible de lire le fichier ${path} (${reason})`,
  noProgrammeFile: (directory: string) =>
    `aucun fichier de programme (*.yml ou *.yaml) dans le dossier ${directory}`,
  duplicateProgramme: (key: string, first: string) =>
    `identifiant de programme ${q(key)} déjà pris par ${first} : donnez à chaque programme son propre programme.id`,
  keyFromName: (key: string) =>
    `pas de programme.id : la clé du programme en base est tirée de son nom (${q(key)}) ; renommer le programme en commencerait un nouveau, sans son historique. Ajoutez « id: ${key} » sous programme pour pouvoir le renommer.`,
  emptyFile: 'le fichier est vide : il doit décrire programme, owners, people, phases et projects',
  notAMapping: 'le fichier doit être un bloc de clés : programme, owners, people, phases et projects',

  yamlSyntax: (line: number, column: number, what: string, source?: string) =>
    `YAML invalide (${source ? `${source}, ` : ''}ligne ${line}, colonne ${column}) : ${what}`,
  /** A YAML problem of the file as a whole, with no one place to point at. */
  yamlFile: (what: string, source?: string) => `YAML invalide${source ? ` (${source})` : ''} : ${what}`,
  alias: {
    recursive: (name: string) =>
      `l’alias *${name} est à l’intérieur de la valeur &${name} qu’il recopie : elle se contiendrait elle-même à l’infini`,
    undefined: (name: string) =>
      `l’alias *${name} renvoie à une ancre &${name} qui n’est définie nulle part avant lui`,
    tooMany:
      'trop d’alias — recopiés les uns dans les autres, ils donneraient des millions de valeurs ; écrivez les valeurs sans alias',
  },
  yaml: {
    BAD_INDENT: 'indentation incorrecte',
    UNCLOSED_LIST: 'liste entre crochets non fermée (« ] » manquant) ou ligne mal indentée',
    UNCLOSED_MAP: 'accolade non fermée (« } » manquant) ou ligne mal indentée',
    BAD_SCALAR_START: 'valeur commençant par un caractère réservé (@, `, %) : la mettre entre guillemets',
    TAB_AS_INDENT: 'tabulation dans l’indentation (utiliser des espaces)',
    DUPLICATE_KEY: 'clé en double',
    MISSING_CHAR: 'caractère manquant (guillemet, crochet ou accolade non fermé ?)',
    MULTILINE_IMPLICIT_KEY: 'deux-points manquant ou ligne mal alignée',
    BLOCK_AS_IMPLICIT_KEY: 'deux-points manquant ou ligne mal alignée',
    MULTIPLE_DOCS: 'un seul document attendu (retirer le second « --- »)',
    UNEXPECTED_TOKEN: 'caractère inattendu',
    other: 'syntaxe incorrecte',
  } as Record<string, string>,

  missingKey: 'clé obligatoire manquante',
  unknownKey: (key: string, suggestion?: string) =>
    `clé inconnue ${q(key)} (coquille ?)${suggestion ? ` — vouliez-vous dire ${q(suggestion)} ?` : ''}`,
  kinds: {
    string: 'du texte',
    number: 'un nombre',
    array: 'une liste',
    object: 'un bloc de clés',
    boolean: 'oui ou non',
    date: 'une date AAAA-MM-JJ',
    null: 'une valeur vide',
    other: 'une valeur d’un autre type',
  } as Record<string, string>,
  wrongType: (expected: string, received: string, value?: string) =>
    `il faut ${expected}, pas ${received}${value === undefined ? '' : ` (${value})`}`,
  notEmpty: 'ne doit pas être vide',
  emptyList: 'la liste ne doit pas être vide',
  oneOf: (value: string, allowed: readonly string[]) =>
    `valeur ${q(value)} non reconnue, choisir parmi : ${allowed.join(', ')}`,
  invalid: 'valeur incorrecte',

  dateFormat: (value: string) => `date ${q(value)} mal écrite : format AAAA-MM-JJ attendu, ex. "2026-09-01"`,
  impossibleDate: (value: string) => `date impossible ${q(value)}`,
  timeZone: (value: string, meant?: string) =>
    `fuseau horaire inconnu ${q(value)}${meant ? ` — vouliez-vous dire ${q(meant)} ?` : ' (ex. "Europe/Paris")'}`,
  cronInvalid: (value: string, field?: string, part?: string) =>
    field && part !== undefined
      ? `expression cron invalide ${q(value)} : ${field} ${q(part)} impossible`
      : `expression cron invalide ${q(value)} : 5 champs attendus, « minute heure * * jours »`,
  cronFields: {
    second: 'seconde',
    minute: 'minute',
    hour: 'heure',
    dayOfMonth: 'jour du mois',
    month: 'mois',
    dayOfWeek: 'jour de la semaine',
  } as Record<string, string>,
  cronUnsupported: (value: string) =>
    `expression cron ${q(value)} non prise en charge : il faut une minute et une heure fixes, « * » pour le jour ` +
    'du mois et le mois, puis les jours de la semaine, ex. "0 14 * * FRI"',
  daysPerWeek: (value: number) =>
    `${count('fr', value, 'jour', 'jours')} par semaine impossible : entre 0,5 et 5, par demi-journée`,
  retentionMonths: (value: number) =>
    `durée de conservation impossible : ${formatNumber('fr', value)} mois ; un nombre entier de mois, de 0 à 120`,
  euros: (value: number) =>
    `montant impossible : ${String(value).replace('.', ',')} ; un nombre d’euros positif, au centime près, sans espace, ex. 40000`,
  share: (value: number) =>
    `part impossible : ${formatNumber('fr', value)}\u202f% ; un pourcentage du plafond, plus de 0 et au plus 100`,
  due: (value: string) =>
    `échéance ${q(value)} non reconnue : signature, start_of_<phase>, end_of_<phase> (ex. end_of_pre_incubation) ou une date AAAA-MM-JJ`,
  tooManyInstalments: (max: number) => `trop de versements : ${max} au plus`,
  email: (value: string) => `adresse e-mail invalide ${q(value)}`,
  slackId: (value: string) =>
    `identifiant Slack invalide ${q(value)} : un identifiant d’utilisateur commence par U ou W, ex. "U0123ABCD"`,
  idFormat: (value: string) =>
    `identifiant invalide ${q(value)} : lettres, chiffres, « _ », « - » ou « . », sans espace ni accent`,
  programmeId: (value: string) =>
    `identifiant de programme invalide ${q(value)} : minuscules, chiffres et « - » entre deux mots, ex. "hauts-de-france"`,

  unknownPerson: (id: string) => `personne inconnue ${q(id)}`,
  duplicateId: (id: string, first: string) => `identifiant ${q(id)} déjà utilisé par ${first}`,
  duplicateOwner: (id: string) => `${q(id)} figure déjà parmi les responsables`,
  notAnOwner: (id: string) =>
    `${q(id)} n’est pas parmi les responsables (owners) : seuls eux peuvent recevoir chaque alerte en plus de la synthèse`,
  intrapreneurElsewhere: (person: string, project: string) =>
    `${q(person)} est déjà intrapreneur du projet ${q(project)} (un seul projet par personne)`,
  intrapreneurTwice: (person: string) => `${q(person)} figure deux fois parmi les intrapreneurs de ce projet`,
  phaseReversed: (start: string, end: string) => `la phase finit (${end}) avant de commencer (${start})`,
  phasesOverlap: (phase: string, previous: string) =>
    `les phases ${q(phase)} et ${q(previous)} se chevauchent`,
  phasesOutOfOrder: (phase: string, previous: string) =>
    `la phase ${q(phase)} commence avant la phase ${q(previous)} : les phases doivent être dans l’ordre des dates`,
  missingPhase: (id: string) =>
    `phase ${q(id)} manquante : elle fixe la période des check-ins (ou indiquer programme.checkins: { from, to })`,
  periodReversed: (from: string, to: string) => `la fin (${to}) précède le début (${from})`,
  sharesTotal: (total: number) =>
    `les parts des versements font ${formatNumber('fr', total)}\u202f% au lieu de 100\u202f%`,
  dueUnknownPhase: (due: string, phase: string, known: readonly string[]) =>
    `échéance ${q(due)} : aucune phase ${q(phase)} (phases : ${known.join(', ')})`,
};
