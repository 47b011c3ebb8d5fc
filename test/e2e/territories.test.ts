// Each person in their own calendar: an intrapreneur in La Réunion and one in Paris in the same programme. Friday
// 20 December 2030 commemorates the abolition of slavery in La Réunion (a public holiday there, not in Paris): the
// Réunion intrapreneur's prompt goes out on Thursday, the Paris one's on Friday as usual, each once, and the week is
// evaluated once for both. The prompt time stays the programme's (14:00 in Paris).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { Programme } from '../../src/core/programme.ts';
import { catchUp } from '../../src/scheduler/scheduler.ts';
import { openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const YAML = `
programme:
  name: Startups de Territoire — Outre-mer
  organisation: DINUM
  holidays: metropole
owners: [claire]
people:
  - { id: claire, name: Claire Dubois, email: claire@example.org }
  - { id: lea, name: Léa Hoarau, email: lea@example.org, holidays: reunion }
  - { id: paul, name: Paul Martin, email: paul@example.org }
  - { id: bob, name: Bob Leroy, email: bob@example.org }
  - { id: marc, name: Marc Petit, email: marc@example.org }
phases:
  - { id: pre_incubation, name: Pré-incubation, start: 2030-10-01, end: 2031-02-28 }
  - { id: poc_committee, name: Comité, start: 2031-03-03, end: 2031-03-14 }
projects:
  - id: ile
    name: Projet de l'île
    coach: bob
    intrapreneurs: [{ person: lea, manager: marc }]
  - id: paris
    name: Projet parisien
    coach: bob
    intrapreneurs: [{ person: paul, manager: marc }]
`;

/** 16–20 December 2030. */
const WEEK = '2030-W51';

function programme(): Programme {
  const load = parseProgramme(YAML);
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return load.programme;
}

describe('an intrapreneur in La Réunion and one in Paris', () => {
  let clock: TestClock;
  let chat: RecordingChat;
  let url: string;
  let bot: TestBot;
  const bots: TestBot[] = [];

  beforeEach(async () => {
    const p = programme();
    clock = new TestClock(new Date());
    clock.setParis('2030-12-16', 8);
    chat = new RecordingChat(p);
    url = tempDatabaseUrl();
    bot = await openBot(url, p, clock, chat);
    bots.push(bot);
  });
  afterEach(() => {
    for (const b of bots.splice(0)) b.close();
  });

  const ofWeek = (kind: string) => chat.messages.filter((m) => m.kind === kind && m.key.includes(WEEK));
  const prompted = () => ofWeek('prompt').map((m) => m.to);
  const runs = async (job: 'prompt' | 'evaluate') =>
    (await bot.ctx.store.listJobRuns(job)).filter((r) => r.week === WEEK);

  it('prompts the Réunion intrapreneur on Thursday 19 December, the Paris one on Friday 20, each once', async () => {
    clock.setParis('2030-12-19', 13, 59);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual([]);

    clock.setParis('2030-12-19', 14, 1);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea']);
    // The half-minute safety net runs the catch-up again and again: nobody is prompted twice.
    clock.advance(30_000);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea']);
    // Thursday's run reaches only part of the week's people: the week's prompt is not recorded as done yet.
    expect(await runs('prompt')).toEqual([]);

    clock.setParis('2030-12-20', 13, 59);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea']);

    clock.setParis('2030-12-20', 14, 1);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea', 'paul']);
    expect((await runs('prompt')).map((r) => r.at.toISOString())).toEqual(['2030-12-20T13:01:00.000Z']);

    // Both answer; Monday's reminder has nobody to remind; Tuesday evaluates the week once, for both.
    for (const actor of ['lea', 'paul']) {
      await recordAnswer(bot.ctx, {
        actor,
        week: WEEK,
        change: { field: 'release', release: { kind: 'days', days: actor === 'lea' ? 1 : 0 } },
      });
      await recordAnswer(bot.ctx, { actor, week: WEEK, change: { field: 'coaching', held: true } });
    }
    clock.setParis('2030-12-23', 9, 31);
    await catchUp(bot.ctx);
    clock.setParis('2030-12-24', 9, 1);
    await catchUp(bot.ctx);
    await catchUp(bot.ctx);
    expect((await runs('evaluate')).map((r) => r.at.toISOString())).toEqual(['2030-12-24T08:01:00.000Z']);
    expect(ofWeek('reminder')).toEqual([]);
    expect(ofWeek('digest').map((m) => m.to)).toEqual(['claire']);
    // Paul released no day: one alert about him, to his manager (the owner reads it in the digest); none about Léa.
    expect(
      ofWeek('alert')
        .map((m) => `${m.to}:${m.key.split(':')[1]}:${m.key.split(':')[2]}`)
        .sort(),
    ).toEqual(['marc:release_missed:paul']);
  });

  it('catches up on Friday morning the Réunion prompt missed on Thursday, and leaves Paris for 14:00', async () => {
    clock.setParis('2030-12-20', 10);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea']);
    clock.setParis('2030-12-20', 14, 1);
    await catchUp(bot.ctx);
    expect(prompted()).toEqual(['lea', 'paul']);
  });

  it('prompts nobody twice when restarted between the two runs', async () => {
    clock.setParis('2030-12-19', 14, 1);
    await catchUp(bot.ctx);
    clock.setParis('2030-12-19', 15);
    const restarted = await openBot(url, programme(), clock, chat);
    bots.push(restarted);
    await catchUp(restarted.ctx);
    expect(prompted()).toEqual(['lea']);
    clock.setParis('2030-12-20', 14, 1);
    await catchUp(restarted.ctx);
    expect(prompted()).toEqual(['lea', 'paul']);
  });

  it('prompts both at once when the bot was down over Thursday and Friday', async () => {
    clock.setParis('2030-12-21', 10);
    await catchUp(bot.ctx);
    expect(prompted().sort()).toEqual(['lea', 'paul']);
  });
});
