// `people[].timezone`: an agent in La Réunion and one in Paris in the same programme. Each is asked at 14:00 on Friday
// in their own time zone, across the end of summer time in Paris (La Réunion has none), once; the week stays the
// programme's, and the week is evaluated once for both.
import { afterEach, describe, expect, it } from 'vitest';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { Programme } from '../../src/core/programme.ts';
import { catchUp } from '../../src/scheduler/scheduler.ts';
import { openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const YAML = `
programme:
  name: Startups de Territoire — Outre-mer
  organisation: DINUM
owners: [claire]
people:
  - { id: claire, name: Claire Dubois, email: claire@example.org }
  - { id: lea, name: Léa Hoarau, email: lea@example.org, timezone: Indian/Reunion }
  - { id: paul, name: Paul Martin, email: paul@example.org }
  - { id: bob, name: Bob Leroy, email: bob@example.org }
  - { id: marc, name: Marc Petit, email: marc@example.org }
phases:
  - { id: pre_incubation, name: Pré-incubation, start: 2026-10-19, end: 2027-02-26 }
  - { id: poc_committee, name: Comité, start: 2027-03-01, end: 2027-03-15 }
projects:
  - { id: ile, name: Projet de l'île, coach: bob, intrapreneurs: [{ person: lea, manager: marc }] }
  - { id: paris, name: Projet parisien, coach: bob, intrapreneurs: [{ person: paul, manager: marc }] }
`;

function programme(yaml = YAML): Programme {
  const load = parseProgramme(yaml);
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return load.programme;
}

describe('an agent in La Réunion and one in Paris, in one programme', () => {
  const bots: TestBot[] = [];
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.close();
  });

  it('asks each at 14:00 in their own zone across the Paris change of time, and evaluates the week once', async () => {
    const p = programme();
    expect(p.people.find((x) => x.id === 'lea')?.timezone).toBe('Indian/Reunion');
    const clock = new TestClock(new Date('2026-10-23T09:59:00Z'));
    const chat = new RecordingChat(p);
    const url = tempDatabaseUrl();
    let bot = await openBot(url, p, clock, chat);
    bots.push(bot);
    const at = async (instant: string) => {
      clock.advance(new Date(instant).getTime() - clock.now().getTime());
      await catchUp(bot.ctx);
      return chat.messages.filter((m) => m.kind === 'prompt').map((m) => `${m.to} ${m.key.split(':')[2]}`);
    };

    // Friday 23 October: Paris on UTC+2, La Réunion on UTC+4.
    expect(await at('2026-10-23T09:59:00Z')).toEqual([]);
    expect(await at('2026-10-23T10:00:00Z')).toEqual(['lea 2026-W43']);
    expect(await at('2026-10-23T11:59:00Z')).toEqual(['lea 2026-W43']);
    expect(await at('2026-10-23T12:00:00Z')).toEqual(['lea 2026-W43', 'paul 2026-W43']);

    // Tuesday 27 October, 09:00 in Paris (UTC+1 since Sunday): the week is evaluated once, for both.
    await at('2026-10-27T08:00:00Z');
    expect(await bot.ctx.store.isEvaluated('2026-W43')).toBe(true);
    expect((await bot.ctx.store.listJobRuns('evaluate')).map((r) => r.week)).toEqual(['2026-W43']);

    // Friday 30 October: Paris on UTC+1, La Réunion still on UTC+4. A restart in between sends nothing again.
    expect(await at('2026-10-30T10:00:00Z')).toEqual(['lea 2026-W43', 'paul 2026-W43', 'lea 2026-W44']);
    await bot.close();
    bots.pop();
    bot = await openBot(url, p, clock, chat);
    bots.push(bot);
    expect(await at('2026-10-30T12:00:00Z')).toHaveLength(3);
    expect(await at('2026-10-30T13:00:00Z')).toEqual([
      'lea 2026-W43',
      'paul 2026-W43',
      'lea 2026-W44',
      'paul 2026-W44',
    ]);
    expect(await at('2026-10-30T13:30:00Z')).toHaveLength(4);
  });

  it('moves only the Réunion agent’s prompt off La Réunion’s 20 December, to Thursday 14:00 in La Réunion', async () => {
    // Friday 20 December 2030, the abolition of slavery in La Réunion: a holiday there, not in Paris.
    const yaml = YAML.replace(
      '{ id: lea, name: Léa Hoarau, email: lea@example.org, timezone: Indian/Reunion }',
      '{ id: lea, name: Léa Hoarau, email: lea@example.org, timezone: Indian/Reunion, holidays: reunion }',
    )
      .replace('start: 2026-10-19, end: 2027-02-26', 'start: 2030-12-16, end: 2031-02-28')
      .replace('start: 2027-03-01, end: 2027-03-15', 'start: 2031-03-03, end: 2031-03-14');
    const p = programme(yaml);
    expect(p.people.find((x) => x.id === 'lea')?.holidays).toBe('reunion');
    const clock = new TestClock(new Date('2030-12-19T09:59:00Z'));
    const chat = new RecordingChat(p);
    const bot = await openBot(tempDatabaseUrl(), p, clock, chat);
    bots.push(bot);
    const at = async (instant: string) => {
      clock.advance(new Date(instant).getTime() - clock.now().getTime());
      await catchUp(bot.ctx);
      return chat.messages.filter((m) => m.kind === 'prompt').map((m) => `${m.to} ${m.key.split(':')[2]}`);
    };

    // Thursday 19 December, 14:00 in La Réunion (UTC+4): Léa only.
    expect(await at('2030-12-19T09:59:00Z')).toEqual([]);
    expect(await at('2030-12-19T10:00:00Z')).toEqual(['lea 2030-W51']);
    // Friday 20 December: 14:00 in La Réunion asks nobody again; 14:00 in Paris (UTC+1) asks Paul, once.
    expect(await at('2030-12-20T10:00:00Z')).toEqual(['lea 2030-W51']);
    expect(await at('2030-12-20T13:00:00Z')).toEqual(['lea 2030-W51', 'paul 2030-W51']);
    expect(await at('2030-12-20T13:30:00Z')).toHaveLength(2);
    // Tuesday 24 December, 09:00 in Paris: the week is evaluated once, for both.
    await at('2030-12-24T08:00:00Z');
    expect((await bot.ctx.store.listJobRuns('evaluate')).map((r) => r.week)).toEqual(['2030-W51']);
  });
});
