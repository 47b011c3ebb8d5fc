import type { config as fr } from '../fr/config.ts';
import { count } from '../plural.ts';

const q = (s: string) => `"${s}"`;

export const config: typeof fr = {
  fileNotFound: (path) => `programme file not found: ${path}`,
  fileUnreadable: (path, reason) => `cannot read the file ${path} (${reason})`,
  noProgrammeFile: (directory) => `no programme file (*.yml or *.yaml) in the directory ${directory}`,
  duplicateProgramme: (key, first) =>
    `programme id ${q(key)} already taken by ${first}: give each programme its own programme.id`,
  keyFromName: (key) =>
    `no programme.id: the programme's key in the database comes from its name (${q(key)}); renaming the programme would start a new one, without its history. Add "id: ${key}" under programme to be free to rename it.`,
  emptyFile: 'the file is empty: it must describe programme, owners, people, phases and projects',
  notAMapping: 'the file must be a set of keys: programme, owners, people, phases and projects',

  yamlSyntax: (line, column, what, source) =>
    `invalid YAML (${source ? `${source}, ` : ''}line ${line}, column ${column}): ${what}`,
  yamlFile: (what, source) => `invalid YAML${source ? ` (${source})` : ''}: ${what}`,
  alias: {
    recursive: (name) =>
      `the alias *${name} is inside the value &${name} it copies: that value would contain itself forever`,
    undefined: (name) => `the alias *${name} refers to an anchor &${name} that is not defined before it`,
    tooMany:
      'too many aliases — copied into one another they would make millions of values; write the values without aliases',
  },
  yaml: {
    BAD_INDENT: 'wrong indentation',
    UNCLOSED_LIST: 'unclosed list (missing "]") or misindented line',
    UNCLOSED_MAP: 'unclosed brace (missing "}") or misindented line',
    BAD_SCALAR_START: 'value starting with a reserved character (@, `, %): put it in quotes',
    TAB_AS_INDENT: 'tab in the indentation (use spaces)',
    DUPLICATE_KEY: 'duplicate key',
    MISSING_CHAR: 'missing character (unclosed quote, bracket or brace?)',
    MULTILINE_IMPLICIT_KEY: 'missing colon or misaligned line',
    BLOCK_AS_IMPLICIT_KEY: 'missing colon or misaligned line',
    MULTIPLE_DOCS: 'a single document is expected (remove the second "---")',
    UNEXPECTED_TOKEN: 'unexpected character',
    other: 'syntax error',
  },

  missingKey: 'required key missing',
  unknownKey: (key, suggestion) =>
    `unknown key ${q(key)} (typo?)${suggestion ? ` — did you mean ${q(suggestion)}?` : ''}`,
  kinds: {
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'a set of keys',
    boolean: 'yes or no',
    date: 'a date YYYY-MM-DD',
    null: 'an empty value',
    other: 'a value of another type',
  },
  wrongType: (expected, received, value) =>
    `expected ${expected}, got ${received}${value === undefined ? '' : ` (${value})`}`,
  notEmpty: 'must not be empty',
  emptyList: 'the list must not be empty',
  oneOf: (value, allowed) => `unknown value ${q(value)}, choose one of: ${allowed.join(', ')}`,
  invalid: 'invalid value',

  dateFormat: (value) => `badly written date ${q(value)}: expected YYYY-MM-DD, e.g. "2026-09-01"`,
  impossibleDate: (value) => `impossible date ${q(value)}`,
  timeZone: (value, meant) =>
    `unknown time zone ${q(value)}${meant ? ` — did you mean ${q(meant)}?` : ' (e.g. "Europe/Paris")'}`,
  cronInvalid: (value, field, part) =>
    field && part !== undefined
      ? `invalid cron expression ${q(value)}: ${field} ${q(part)} is impossible`
      : `invalid cron expression ${q(value)}: expected 5 fields, "minute hour * * days"`,
  cronFields: {
    second: 'second',
    minute: 'minute',
    hour: 'hour',
    dayOfMonth: 'day of month',
    month: 'month',
    dayOfWeek: 'day of week',
  },
  cronUnsupported: (value) =>
    `unsupported cron expression ${q(value)}: it needs a fixed minute and hour, "*" for day of month and month, ` +
    'then days of the week, e.g. "0 14 * * FRI"',
  daysPerWeek: (value) =>
    `${count('en', value, 'day', 'days')} a week is impossible: between 0.5 and 5, in half days`,
  retentionMonths: (value) =>
    `impossible retention period: ${value} months; a whole number of months, 0 to 120`,
  euros: (value) =>
    `impossible amount: ${value}; a positive number of euros, to the cent at most, without spaces, e.g. 40000`,
  share: (value) => `impossible share: ${value} %; a percentage of the ceiling, over 0 and at most 100`,
  due: (value) =>
    `unknown due ${q(value)}: signature, start_of_<phase>, end_of_<phase> (e.g. end_of_pre_incubation) or a date YYYY-MM-DD`,
  tooManyInstalments: (max) => `too many instalments: ${max} at most`,
  email: (value) => `invalid e-mail address ${q(value)}`,
  slackId: (value) => `invalid Slack id ${q(value)}: a user id starts with U or W, e.g. "U0123ABCD"`,
  idFormat: (value) => `invalid id ${q(value)}: letters, digits, "_", "-" or ".", no spaces or accents`,
  programmeId: (value) =>
    `invalid programme id ${q(value)}: lowercase letters, digits and "-" between words, e.g. "hauts-de-france"`,

  unknownPerson: (id) => `unknown person ${q(id)}`,
  duplicateId: (id, first) => `id ${q(id)} already used by ${first}`,
  duplicateOwner: (id) => `${q(id)} is already listed among the owners`,
  notAnOwner: (id) => `${q(id)} is not among the owners: only they may get each alert on top of the digest`,
  intrapreneurElsewhere: (person, project) =>
    `${q(person)} is already intrapreneur of project ${q(project)} (one project per person)`,
  intrapreneurTwice: (person) => `${q(person)} is listed twice among this project's intrapreneurs`,
  phaseReversed: (start, end) => `the phase ends (${end}) before it starts (${start})`,
  phasesOverlap: (phase, previous) => `phases ${q(phase)} and ${q(previous)} overlap`,
  phasesOutOfOrder: (phase, previous) =>
    `phase ${q(phase)} starts before phase ${q(previous)}: phases must be in date order`,
  missingPhase: (id) =>
    `phase ${q(id)} missing: it sets the check-in period (or give programme.checkins: { from, to })`,
  periodReversed: (from, to) => `the end (${to}) is before the start (${from})`,
  sharesTotal: (total) => `the instalments' shares add up to ${total} % instead of 100 %`,
  dueUnknownPhase: (due, phase, known) => `due ${q(due)}: no phase ${q(phase)} (phases: ${known.join(', ')})`,
};
