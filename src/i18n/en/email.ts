import type { email as fr } from '../fr/email.ts';

export const email: typeof fr = {
  prompt: {
    intro: (name: string) =>
      `Hello ${name}, two questions about your week. Choose an answer: a page opens to confirm it, and you can then correct it or add a comment.`,
    release: {
      0: 'No day',
      0.5: 'Half a day (½)',
      1: 'One day',
      1.5: 'One and a half days (1½)',
      2: 'Two days or more',
      leave: 'I was on leave',
    },
    coaching: { yes: 'Yes, it took place', no: 'No' },
    open: 'Open my weekly check-in',
    personal:
      'These links are yours alone: do not forward this message. They work until the week is evaluated.',
  },
  reminder: {
    subjectPrefix: 'Re: ',
    body: (name: string, week: string) =>
      `Hello ${name}, a quick reminder: we do not have your answer for ${week} yet. Two clicks are enough: choose an answer below, then confirm it.`,
  },
  alert: {
    subject: (title: string, who: string) => `${title} — ${who}`,
    why: {
      manager:
        'You receive this alert because you are named as this person’s line manager: the programme expects them to be released from their usual duties every week for their project.',
      coach: 'You receive this alert because you coach this person.',
      owner: 'You receive this alert as an owner of the programme.',
    },
  },
  dashboard: {
    open: 'Open the dashboard',
    until: (until: string) =>
      `Personal link, valid until ${until}: do not forward it, it opens the whole cohort’s answers.`,
    subject: 'Your link to the programme dashboard',
  },
  footer: (programme: string, organisation: string) =>
    `Automatic message of the programme “${programme}” (${organisation}). Your answers are recorded through the links in this message, not by replying to it.`,
  page: {
    whose: (name: string) => `Intrapreneur: ${name}`,
    confirmLead: 'Check your answer, then confirm it: nothing is recorded before.',
    changeLead: 'You can correct your answer or add a comment, then save.',
    confirm: 'Confirm',
    save: 'Save',
    saved: 'Your answer is recorded.',
    unchanged: 'Nothing changed: your answer was already recorded this way.',
    commentLabel: 'Comment (optional)',
    commentHint: 'What helped or prevented your released day, your coaching point… Leave empty to erase it.',
    noAnswer: 'No answer',
    askOwners: 'For any question, write to an owner of the programme:',
    refused: {
      malformed: {
        title: 'Incomplete link',
        body: 'This link is incomplete or damaged: your mail software may have cut it. Open it from the message you received, or copy it whole. Nothing was recorded.',
      },
      forged: {
        title: 'Invalid link',
        body: 'This link was not made by this programme’s bot, or it was altered. Open it from the message you received. Nothing was recorded.',
      },
      expired: {
        title: 'Expired link',
        body: 'This link has expired. Use the links of the most recent message. Nothing was recorded.',
      },
      removed: {
        title: 'Link no longer valid',
        body: 'This link no longer works: you are no longer one of the intrapreneurs this programme follows. Nothing was recorded.',
      },
      closed: {
        title: 'Week closed',
        body: (week: string) =>
          `${week.charAt(0).toUpperCase()}${week.slice(1)} has been evaluated: its answer can no longer be changed through this link. An owner of the programme can still correct it for you.`,
      },
      form: {
        title: 'Page expired',
        body: 'This page has expired or was not sent from the bot. Nothing was recorded: open the link of the message again, then confirm again.',
      },
      badForm: {
        title: 'Answer not understood',
        body: 'Nothing was recorded: choose one of the answers offered.',
      },
    },
  },
  start: {
    notConfigured:
      'SMTP_URL is not set: give the mail server, e.g. smtp://user:password@smtp.region.example:587.',
    unreachable: (server: string, cause: string) =>
      `The mail server ${server} cannot be reached (${cause}). Check the host and port of SMTP_URL, and that this server accepts connections from the bot.`,
    tls: (server: string, cause: string) =>
      `The encrypted connection to the mail server ${server} failed (${cause}). Check the server’s certificate, or the scheme of SMTP_URL: smtp:// for port 587 (STARTTLS), smtps:// for port 465.`,
    auth: (server: string) =>
      `The mail server ${server} refuses the user name or password of SMTP_URL (smtp://user:password@server:587). Check them; a password holding @, : or / is written encoded (%40, %3A, %2F).`,
    authRequired: (server: string) =>
      `The mail server ${server} asks for authentication: give the user name and password in SMTP_URL (smtp://user:password@server:587).`,
    refused: (server: string, reply: string) => `The mail server ${server} refuses the bot: ${reply}`,
    loopbackPublicUrl: (url: string) =>
      `PUBLIC_URL is ${url}: the links in the mails will open on this machine only. Give the bot’s public address.`,
  },
};
