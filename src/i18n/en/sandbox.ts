import type { sandbox as fr } from '../fr/sandbox.ts';
import { count } from '../plural.ts';

const n = (value: number, one: string, many: string) => count('en', value, one, many);

export const sandbox: typeof fr = {
  title: 'Sandbox',
  nav: 'Sandbox',
  intro:
    'The bot runs here without Slack or Mattermost: its messages show on this page. Choose who you are, answer the weekly check-in, type commands and, as an owner, run the week’s sending by hand.',
  steps: [
    'As an owner, send this week’s check-in.',
    'As an intrapreneur, answer in two clicks; as a coach, type /coaching log @alice 45min POC review.',
    'As an owner, once the week is over, send the reminders, then evaluate it: the alerts arrive and the dashboard changes.',
  ],
  chooseTitle: 'Who are you?',
  roles: {
    owner: 'Programme owner',
    coach: 'Coach',
    intrapreneur: 'Intrapreneur',
    manager: 'Manager',
    other: 'Other',
  },
  as: (name: string) => `You are ${name}`,
  switchProgramme: (name: string) => `Switch to ${name}`,
  switchLabel: 'Switch person',
  switchButton: 'Show this person’s page',
  onlyYou: 'Only visible to you',
  messagesTitle: (count: number) => `Direct messages from coaching-bot (${count})`,
  noMessages: 'No message from the bot yet.',
  newestFirst: 'Newest first.',
  bot: 'APP',
  closed: 'Week evaluated: to correct an answer, ask the programme owner.',
  saveComment: 'Save the comment',
  openCheckin: 'Answer now',
  openDashboard: 'Open the dashboard',
  unknownPerson: 'Nobody of that name in this programme: pick someone on the sandbox’s home page.',
  badForm: 'Incomplete form: reload the page and try again.',
  localOnly: 'The sandbox answers requests from this machine only: open it in a browser on the bot’s server.',
  command: {
    title: 'Commands',
    label: 'Type a command, as in Slack or Mattermost',
    hint: '/coaching, /phase or /checkin; only you see the answer.',
    send: 'Send',
    examples: 'For example:',
    unknown: 'Available commands: /coaching, /phase and /checkin (for example /coaching help).',
  },
  owner: {
    title: 'Play a week',
    intro:
      'These buttons run by hand what the scheduler does every week (Friday, Monday, Tuesday): the weekly check-in once the week has begun, the reminders and the evaluation once it is over. Running them again never sends the same message twice.',
    week: 'Week',
    prompt: 'Send the weekly check-in',
    reminder: 'Send the reminders',
    evaluate: 'Evaluate the week',
    dashboard: 'Open the dashboard',
    noWeek: 'No check-in week has started yet.',
    ownersOnly: 'Only the programme owners can run these.',
    prompted: (week: string, added: number, sent: number, total: number) =>
      added === 0
        ? `Weekly check-in for ${week}: already sent to the ${total} intrapreneurs, nothing more to send.`
        : `Weekly check-in for ${week}: ${n(sent, 'message sent', 'messages sent')} (${n(total, 'intrapreneur', 'intrapreneurs')}).`,
    reminded: (week: string, added: number, sent: number) =>
      added === 0
        ? `Reminders for ${week}: nobody else to remind.`
        : `Reminders for ${week}: ${n(sent, 'reminder sent', 'reminders sent')}.`,
    evaluated: (week: string, alerts: number, sent: number, due: number) =>
      `${week[0]?.toUpperCase()}${week.slice(1)} evaluated: ${n(alerts, 'alert', 'alerts')}, ${n(sent, 'message sent', 'messages sent')} of ${due} (alerts and digest).`,
    notAsked: (week: string) =>
      `Nobody received the check-in for ${week}: nothing to evaluate. Send it first.`,
    exempt: (week: string) =>
      `${week} is not followed (outside the period or a closure): nothing to evaluate.`,
    outsideWindow: (week: string) => `${week} is outside the check-in period: nothing to send.`,
    break: (week: string) => `${week} is a closure week: nothing to send.`,
  },
  started: (url: string) => `Sandbox: open ${url}/ in your browser.`,
};
