import type { slack as fr } from '../fr/slack.ts';

export const slack: typeof fr = {
  /** "week 48, 23–27 November" → "Week 48 — 23–27 November" */
  weekTitle: (label: string) => {
    const [week = label, range] = label.split(', ');
    return range === undefined ? label : `${week.charAt(0).toUpperCase()}${week.slice(1)} — ${range}`;
  },
  checkinIntro: 'Your weekly check-in. Each click is saved at once.',
  changeHint: 'To correct an answer, click another one.',
  editComment: 'Edit the comment',
  modal: {
    title: 'Comment',
    submit: 'Save',
    close: 'Cancel',
    label: (week: string) => `Your comment on ${week}`,
    placeholder: 'What helped or prevented your released day, your coaching point…',
    hint: 'Leave empty to clear the comment.',
  },
  somethingWentWrong:
    'Something went wrong on our side; your click was not saved. Please try again in a moment.',
  commandFailed:
    'Something went wrong on our side; your command did not go through. Please try again in a moment.',
  commentFailed:
    'Something went wrong on our side; your comment was not saved. Please try again in a moment.',
  startup: {
    notConfigured: 'SLACK_BOT_TOKEN is not set: give the app’s “Bot User OAuth Token” (xoxb-…).',
    invalidAuth:
      'Slack refuses SLACK_BOT_TOKEN (invalid_auth): copy the “Bot User OAuth Token” (xoxb-…) from the app’s “OAuth & Permissions” page, after installing the app in the workspace.',
    revoked: (code: string) =>
      `Slack refuses SLACK_BOT_TOKEN (${code}): the token was revoked or the app uninstalled. Reinstall the app and copy the new “Bot User OAuth Token”.`,
    missingScope: (needed: string) =>
      `The Slack app lacks the ${needed} scope: recreate the app from manifest.yml or add the scope, then reinstall it.`,
    unreachable: (detail: string) =>
      `Cannot reach Slack’s API (${detail}): check the server’s network access, or SLACK_API_URL if you set it.`,
    appToken: (code: string) =>
      `Slack refuses SLACK_APP_TOKEN (${code}): for Socket Mode, create an app-level token (xapp-…) with the connections:write scope under “Basic Information → App-Level Tokens”.`,
  },
};
