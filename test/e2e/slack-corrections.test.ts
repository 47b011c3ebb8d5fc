// An owner corrects an intrapreneur's evaluated week from Slack: `/checkin @alice 2026-W47` opens Alice's form for the
// owner alone, each click and the comment are recorded for Alice in the owner's name. Whoever clicks is Slack's signed
// user: the same buttons clicked by someone who is not an owner change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import type { FakeEphemeral } from '../fakes/slack-server.ts';
import { buttons, visibleText } from '../fakes/slack-workspace.ts';

const WEEK = '2026-W47';

describe('an owner’s correction from Slack', () => {
  let s: SlackBot;

  beforeEach(async () => {
    s = await startSlackBot();
    await sendPrompts(s.bot.ctx, WEEK);
    s.clock.setParis('2026-11-20', 16);
    await recordAnswer(s.bot.ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0 } },
    });
    s.clock.setParis('2026-11-24', 9);
    await evaluateWeek(s.bot.ctx, WEEK);
    s.clock.setParis('2026-11-25', 10);
  });
  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  const redrawn = (form: FakeEphemeral, edits: number) =>
    s.slack.until(() => form.edits >= edits, 'the form to be redrawn');

  it('opens Alice’s evaluated week for the owner and records each click for her, in the owner’s name', async () => {
    const claire = s.slackId('claire');
    const form = await s.workspace.ask(claire, '/checkin', `<@${s.slackId('alice')}|alice.martin> ${WEEK}`);
    expect(visibleText(form)).toContain(
      'Point hebdomadaire de Alice Martin, rempli par vous : chaque clic est enregistré pour Alice Martin, à votre nom',
    );
    expect(visibleText(form)).toContain('Semaine 47 — du 16 au 20 novembre');
    expect(visibleText(form)).toContain('Enregistré : 0 jour');
    expect(buttons(form).every((b) => String(b.button.value).endsWith('|for=alice'))).toBe(true);

    await s.workspace.click(claire, form, '1', { block: `release|${WEEK}` });
    await redrawn(form, 1);
    expect(visibleText(form)).toContain('Enregistré : 1 jour');
    expect(visibleText(form)).toContain('Point hebdomadaire de Alice Martin, rempli par vous');
    expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      release: { kind: 'days', days: 1 },
      answeredBy: 'claire',
    });
    expect(await s.bot.ctx.store.listCorrections({})).toMatchObject([
      { intrapreneur: 'alice', week: WEEK, field: 'release', before: '0', after: '1', by: 'claire' },
    ]);

    // The comment, through the modal: Alice's comment, written by Claire.
    await s.workspace.click(claire, form, 'Ajouter un commentaire');
    await s.slack.until(() => s.slack.views.size === 1, 'the comment modal');
    const [opened] = [...s.slack.views.values()];
    if (!opened) throw new Error('no modal');
    expect(await s.workspace.submit(claire, opened.id, { comment: 'Jour libéré rattrapé le jeudi' })).toEqual(
      {
        status: 200,
        body: '',
      },
    );
    expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      comment: 'Jour libéré rattrapé le jeudi',
      answeredBy: 'claire',
    });
    await redrawn(form, 2);
    expect(visibleText(form)).toContain('commentaire : « Jour libéré rattrapé le jeudi »');

    // A long comment: the modal takes as much as the bot keeps (2,000 characters), as Mattermost's dialog does.
    await s.workspace.click(claire, form, 'Modifier le commentaire');
    await s.slack.until(() => s.slack.views.size === 2, 'the comment modal, again');
    const again = [...s.slack.views.values()][1];
    if (!again) throw new Error('no modal');
    const long = 'Rattrapage détaillé. '.repeat(95);
    expect(long.length).toBe(1995);
    expect(await s.workspace.submit(claire, again.id, { comment: long })).toEqual({ status: 200, body: '' });
    expect((await s.bot.ctx.store.getAnswer('alice', WEEK))?.comment).toBe(long.trim());
  });

  it('refuses the owner’s form to anyone else, and their clicks on it change nothing', async () => {
    const nicolas = s.slackId('nicolas');
    const refused = await s.workspace.ask(nicolas, '/checkin', `<@${s.slackId('alice')}> ${WEEK}`);
    expect(refused.text).toBe(
      'Seuls les responsables du programme peuvent ouvrir le point hebdomadaire d’Alice Martin pour répondre à sa place.',
    );
    expect(refused.blocks).toEqual([]);

    // Nicolas sends the very click Claire's form carries: Slack says it is his, so it is refused.
    const form = await s.workspace.ask(s.slackId('claire'), '/checkin', `<@${s.slackId('alice')}> ${WEEK}`);
    const before = s.slack.ephemerals.length;
    await s.workspace.click(nicolas, form, '2 et plus', { block: `release|${WEEK}` });
    await s.workspace.click(nicolas, form, 'Ajouter un commentaire');
    await s.slack.until(() => s.slack.ephemerals.length === before + 2, 'the refusals');
    expect(s.slack.ephemerals.slice(before).map((e) => [e.user, e.text])).toEqual([
      [nicolas, 'Vous ne pouvez pas répondre à la place d’Alice Martin.'],
      [nicolas, 'Vous ne pouvez pas répondre à la place d’Alice Martin.'],
    ]);
    expect(s.slack.views.size).toBe(0);
    expect(await s.bot.ctx.store.getAnswer('alice', WEEK)).toMatchObject({
      release: { kind: 'days', days: 0 },
      answeredBy: 'alice',
    });
    expect(await s.bot.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
    expect(await s.bot.ctx.store.listCorrections({})).toEqual([]);
    expect(form.edits).toBe(0);
  });
});
