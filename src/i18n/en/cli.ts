import type { cli as fr } from '../fr/cli.ts';
import { count } from '../plural.ts';

const WAIT_HELP = `  --wait DURATION  waits (default 5m; 30s, 5m, 1h…) until every message is delivered or refused for good, sending
                   it again when due after a passing refusal (a rate limit); exit 0 when all are delivered, else 1
                   with each message not delivered, its recipient and why.
  --no-wait        does not wait: messages waiting for a retry leave with the running bot (coaching-bot start);
                   exit 0.`;

export const cli: typeof fr = {
  help: `coaching-bot — follow-up of the Startups de Territoire programme

Usage: coaching-bot <command> [options]

Commands:
  start                        migrates the database, starts the HTTP server, the platforms and the scheduler
  migrate                      applies the database migrations
  check [FILE]                 checks a programme file (every problem, with where it is)
  prompt [--week YYYY-Www]     sends the weekly check-in now (never twice)
  remind [--week YYYY-Www]     sends the reminders now (never twice)
  evaluate [--week YYYY-Www]   evaluates the week, sends the alerts and the digest (never twice)
                               these three wait until every message is delivered (--wait DURATION, default 5m)
                               or leave the retries to the running bot (--no-wait)
  report [--from W] [--to W] [--format table|csv|json|xlsx] [--output FILE]
                               the compliance table, on standard output or in FILE
  status                       the phase status, as /phase shows it
  pack [--project ID] [--with-notes] --output FILE.pdf
                               the strategic committee pack as a PDF (every project, or one)
  export --person ID [--output FILE]
                               everything stored about a person, as JSON (right of access)
  erase --person ID [--yes]    erases a person's data (comments and notes deleted, the rest anonymised)
  backup FILE                  a consistent copy of the database, even while the bot runs

Options: --help for a command's help.
Environment: PROGRAMME_FILE, DATABASE_URL, HOST, PORT, SLACK_*, MATTERMOST_*, SMTP_URL, MAIL_FROM, SMTP_RATE, PUBLIC_URL, SANDBOX, DASHBOARD_SECRET, LOG_LEVEL (see the README).`,
  verbHelp: {
    start:
      'coaching-bot start\n  Migrates the database, syncs the programme file, starts the HTTP server (HOST:PORT), the configured platforms and the scheduler (catching up missed runs).',
    migrate:
      'coaching-bot migrate\n  Creates or updates the database DATABASE_URL names: an SQLite file (default file:./data/coaching-bot.db) or a PostgreSQL database (postgres://…), once whatever the number of instances starting together.',
    check:
      'coaching-bot check [FILE]\n  Checks the programme file (default PROGRAMME_FILE, programme.yml or the bundled example). Exit 0 when valid, 1 otherwise, with every problem and where it is.',
    prompt: `coaching-bot prompt [--week YYYY-Www] [--wait DURATION | --no-wait]
  Sends the week’s check-in (default: the current week, never a week not begun) to every intrapreneur who has not had it.
${WAIT_HELP}`,
    remind: `coaching-bot remind [--week YYYY-Www] [--wait DURATION | --no-wait]
  Sends a reminder to those who have not answered (default: for the previous week, never a week not over).
${WAIT_HELP}`,
    evaluate: `coaching-bot evaluate [--week YYYY-Www] [--wait DURATION | --no-wait]
  Evaluates the week (default: the previous one, never a week not over), sends the alerts due and the owners’ digest.
${WAIT_HELP}`,
    report:
      'coaching-bot report [--from YYYY-Www] [--to YYYY-Www] [--format table|csv|json|xlsx] [--output FILE]\n  The compliance table: per intrapreneur and week, released days, coaching point, alerts. As CSV, columns are separated by “,” in English (“;” in French); xlsx needs --output.',
    status:
      'coaching-bot status\n  The five phases with their dates, the current one, the projects and last week’s compliance.',
    pack: 'coaching-bot pack [--project ID] [--with-notes] --output FILE.pdf\n  Writes the strategic committee pack as a PDF: for each project (or the one project ID, by id or name), its problem, intrapreneurs, manager and coach, and over the whole pre-incubation the weeks asked, the released days week by week, the weeks exempt, the alerts, the coaching points and the coach’s sessions. The coaches’ notes are in it only with --with-notes, and the pack says so on its first page.',
    export:
      'coaching-bot export --person ID [--output FILE]\n  Writes as readable JSON everything the bot keeps about the person in this programme: record, roles, answers and comments, coaching points and notes, alerts, messages. Without --output, on standard output.',
    erase:
      'coaching-bot erase --person ID [--yes]\n  Erases the person’s data: comments and notes deleted, the rest anonymised so that the programme’s figures stay right. Asks for confirmation unless --yes (required outside a terminal). Remove the person from the programme file first.',
    backup:
      'coaching-bot backup FILE\n  Copies the SQLite database to FILE with SQLite’s online backup: the copy is consistent even while the bot runs, checked, then put in place at once. On PostgreSQL, prints the pg_dump command to use instead.',
  },
  unknownVerb: (verb: string) => `Unknown command “${verb}”. Type coaching-bot --help for the list.`,
  badOption: (message: string) => `Bad option: ${message}`,
  badWeek: (week: string) =>
    `Unknown week “${week}”: write it YYYY-Www, e.g. 2026-W48 (an ISO week that exists).`,
  badWait: (value: string) =>
    `Waiting time not understood “${value}”: write e.g. 30s, 5m or 1h (or --no-wait not to wait).`,
  waitConflict: '--wait and --no-wait do not go together: choose one.',
  badRange: (from: string, to: string) => `Empty period: --from ${from} is after --to ${to}.`,
  nothingToReport: (from: string) => `Nothing to show yet: the weekly check-in starts in ${from}.`,
  badFormat: (format: string) => `Unknown format “${format}”: table, csv, json or xlsx.`,
  xlsxNeedsOutput: 'The xlsx format is written to a file: add --output FILE.xlsx.',
  pack: {
    needsOutput: 'The committee pack is a PDF: name the file to write with --output FILE.pdf.',
    written: (file: string, projects: number, withNotes: boolean) =>
      `Committee pack written to ${file} (${count('en', projects, 'project', 'projects')}, ${withNotes ? 'coaches’ notes included' : 'without the coaches’ notes'}). It holds personal data: give it to the members of the strategic committee only.`,
  },
  reportWritten: (file: string, rows: number) =>
    `Compliance table written to ${file} (${count('en', rows, 'row', 'rows')}). It holds personal data: share it with the programme owners only.`,
  noPlatform:
    'No chat platform is configured: nothing can be sent.\nConfigure Slack (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN), Mattermost (MATTERMOST_URL and MATTERMOST_BOT_TOKEN) or e-mail (SMTP_URL, MAIL_FROM and PUBLIC_URL): see the README.',
  problems: (file: string, n: number) => `${file}: ${n} problem${n > 1 ? 's' : ''} to fix.`,
  valid: (file: string, name: string, projects: number, intrapreneurs: number, phases: number) =>
    `${file}: valid — “${name}”, ${count('en', projects, 'project', 'projects')}, ${count('en', intrapreneurs, 'intrapreneur', 'intrapreneurs')}, ${count('en', phases, 'phase', 'phases')}.`,
  migrated: (path: string) => `Database up to date: ${path}`,
  env: {
    invalid: (detail: string) => `bad value (${detail})`,
    port: 'a port number, from 0 to 65535',
    dashboard_secret_short: 'at least 16 characters, for instance those of “openssl rand -hex 32”',
    slack_bot_token_missing: 'required to use Slack (an xoxb-… token)',
    slack_signing_secret_missing: 'required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    mattermost_url_missing: 'required to use Mattermost (https://chat.example.org)',
    mattermost_token_missing: 'required to use Mattermost (the bot account’s token)',
    database_url_unsupported: (scheme: string) =>
      `“${scheme}:” is not a supported kind of database: give an SQLite file, file:PATH (for example file:./data/coaching-bot.db), or a PostgreSQL server, postgres://USER:PASSWORD@HOST:5432/DATABASE.`,
    database_url_invalid: (scheme: string) =>
      `this ${scheme}:// address cannot be read. Expected: postgres://USER:PASSWORD@HOST:5432/DATABASE, where the characters @ : / ? # % of the password are written %40 %3A %2F %3F %23 %25.`,
    smtp_rate: 'a number of messages per second, e.g. 5 or 0.5',
    smtp_url_invalid:
      'expected: smtp://user:password@server:587 (STARTTLS) or smtps://user:password@server:465 (the value is not repeated here: it may hold a password)',
    mail_from_missing:
      'required to send e-mail: the sender, e.g. "Startups de Territoire" <coaching@region.example>',
    mail_from_invalid:
      'one address expected, e.g. coaching@region.example or "Startups de Territoire" <coaching@region.example>',
    public_url_missing:
      'required to send e-mail: the bot’s public address, where the links in the mails open (e.g. https://coaching.region.example)',
  },
  envProblems: 'Bad configuration:',
  databaseCorrupt: (path: string) =>
    `The database ${path} cannot be read (damaged, or not an SQLite database). It was not changed: restore a backup or point DATABASE_URL at another database.`,
  databaseNewer: (path: string) =>
    `The database ${path} was updated by a newer version of coaching-bot. It was not changed: use that newer version.`,
  storage: {
    full: (path: string) =>
      `The disk of the database ${path} is full (or the user’s quota is reached): nothing was written, what was already stored is intact. Free some space, then start again.`,
    busy: (path: string) =>
      `The database ${path} is locked for writing by another process (a backup, another coaching-bot command): nothing was written. Start again once it is done.`,
    readOnly: (path: string, file: string, cause: string, user: string) =>
      `The bot cannot write ${file} (${cause}): a read-only file or folder, another owner, an immutable flag, or a disk mounted read-only. The database was not changed. Give the user ${user} the right to write the database ${path} and its folder (SQLite creates ${path}-wal and ${path}-shm there), or point DATABASE_URL at another database.`,
    notAFolder: (path: string, folder: string) =>
      `Cannot create the database ${path}: ${folder} exists and is not a folder. Give DATABASE_URL a path whose folders exist or can be created.`,
    notAFile: (path: string) =>
      `${path} is a folder, not a database file: give DATABASE_URL the path of a file, for example file:${path}/coaching-bot.db.`,
    writeFailed: (path: string, cause: string) =>
      `Writing to the database ${path} failed (${cause}): a full disk, the user’s quota reached, a file size limit or a failing disk. Nothing was written, what was already stored is intact. Free some space or repair the disk, then start again.`,
    unavailable: (path: string, cause: string) =>
      `The database ${path} can be neither opened nor written (${cause}): check that the disk answers and that the bot can create files in its folder (SQLite creates ${path}-wal and ${path}-shm there).`,
    serverUnavailable: (where: string, detail: string) =>
      `The PostgreSQL server of the database ${where} does not answer or refuses the connection (${detail}): check that it runs, that the address, user, password and database name given in DATABASE_URL are right, and that it accepts connections from this machine. Nothing was written.`,
    serverFull: (where: string, detail: string) =>
      `The PostgreSQL server of the database ${where} has no room left to write (${detail}): nothing was written, what was stored before is intact. Free some space on the server, then run again.`,
    serverReadOnly: (where: string, detail: string) =>
      `The database ${where} refuses writes (${detail}): a read-only server (a replica, a failover under way) or a user without the right to write its tables. Nothing was written. Point DATABASE_URL at the primary server, with a user who may write.`,
    serverBusy: (where: string, detail: string) =>
      `The database ${where} is too busy to answer in time (${detail}): nothing was written. Run again in a moment.`,
  },
  unknownProgramme: (id: string, known: string[]) =>
    `Unknown programme: ${id}. Programmes served: ${known.join(', ')}.`,
  programmeNeeded: (verb: string, known: string[]) =>
    `coaching-bot ${verb} acts on one programme: add --programme, one of ${known.join(', ')}.`,
  programmeHeading: (name: string, key: string) => `== ${name} (${key}) ==`,
  programmeNotFound: (file: string) => `Programme file not found: ${file}`,
  internal: (message: string) => `Internal error: ${message}`,
  fanOut: {
    done: (verb: string, week: string, sent: number, total: number, pending: number, failed: number) =>
      `${verb} ${week}: ${sent} sent of ${total}${pending ? `, ${pending} waiting for a retry` : ''}${failed ? `, ${failed} refused` : ''}.`,
    outsideWindow: (week: string) => `${week}: outside the check-in period, nothing to send.`,
    break: (week: string) => `${week}: a break week, nothing to send.`,
    evaluated: (week: string, alerts: number, sent: number, total: number, pending: number, failed: number) =>
      `${week} evaluated: ${count('en', alerts, 'alert', 'alerts')}; ${count('en', sent, 'message', 'messages')} sent of ${total}${pending ? `, ${pending} waiting for a retry` : ''}${failed ? `, ${failed} refused` : ''}.`,
    notAsked: (week: string) => `${week}: nobody was asked that week, nothing to evaluate.`,
    exempt: (week: string) => `${week}: not a check-in week, nothing to evaluate.`,
  },
  delivery: {
    handOver: (n: number) =>
      `${n === 1 ? 'The message waiting leaves' : `The ${n} messages waiting leave`} with the running bot (coaching-bot start), at the time of the retry.`,
    notDelivered: (n: number, total: number) =>
      `Not delivered: ${count('en', n, 'message', 'messages')} of ${total}.`,
    failedLine: (who: string, kind: string, why: string) => `• ${who} (${kind}): refused for good — ${why}.`,
    pendingLine: (who: string, kind: string, why: string, at: string) =>
      `• ${who} (${kind}): not delivered yet — ${why}; next attempt at ${at}.`,
    sendingLine: (who: string, kind: string) => `• ${who} (${kind}): being sent by another process.`,
    retryLater:
      'The running bot (coaching-bot start) will retry those waiting; run the command again to wait longer.',
    noReason: 'reason unknown',
    kinds: { prompt: 'check-in', reminder: 'reminder', alert: 'alert', digest: 'digest' },
  },
  server: {
    listening: (url: string) => `coaching-bot listening on ${url}`,
    noPlatform:
      'No platform configured (Slack, Mattermost or e-mail): scheduled sending is paused. See the README to configure one.',
  },
};
