import type { mattermost as fr } from '../fr/mattermost.ts';

export const mattermost: typeof fr = {
  changeHint: 'To correct it, click another choice.',
  notYourCheckin: 'This check-in is addressed to someone else: you cannot answer it.',
  unavailable: 'Mattermost is not answering right now: try again in a moment.',
  unknownAccount: (username: string | undefined, id: string) =>
    `I cannot find the Mattermost account ${username ? `@${username} (id ${id})` : `with id ${id}`}: the Mattermost server does not know it, so the command was not run. If this happens again, tell the programme owner.`,
  commentNotText: 'The comment must be text.',
  commentDialog: {
    title: 'Add a comment',
    label: 'Comment',
    help: 'Leave it empty to clear the comment.',
    submit: 'Save',
  },
  commands: {
    coaching: {
      name: 'Coaching',
      description: 'Log a coaching session, see the history',
      hint: 'log @intrapreneur [date] [duration] notes… | history [@intrapreneur] | help',
    },
    phase: {
      name: 'Phase',
      description: 'Status of the programme’s phases, or of one project',
      hint: '[project]',
    },
    checkin: {
      name: 'Weekly check-in',
      description: 'Open this week’s check-in',
      hint: '',
    },
  },
  start: {
    notConfigured:
      'MATTERMOST_URL and MATTERMOST_BOT_TOKEN are not set: give the Mattermost server’s address and the bot account’s token.',
    unreachable: (url: string, cause: string) =>
      `Mattermost cannot be reached at ${url} (${cause}). Check MATTERMOST_URL (e.g. https://chat.example.org, without /api/v4) and that the bot can reach that server.`,
    notMattermost: (url: string, status: number) =>
      `${url} does not answer like a Mattermost server (GET /api/v4/users/me: ${status}). Check MATTERMOST_URL: the server's address, without /api/v4.`,
    badToken: (url: string) =>
      `Mattermost (${url}) refuses MATTERMOST_BOT_TOKEN: unknown or revoked token, or disabled account. Create a token in the main menu → Integrations → Bot Accounts and set it in MATTERMOST_BOT_TOKEN.`,
    notBot: (username: string) =>
      `MATTERMOST_BOT_TOKEN belongs to @${username}, which is not a bot account. Create a bot account (main menu → Integrations → Bot Accounts) and use its token.`,
    refused: (what: string, status: number, message: string) =>
      `Mattermost refused ${what} (${status}${message ? `: ${message}` : ''}).`,
    teamNotFound: (team: string, bot: string) =>
      `The team "${team}" (MATTERMOST_TEAM) cannot be found by the bot @${bot}: give the team's name as it appears in its address (https://chat.example.org/<team>) and add the bot to that team.`,
    noTeam: (bot: string) =>
      `The bot @${bot} is not a member of any team: add it to the programme's team and set MATTERMOST_TEAM to it.`,
    severalTeams: (bot: string, teams: string) =>
      `The bot @${bot} is a member of several teams (${teams}): set MATTERMOST_TEAM to the one where /coaching, /phase and /checkin belong.`,
    commandsDisabled:
      'Custom slash commands are disabled on this server: turn on "Enable Custom Slash Commands" (System Console → Integrations → Integration Management).',
    commandsForbidden: (team: string, bot: string) =>
      `The bot @${bot} may not manage the slash commands of the team "${team}": make it a team admin (System Console → User Management → Teams), or give it the System Admin role.`,
    triggerTaken: (trigger: string, team: string, url: string) =>
      `The command /${trigger} already exists in the team "${team}", created by another account and pointing elsewhere: delete it (Integrations → Slash Commands), or point it at ${url}.`,
  },
};
