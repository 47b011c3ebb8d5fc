// A cohort of 60 intrapreneurs through two weeks, over the local Slack and the local Mattermost, which refuse a
// message past their limits as the real ones do: prompts, answers, reminders, evaluations with many alerts, the
// owners' digest, and the commands whose answers grow with the cohort (`/phase`, `/coaching history`). Nothing is
// refused, every message arrives, and each owner gets one digest a week with every alert in it.
import { afterEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import type { AppContext } from '../../src/app/context.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { sendReminders } from '../../src/app/reminders.ts';
import type { ReleasedDays } from '../../src/core/checkin.ts';
import type { WeekId } from '../../src/core/week.ts';
import { conversation, visibleText as postText, slashCommand } from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';
import { visibleText } from '../fakes/slack-workspace.ts';
import { type Cohort, cohort } from '../support/cohort.ts';
import type { TestClock } from '../support/fixtures.ts';

const WEEKS: { week: WeekId; friday: string; monday: string; tuesday: string }[] = [
  { week: '2026-W46', friday: '2026-11-13', monday: '2026-11-16', tuesday: '2026-11-17' },
  { week: '2026-W47', friday: '2026-11-20', monday: '2026-11-23', tuesday: '2026-11-24' },
];
const W47 = '2026-W47';
const DASHBOARD = 'https://bot.example.org/dashboard';

/**
 * What each intrapreneur answers: i000–i029 no day and no coaching point both weeks (escalated, and coaching
 * missed), i030–i044 a first miss in W47, i045–i054 never answer, i055–i059 honour both weeks.
 */
function answerOf(index: number, week: WeekId): { days?: ReleasedDays; held?: boolean } {
  if (index < 30) return { days: 0, held: false };
  if (index < 45) return week === W47 ? { days: 0.5, held: false } : { days: 1, held: true };
  if (index < 55) return {};
  return { days: 1, held: true };
}

/** Both weeks, as the scheduler runs them: Friday's prompts, the answers, Monday's reminders, Tuesday's evaluation. */
async function playTwoWeeks(ctx: AppContext, clock: TestClock, c: Cohort): Promise<void> {
  for (const { week, friday, monday, tuesday } of WEEKS) {
    clock.setParis(friday, 14);
    expect(await sendPrompts(ctx, week)).toMatchObject({ status: 'done', total: 60, failed: 0 });
    clock.setParis(friday, 16);
    for (const [index, who] of c.intrapreneurs.entries()) {
      const { days, held } = answerOf(index, week);
      if (days !== undefined) {
        await recordAnswer(ctx, {
          actor: who,
          week,
          change: { field: 'release', release: { kind: 'days', days } },
        });
      }
      if (held !== undefined)
        await recordAnswer(ctx, { actor: who, week, change: { field: 'coaching', held } });
    }
    clock.setParis(monday, 9, 30);
    expect(await sendReminders(ctx, week)).toMatchObject({ status: 'done', total: 10, failed: 0 });
    clock.setParis(tuesday, 9);
    expect(await evaluateWeek(ctx, week)).toMatchObject({ status: 'done', failed: 0, retried: 0 });
  }
}

/** What the W47 digest must say, in any platform's rendering. */
function expectW47Digest(text: string): void {
  expect(text).toContain('Synthèse de la semaine 47, du 16 au 20 novembre');
  expect(text).toContain('Jour libéré : 5/60 respectés, 45 manqués, 10 sans réponse, 0 exempté.');
  expect(text).toContain('Points de coaching : 5/60.');
  expect(text).toContain('95 alertes :');
  expect(text).toContain('• Jour libéré non respecté deux semaines de suite (30) : ');
  expect(text).toContain('• Jour libéré non respecté (15) : ');
  expect(text).toContain('• Pas de réponse au point hebdomadaire (10) : ');
  expect(text).toContain('• Point de coaching manqué deux semaines de suite (40) : ');
  expect(text).toContain(`sur le tableau de bord : ${DASHBOARD}`);
}

/** Ten sessions logged by a coach, each with notes as long as a coach may write (2,000 characters). */
const longNotes = (n: number) =>
  `Séance ${n} : ${'revue du POC, points de blocage, suite à donner. '.repeat(60)}`.slice(0, 2000);

describe('a cohort of 60 over Slack', () => {
  let s: SlackBot;
  let c: Cohort;

  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    expect(s.slack.refused).toEqual([]);
    await s.close();
  });

  const keysOf = (person: string, week: WeekId) =>
    s.slack
      .directMessages(s.slackId(person))
      .map((m) => String(m.metadata?.event_payload.key))
      .filter((k) => k.includes(`:${week}`));

  it('delivers the whole week, nothing refused, and each owner one digest with every alert', async () => {
    c = cohort(60);
    s = await startSlackBot({ programme: c.programme, publicUrl: 'https://bot.example.org' });
    await playTwoWeeks(s.bot.ctx, s.clock, c);

    const outbox = await s.bot.ctx.store.listOutbox({});
    expect(outbox.filter((e) => e.status !== 'sent')).toEqual([]);
    for (const owner of c.owners) expect(keysOf(owner, W47)).toEqual([`digest:${owner}:${W47}`]);
    // Alerts go to whoever must act: i000–i002's manager, and i000–i009's coach.
    expect(keysOf('m000', W47).sort()).toEqual(
      ['i000', 'i001', 'i002'].map((i) => `alert:release_missed_again:${i}:${W47}:m000`),
    );
    expect(keysOf('c000', W47)).toHaveLength(10);
    const digest = s.slack
      .directMessages(s.slackId('claire'))
      .find((m) => m.metadata?.event_payload.key === `digest:claire:${W47}`);
    expectW47Digest(visibleText(digest));
    expect(digest?.blocks).toHaveLength(2);

    const escalated = s.slack.directMessages(s.slackId('m000')).at(-1);
    expect(visibleText(escalated)).toContain('deux semaines de suite');
    expect(visibleText(escalated)).not.toContain('pas la première fois');
  });

  it('answers /phase with 60 projects and /coaching history with long notes, and refuses longer notes', async () => {
    c = cohort(60);
    s = await startSlackBot({ programme: c.programme });
    s.clock.setParis('2026-11-24', 10);
    const coach = s.slackId('c000');
    for (let n = 1; n <= 10; n++) {
      const logged = await s.workspace.ask(
        coach,
        '/coaching',
        `log @i000 2026-11-${10 + n} 1h ${longNotes(n)}`,
      );
      expect(logged.text).toContain('Séance de coaching enregistrée pour Alice Martin');
    }
    const tooLong = await s.workspace.ask(coach, '/coaching', `log @i000 1h ${'x'.repeat(2001)}`);
    expect(tooLong.text).toContain(
      'Vos notes font 2\u202f001 caractères, pour 2\u202f000 au plus : rien n’a été enregistré.',
    );
    expect(tooLong.text).toContain('/coaching log @intrapreneur');
    expect(await s.bot.ctx.store.listCoachingSessions({ intrapreneur: 'i000' })).toHaveLength(10);

    const history = await s.workspace.ask(coach, '/coaching', 'history @i000');
    expect(history.text).toContain('Dernières séances de coaching d’Alice Martin');
    for (let n = 1; n <= 10; n++) expect(history.text).toContain(`Séance ${n} :`);

    const phase = await s.workspace.ask(s.slackId('claire'), '/phase');
    expect(phase.text).toContain('Projet Alice Martin — en pré-incubation');
    expect(phase.text).toContain('Projet Hugo Dupont — en pré-incubation');
    expect(phase.text).toMatch(/Conformité, semaine 47|Pas encore de semaine de suivi/);
  });
});

describe('a cohort of 60 over Mattermost', () => {
  let w: MattermostWorld;
  let c: Cohort;

  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    expect(w.mm.refused).toEqual([]);
    await w.close();
  });

  const keysOf = (person: string, week: WeekId) =>
    conversation(w.mm, w.bot, person)
      .map((p) => String(p.props.coaching_bot_key))
      .filter((k) => k.includes(`:${week}`));

  it('delivers the whole week, nothing refused, and each owner one digest with every alert', async () => {
    c = cohort(60);
    w = await mattermostWorld({ programme: c.programme, publicUrl: 'https://bot.example.org' });
    await w.platform.start();
    await playTwoWeeks(w.app.ctx, w.clock, c);

    const outbox = await w.app.ctx.store.listOutbox({});
    expect(outbox.filter((e) => e.status !== 'sent')).toEqual([]);
    for (const owner of c.owners) expect(keysOf(owner, W47)).toEqual([`digest:${owner}:${W47}`]);
    expect(keysOf('m000', W47)).toHaveLength(3);
    expect(keysOf('c000', W47)).toHaveLength(10);
    const digest = conversation(w.mm, w.bot, 'claire').find(
      (p) => p.props.coaching_bot_key === `digest:claire:${W47}`,
    );
    expectW47Digest(postText(digest as FakePost));
  });

  it('answers /phase with 60 projects and /coaching history with long notes, within a post', async () => {
    c = cohort(60);
    w = await mattermostWorld({ programme: c.programme });
    await w.platform.start();
    w.clock.setParis('2026-11-24', 10);
    for (let n = 1; n <= 10; n++) {
      const logged = await slashCommand(
        w.mm,
        'c000',
        `/coaching log @i000 2026-11-${10 + n} 1h ${longNotes(n)}`,
      );
      expect(logged.post?.message).toContain('Séance de coaching enregistrée pour Alice Martin');
    }
    const history = await slashCommand(w.mm, 'c000', '/coaching history @i000');
    const text = history.post?.message ?? '';
    for (let n = 1; n <= 10; n++) expect(text).toContain(`Séance ${n} :`);
    expect([...text].length).toBeLessThanOrEqual(16_383);

    const phase = await slashCommand(w.mm, 'claire', '/phase');
    expect(phase.post?.message).toContain('Projet Hugo Dupont — en pré-incubation');
  });
});
