import type { cli as fr } from '../fr/cli.ts';
import { count } from '../plural.ts';

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
  report [--from W] [--to W] [--format table|csv|json|xlsx] [--output FILE]
                               the compliance table, on standard output or in FILE
  status                       the phase status, as /phase shows it
  export --person ID [--output FILE]
                               everything stored about a person, as JSON (right of access)
  erase --person ID [--yes]    erases a person's data (comments and notes deleted, the rest anonymised)
  backup FILE                  a consistent copy of the database, even while the bot runs

Options: --help for a command's help.
Environment: PROGRAMME_FILE, DATABASE_URL, HOST, PORT, SLACK_*, MATTERMOST_*, PUBLIC_URL, SANDBOX, DASHBOARD_SECRET, LOG_LEVEL (see the README).`,
  verbHelp: {
    start:
      'coaching-bot start\n  Migrates the database, syncs the programme file, starts the HTTP server (HOST:PORT), the configured platforms and the scheduler (catching up missed runs).',
    migrate:
      'coaching-bot migrate\n  Creates or updates the SQLite database (DATABASE_URL, default file:./data/coaching-bot.db).',
    check:
      'coaching-bot check [FILE]\n  Checks the programme file (default PROGRAMME_FILE, programme.yml or the bundled example). Exit 0 when valid, 1 otherwise, with every problem and where it is.',
    prompt:
      'coaching-bot prompt [--week YYYY-Www]\n  Sends the week’s check-in (default: the current week) to every intrapreneur who has not had it.',
    remind:
      'coaching-bot remind [--week YYYY-Www]\n  Sends a reminder to those who have not answered (default: for the previous week).',
    evaluate:
      'coaching-bot evaluate [--week YYYY-Www]\n  Evaluates the week (default: the previous one), sends the alerts due and the owners’ digest.',
    report:
      'coaching-bot report [--from YYYY-Www] [--to YYYY-Www] [--format table|csv|json|xlsx] [--output FILE]\n  The compliance table: per intrapreneur and week, released days, coaching point, alerts. As CSV, columns are separated by “,” in English (“;” in French); xlsx needs --output.',
    status:
      'coaching-bot status\n  The five phases with their dates, the current one, the projects and last week’s compliance.',
    export:
      'coaching-bot export --person ID [--output FILE]\n  Writes as readable JSON everything the bot keeps about the person in this programme: record, roles, answers and comments, coaching points and notes, alerts, messages. Without --output, on standard output.',
    erase:
      'coaching-bot erase --person ID [--yes]\n  Erases the person’s data: comments and notes deleted, the rest anonymised so that the programme’s figures stay right. Asks for confirmation unless --yes (required outside a terminal). Remove the person from the programme file first.',
    backup:
      'coaching-bot backup FILE\n  Copies the SQLite database to FILE with SQLite’s online backup: the copy is consistent even while the bot runs, checked, then put in place at once.',
  },
  unknownVerb: (verb: string) => `Unknown command “${verb}”. Type coaching-bot --help for the list.`,
  badOption: (message: string) => `Bad option: ${message}`,
  badWeek: (week: string) =>
    `Unknown week “${week}”: write it YYYY-Www, e.g. 2026-W48 (an ISO week that exists).`,
  weekNotYet: (week: string, latest: string) =>
    `Week ${week} has not come or is not over yet: ${latest} at the latest today.`,
  badRange: (from: string, to: string) => `Empty period: --from ${from} is after --to ${to}.`,
  nothingToReport: (from: string) => `Nothing to show yet: the weekly check-in starts in ${from}.`,
  badFormat: (format: string) => `Unknown format “${format}”: table, csv, json or xlsx.`,
  xlsxNeedsOutput: 'The xlsx format is written to a file: add --output FILE.xlsx.',
  reportWritten: (file: string, rows: number) =>
    `Compliance table written to ${file} (${count('en', rows, 'row', 'rows')}). It holds personal data: share it with the programme owners only.`,
  noPlatform:
    'No chat platform is configured: nothing can be sent.\nConfigure Slack (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN) or Mattermost (MATTERMOST_URL and MATTERMOST_BOT_TOKEN): see the README.',
  problems: (file: string, n: number) => `${file}: ${n} problem${n > 1 ? 's' : ''} to fix.`,
  valid: (file: string, name: string, projects: number, intrapreneurs: number, phases: number) =>
    `${file}: valid — “${name}”, ${projects} projects, ${intrapreneurs} intrapreneurs, ${phases} phases.`,
  migrated: (path: string) => `Database up to date: ${path}`,
  env: {
    invalid: (detail: string) => `bad value (${detail})`,
    port: 'a port number, from 0 to 65535',
    dashboard_secret_short: 'at least 16 characters, for instance those of “openssl rand -hex 32”',
    slack_bot_token_missing: 'required to use Slack (an xoxb-… token)',
    slack_signing_secret_missing: 'required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    mattermost_url_missing: 'required to use Mattermost (https://chat.example.org)',
    mattermost_token_missing: 'required to use Mattermost (the bot account’s token)',
  },
  envProblems: 'Bad configuration:',
  databaseCorrupt: (path: string) =>
    `The database ${path} cannot be read (damaged, or not an SQLite database). It was not changed: restore a backup or point DATABASE_URL at another database.`,
  databaseNewer: (path: string) =>
    `The database ${path} was updated by a newer version of coaching-bot. It was not changed: use that newer version.`,
  programmeNotFound: (file: string) => `Programme file not found: ${file}`,
  internal: (message: string) => `Internal error: ${message}`,
  fanOut: {
    done: (verb: string, week: string, sent: number, total: number, pending: number, failed: number) =>
      `${verb} ${week}: ${sent} sent of ${total}${pending ? `, ${pending} waiting for a retry` : ''}${failed ? `, ${failed} refused` : ''}.`,
    outsideWindow: (week: string) => `${week}: outside the check-in period, nothing to send.`,
    break: (week: string) => `${week}: a break week, nothing to send.`,
    evaluated: (week: string, alerts: number, messages: number) =>
      `${week} evaluated: ${count('en', alerts, 'alert', 'alerts')}, ${count('en', messages, 'message', 'messages')} due.`,
    notAsked: (week: string) => `${week}: nobody was asked that week, nothing to evaluate.`,
    exempt: (week: string) => `${week}: not a check-in week, nothing to evaluate.`,
  },
  server: {
    listening: (url: string) => `coaching-bot listening on ${url}`,
    noPlatform:
      'No platform configured (Slack or Mattermost): scheduled sending is paused. See the README to configure one.',
  },
};
