import type { data as fr } from '../fr/data.ts';
import { count } from '../plural.ts';

const q = (s: string) => `“${s}”`;

export const data: typeof fr = {
  personRequired: (verb) => `Name the person: coaching-bot ${verb} --person ID`,
  fileRequired: 'Name the backup file: coaching-bot backup FILE',
  noDatabase: (path) => `No database at ${path}: nothing is stored (check DATABASE_URL).`,
  foundIn: (person: string, programmes: string[]) =>
    `${person} is in the programme${programmes.length > 1 ? 's' : ''}: ${programmes.join(', ')}.`,
  nothingStored: (person) =>
    `Nothing is stored about ${q(person)} in this programme (check the id, as written in people).`,
  exported: (person, file, rows) =>
    `Data of ${q(person)} written to ${file} (${count('en', rows, 'record', 'records')}). This file holds personal data: send it through a safe channel, then delete it.`,
  summary: (person, rows, texts) =>
    `${count('en', rows, 'record names', 'records name')} ${q(person)}; ${count('en', texts, 'comment or coaching note', 'comments or coaching notes')} will be deleted.`,
  confirm: (person) =>
    `Permanent erasure: their comments and the coaching notes about them will be deleted; the rest, notes they wrote about others included, anonymised.\nType ${person} to confirm (Enter to cancel): `,
  cancelled: 'Erasure cancelled: nothing was changed.',
  needsConfirmation: (person) =>
    `Erasing ${q(person)} needs a confirmation: run the command in a terminal, or add --yes.`,
  erased: (person, anonymousId, rows, texts) =>
    `${q(person)} erased: ${count('en', texts, 'comment or note', 'comments and notes')} deleted, ${count('en', rows, 'record', 'records')} anonymised as ${anonymousId} so that the programme's figures stay right. Write this id down in your register: it is kept nowhere else.`,
  walNotCleared: (path, person) =>
    `Warning: another process was reading the database during the erasure; old copies of the erased data remain in ${path}-wal. Run “coaching-bot erase --person ${person} --yes” again in a moment to empty it.`,
  stillInProgramme: (person, file) =>
    `Warning: ${q(person)} is still in ${file}. Remove them from the file and restart the bot, or they will be asked again and new data will be stored.`,
  backupDone: (file, pages) =>
    `Backup written and checked: ${file} (${count('en', pages, 'page', 'pages')}). It holds personal data: keep it somewhere safe.`,
  backupNotWritten: (file, cause) =>
    `The backup could not be written to ${file} (${cause}): check that its folder exists or can be created, that the bot may write there and that the disk is not full. The database was not changed.`,
  backupWithPgDump: (command) =>
    `On PostgreSQL, backups are made with pg_dump, PostgreSQL's own tool, which takes a consistent copy while the bot runs (it asks for the password, or reads it from PGPASSWORD or ~/.pgpass):\n  ${command}\nNothing was written by coaching-bot. The backup holds personal data: keep it somewhere safe.`,
  backupOntoDatabase: (file) => `${file} is the database itself: choose another file for the backup.`,
  exportAbout: {
    document:
      'All the data coaching-bot keeps about this person in this programme (right of access, GDPR art. 15).',
    programmeFile:
      'What the programme file says about the person: identity, e-mail address, chat ids, roles.',
    people: 'The person’s record in the database: name, and whether they are still in the programme.',
    roles:
      'The recorded roles: intrapreneur (project, manager), manager of an intrapreneur, coach of a project.',
    checkins:
      'Answers to the weekly check-in: days released, leave, coaching point held, comment, who answered and when.',
    corrections:
      'Corrections of answers made by a programme owner, to the person’s answers or by them: week, question, before and after, who and when.',
    coachingSessions: 'Coaching points logged (/coaching log) by or about the person, with their notes.',
    alerts: 'Alerts about the person or sent to them, and the facts that raised them.',
    deliveries:
      'Messages the bot sent to the person or that name them (alerts to their manager, digests), and their delivery.',
    sandboxMessages: 'Messages shown in the web sandbox to the person or that name them.',
  },
  hiddenLink: '[personal link hidden]',
};
