// A whole week with some people on Slack (the local Slack) and the others on e-mail only (a real SMTP server in the
// process): prompt, answers clicked in Slack and confirmed on the mail's pages, reminder threaded under its prompt,
// evaluation with an alert to a manager who has only an address, the digest by mail to an owner who asked for it.
// Each message arrives once, on one platform; a GET never records; the same answers end the same wherever given.
// Run on a plain server, then with STARTTLS and a password, then with implicit TLS and a password.
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import { findPerson, type Programme } from '../../src/core/programme.ts';
import { createDashboard } from '../../src/http/dashboard/routes.ts';
import { RoutingChat } from '../../src/platforms/routing-chat.ts';
import { dashboardLinks } from '../../src/runtime.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';
import { type EmailBot, startEmailBot } from '../support/email-bot.ts';
import { exampleProgramme } from '../support/fixtures.ts';
import { confirm, formOf, linksOf, linkTo, open, post } from '../support/mail-links.ts';
import type { Security } from '../support/mail-server.ts';

const WEEK = '2026-W47';
const TITLE = 'Point hebdomadaire — semaine 47, du 16 au 20 novembre';
/** On e-mail only: no Slack account. */
const OFF_SLACK = [
  'sophie',
  'karim',
  'camille',
  'mehdi',
  'elodie',
  'pierre',
  'laurent',
  'nathalie',
  'francois',
];

/** The example cohort; Thomas, an owner on Slack, wants his mail by e-mail. */
function programme(): Programme {
  const p = exampleProgramme();
  return { ...p, people: p.people.map((x) => (x.id === 'thomas' ? { ...x, channel: 'email' as const } : x)) };
}

const servers: { name: string; security: Security; auth?: { user: string; pass: string } }[] = [
  { name: 'a plain server without authentication', security: 'none' },
  {
    name: 'STARTTLS and a password',
    security: 'starttls',
    auth: { user: 'bot@region.example', pass: 'p@ss:w/rd' },
  },
  { name: 'implicit TLS and a password', security: 'implicit', auth: { user: 'bot', pass: 'secret' } },
];

describe.each(servers)('a week by Slack and by e-mail, over $name', (server) => {
  let s: SlackBot;
  let e: EmailBot;

  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await e.close();
    await s.close();
  });

  const email = (id: string) => findPerson(s.programme, id)?.email ?? '';
  const mailsOf = (id: string) => e.mail.to(email(id));
  const slackKeys = (id: string) =>
    s.slack.directMessages(s.slackId(id)).map((m) => String(m.metadata?.event_payload.key));

  async function click(person: string, ...labels: string[]): Promise<void> {
    const [message] = s.slack.directMessages(s.slackId(person));
    if (!message) throw new Error(`${person} got no prompt`);
    for (const label of labels) {
      const edits = message.edits;
      expect((await s.workspace.click(s.slackId(person), message, label)).status).toBe(200);
      await s.slack.until(() => message.edits > edits, `${person}'s check-in to be redrawn`);
    }
  }

  it('reaches everyone once, where they are, and records the same answers either way', async () => {
    s = await startSlackBot({ strangers: OFF_SLACK, programme: programme() });
    e = await startEmailBot({
      bot: { bot: s.bot, clock: s.clock },
      security: server.security,
      ...(server.auth ? { auth: server.auth } : {}),
    });
    // Both platforms behind one chat port, as the composition root puts them together.
    const ctx = Object.freeze({
      ...s.bot.ctx,
      chat: new RoutingChat([s.platform, e.platform]),
      dashboard: await dashboardLinks(s.bot.storage.secrets, e.env),
    });
    const dashboard = createDashboard({ ctx, env: e.env, sandbox: false });
    e.mount(dashboard.routes);
    const { store } = ctx;

    // Friday: the intrapreneurs on Slack get a direct message, the others a mail; nobody gets both.
    expect(await sendPrompts(ctx, WEEK)).toMatchObject({ status: 'done', total: 6, sent: 6 });
    for (const id of ['alice', 'nicolas']) {
      expect(slackKeys(id)).toEqual([`prompt:${id}:${WEEK}`]);
      expect(mailsOf(id)).toEqual([]);
    }
    for (const id of ['camille', 'mehdi', 'elodie', 'pierre']) {
      const mails = mailsOf(id);
      expect(mails.map((m) => [m.subject, m.messageId])).toEqual([
        [TITLE, `<prompt.${id}.${WEEK}@[127.0.0.1]>`],
      ]);
      expect(mails[0]?.header('auto-submitted')).toBe('auto-generated');
      expect(mails[0]?.from).toBe('coaching@region.example');
    }

    // Alice answers in Slack, Camille by the mail's links: opening a link records nothing, confirming does.
    s.clock.setParis('2026-11-20', 16);
    await click('alice', '1', 'Oui');
    const [camille] = mailsOf('camille');
    if (!camille) throw new Error('no prompt for Camille');
    const oneDay = await open(linkTo(camille, 'Un jour'));
    expect(oneDay.status).toBe(200);
    expect(oneDay.html).toContain('value="1" checked');
    await open(linkTo(camille, 'Oui, il a eu lieu'));
    expect(await store.getAnswer('camille', WEEK)).toBeUndefined();
    const saved = await confirm(linkTo(camille, 'Un jour'));
    expect(saved.text).toContain('Votre réponse est enregistrée.');
    expect(saved.text).toContain('Enregistré : 1 jour');
    await confirm(linkTo(camille, 'Oui, il a eu lieu'));
    const alice = await store.getAnswer('alice', WEEK);
    const camilleAnswer = await store.getAnswer('camille', WEEK);
    expect({
      release: camilleAnswer?.release,
      coachingHeld: camilleAnswer?.coachingHeld,
      by: camilleAnswer?.answeredBy,
    }).toEqual({
      release: alice?.release,
      coachingHeld: alice?.coachingHeld,
      by: 'camille',
    });
    expect(alice).toMatchObject({ release: { kind: 'days', days: 1 }, coachingHeld: true });
    // A comment, then a correction: each as in chat, the rest of the answer kept.
    await confirm(linkTo(camille, 'Oui, il a eu lieu'), { comment: 'Atelier avec la DSI jeudi' });
    await confirm(linkTo(camille, 'Un jour'), { release: '1.5' });
    expect(await store.getAnswer('camille', WEEK)).toMatchObject({
      release: { kind: 'days', days: 1.5 },
      coachingHeld: true,
      comment: 'Atelier avec la DSI jeudi',
    });

    const [mehdi] = mailsOf('mehdi');
    const [pierre] = mailsOf('pierre');
    if (!mehdi || !pierre) throw new Error('prompts missing');
    await confirm(linkTo(mehdi, 'Une demi-journée (½)'));
    await confirm(linkTo(mehdi, 'Non'));
    await confirm(linkTo(pierre, 'J’étais en congés'));

    // Monday: Nicolas (Slack) and Élodie (mail) have not answered; Élodie's reminder answers her prompt's thread.
    s.clock.setParis('2026-11-23', 9, 30);
    expect(await sendReminders(ctx, WEEK)).toMatchObject({ total: 2, sent: 2 });
    expect(slackKeys('nicolas')).toEqual([`prompt:nicolas:${WEEK}`, `reminder:nicolas:${WEEK}`]);
    const [, reminder] = mailsOf('elodie');
    expect(reminder?.subject).toBe(`Re: ${TITLE}`);
    expect(reminder?.inReplyTo).toBe(`<prompt.elodie.${WEEK}@[127.0.0.1]>`);
    expect(reminder?.references).toEqual([`<prompt.elodie.${WEEK}@[127.0.0.1]>`]);
    expect(reminder?.text).toContain('petit rappel');
    expect(linksOf(reminder as NonNullable<typeof reminder>).map((l) => l.label)).toContain('Un jour');

    // Tuesday: Mehdi's manager, on e-mail only, hears of the missed day; Thomas gets the digest by mail.
    s.clock.setParis('2026-11-24', 9);
    const evaluation = await evaluateWeek(ctx, WEEK);
    expect(evaluation).toMatchObject({ status: 'done', failed: 0, retried: 0 });
    const francois = mailsOf('francois');
    expect(francois.map((m) => m.subject)).toEqual(['Jour libéré non respecté — Mehdi Haddad']);
    expect(francois[0]?.text).toContain('Mehdi Haddad a déclaré 0,5 jour libéré pour la semaine 47');
    expect(francois[0]?.text).toContain('manager de cette personne');
    expect(linksOf(francois[0] as NonNullable<(typeof francois)[0]>)).toEqual([]);
    const digest = mailsOf('thomas').find((m) => m.messageId === `<digest.thomas.${WEEK}@[127.0.0.1]>`);
    expect(digest?.subject).toBe('Synthèse de la semaine 47, du 16 au 20 novembre');
    expect(digest?.text).toContain('Jour libéré : 2/6 respectés, 1 manqué, 2 sans réponse, 1 exempté.');
    const board = await open(linkTo(digest as NonNullable<typeof digest>, 'Ouvrir le tableau de bord'));
    expect(board.status).toBe(200);
    expect(board.text).toContain('Tableau de bord');
    expect(slackKeys('claire')).toContain(`digest:claire:${WEEK}`);
    expect(mailsOf('claire')).toEqual([]);

    // The week is evaluated: Camille's links now say so, and whom to ask; her old form changes nothing.
    const closed = await open(linkTo(camille, 'Aucun jour'));
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('La semaine 47, du 16 au 20 novembre a été évaluée');
    expect(closed.text).toContain('Claire Dubois');
    const late = await post(linkTo(camille, 'Aucun jour'), formOf(oneDay.html));
    expect(late.status).toBe(410);
    expect((await store.getAnswer('camille', WEEK))?.release).toEqual({ kind: 'days', days: 1.5 });

    // Running every step again sends nothing more; each mail is one outbox entry sent by e-mail, and the reverse.
    const before = e.mail.mails.length;
    await sendPrompts(ctx, WEEK);
    await sendReminders(ctx, WEEK);
    await evaluateWeek(ctx, WEEK);
    expect(e.mail.mails).toHaveLength(before);
    const outbox = await store.listOutbox({ week: WEEK });
    expect(outbox.filter((entry) => entry.status !== 'sent')).toEqual([]);
    const byMail = outbox.filter((entry) => entry.sent?.platform === 'email');
    expect(e.mail.mails.map((m) => m.messageId).sort()).toEqual(
      byMail.map((entry) => entry.sent?.ref).sort(),
    );
    expect(new Set(e.mail.mails.map((m) => m.messageId)).size).toBe(e.mail.mails.length);
    const slackSent = outbox.filter((entry) => entry.sent?.platform === 'slack');
    expect(s.slack.messages).toHaveLength(slackSent.length);
    expect(visibleText(s.slack.directMessages(s.slackId('alice'))[0])).toContain('Enregistré : 1 jour');
  });
});
