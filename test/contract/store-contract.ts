// The storage port's contract, checked from the outside on every implementation: what is stored and what comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alerts.ts';
import type { Correction } from '../../src/core/correction.ts';
import type { Store } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';
import { outboxContract } from './outbox-contract.ts';
import { answer, at, contractProgramme, MINUTE, T0 } from './store-fixtures.ts';

export { CONTRACT_PROGRAMME_KEY, contractProgramme } from './store-fixtures.ts';

export interface StoreFixture {
  store: Store;
  close(): Promise<void>;
}

/** Alice's programme without Nora and her project (a person and her project left the file). */
const withoutNora = (p: Programme) => {
  p.people = p.people.filter((x) => x.id !== 'nora');
  p.projects = p.projects.filter((x) => x.id !== 'cantines');
};

function alert(kind: Alert['kind'], intrapreneur: string, week: string): Alert {
  return {
    kind,
    intrapreneur,
    week,
    recipients: ['claire', 'marc'],
    reason: { releasedDays: 0, required: 1 },
  };
}

export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.close();
    });

    describe('syncProgramme', () => {
      it('adds everyone on the first sync and reports nothing when the file did not change', async () => {
        expect(await store.syncProgramme(contractProgramme(), T0)).toEqual({
          people: { added: 5, updated: 0, deactivated: 0 },
          projects: { added: 2, updated: 0, deactivated: 0 },
        });
        expect(await store.activePeople()).toEqual(['alice', 'bob', 'claire', 'marc', 'nora']);
        expect(await store.syncProgramme(contractProgramme(), T0)).toEqual({
          people: { added: 0, updated: 0, deactivated: 0 },
          projects: { added: 0, updated: 0, deactivated: 0 },
        });
      });

      it('updates changed people and projects', async () => {
        await store.syncProgramme(contractProgramme(), T0);
        const changed = contractProgramme((p) => {
          p.people[1] = { id: 'alice', name: 'Alice Martin-Roux', email: 'alice@example.org' };
          for (const project of p.projects) {
            if (project.id === 'covoiturage')
              Object.assign(project, { status: 'poc_presented', coach: 'claire' });
          }
        });
        expect(await store.syncProgramme(changed, T0)).toEqual({
          people: { added: 0, updated: 1, deactivated: 0 },
          projects: { added: 0, updated: 1, deactivated: 0 },
        });
      });

      it('deactivates whoever left the file, keeps their history, and reactivates them when they come back', async () => {
        await store.syncProgramme(contractProgramme(), T0);
        await store.saveAnswer(answer('nora', '2026-W48', { release: { kind: 'days', days: 1 } }));

        expect(await store.syncProgramme(contractProgramme(withoutNora), at('2026-12-01T08:00:00Z'))).toEqual(
          {
            people: { added: 0, updated: 0, deactivated: 1 },
            projects: { added: 0, updated: 0, deactivated: 1 },
          },
        );
        expect(await store.activePeople()).toEqual(['alice', 'bob', 'claire', 'marc']);
        expect((await store.getAnswer('nora', '2026-W48'))?.release).toEqual({ kind: 'days', days: 1 });
        // Already inactive: not counted again.
        expect((await store.syncProgramme(contractProgramme(withoutNora), T0)).people.deactivated).toBe(0);

        expect(await store.syncProgramme(contractProgramme(), at('2026-12-08T08:00:00Z'))).toEqual({
          people: { added: 0, updated: 1, deactivated: 0 },
          projects: { added: 0, updated: 1, deactivated: 0 },
        });
        expect(await store.activePeople()).toContain('nora');
      });
    });

    describe('check-in answers', () => {
      it('returns nothing for a week without an answer', async () => {
        expect(await store.getAnswer('alice', '2026-W48')).toBeUndefined();
      });

      it('stores every field of an answer and gives it back unchanged', async () => {
        const full = answer('alice', '2026-W48', {
          release: { kind: 'days', days: 0.5 },
          coachingHeld: false,
          comment: 'réunion de service',
        });
        await store.saveAnswer(full);
        expect(await store.getAnswer('alice', '2026-W48')).toStrictEqual(full);

        const partial = answer('alice', '2026-W49');
        await store.saveAnswer(partial);
        expect(await store.getAnswer('alice', '2026-W49')).toStrictEqual(partial);
      });

      it('replaces the answer of the same intrapreneur and week on correction', async () => {
        await store.saveAnswer(
          answer('alice', '2026-W48', { release: { kind: 'days', days: 0 }, comment: 'oups' }),
        );
        const corrected = answer('alice', '2026-W48', {
          release: { kind: 'leave' },
          coachingHeld: true,
          answeredBy: 'claire',
          updatedAt: at('2026-12-01T10:00:00Z'),
        });
        await store.saveAnswer(corrected);
        expect(await store.getAnswer('alice', '2026-W48')).toStrictEqual(corrected);
        expect(await store.listAnswers({ from: '2026-W48', to: '2026-W48' })).toHaveLength(1);
      });

      it('lists the answers of a range of weeks, both ends included, by week then intrapreneur', async () => {
        for (const [who, week] of [
          ['nora', '2027-W01'],
          ['alice', '2026-W53'],
          ['nora', '2026-W52'],
          ['alice', '2026-W52'],
          ['alice', '2026-W51'],
          ['alice', '2027-W02'],
        ] as const) {
          await store.saveAnswer(answer(who, week, { release: { kind: 'days', days: 1 } }));
        }
        const listed = await store.listAnswers({ from: '2026-W52', to: '2027-W01' });
        expect(listed.map((a) => `${a.week} ${a.intrapreneur}`)).toEqual([
          '2026-W52 alice',
          '2026-W52 nora',
          '2026-W53 alice',
          '2027-W01 nora',
        ]);
      });

      it('keeps what it stored when the caller mutates what it got back', async () => {
        await store.saveAnswer(answer('alice', '2026-W48', { comment: 'avant' }));
        const got = await store.getAnswer('alice', '2026-W48');
        if (got) got.comment = 'après';
        expect((await store.getAnswer('alice', '2026-W48'))?.comment).toBe('avant');
      });
    });

    describe('owners’ corrections', () => {
      const correction = (
        intrapreneur: string,
        week: string,
        when: string,
        extra: Partial<Correction> = {},
      ): Correction => ({
        intrapreneur,
        week,
        field: 'release',
        before: '0',
        after: '1',
        by: 'claire',
        at: at(when),
        ...extra,
      });

      it('stores a correction with the answer it made, and gives both back', async () => {
        const corrected = answer('alice', '2026-W47', {
          release: { kind: 'days', days: 1 },
          answeredBy: 'claire',
          updatedAt: at('2026-11-25T10:00:00Z'),
        });
        await store.saveAnswer(corrected, correction('alice', '2026-W47', '2026-11-25T10:00:00Z'));
        expect(await store.getAnswer('alice', '2026-W47')).toStrictEqual(corrected);
        expect(await store.listCorrections({})).toStrictEqual([
          { id: expect.any(Number), ...correction('alice', '2026-W47', '2026-11-25T10:00:00Z') },
        ]);
        // An answer saved without a correction records none.
        await store.saveAnswer(answer('alice', '2026-W48', { release: { kind: 'days', days: 1 } }));
        expect(await store.listCorrections({})).toHaveLength(1);
      });

      it('keeps a first answer given by an owner without a "before", and lists oldest first', async () => {
        await store.saveAnswer(
          answer('nora', '2026-W46'),
          correction('nora', '2026-W46', '2026-11-26T09:00:00Z', {
            field: 'coaching',
            before: undefined,
            after: 'no',
          }),
        );
        await store.saveAnswer(
          answer('alice', '2026-W47'),
          correction('alice', '2026-W47', '2026-11-25T10:00:00Z'),
        );
        const listed = await store.listCorrections({});
        expect(listed.map((c) => [c.intrapreneur, c.field, c.before, c.after])).toEqual([
          ['alice', 'release', '0', '1'],
          ['nora', 'coaching', undefined, 'no'],
        ]);
        expect('before' in (listed[1] ?? {})).toBe(false);
      });

      it('filters by weeks, intrapreneur and whether a digest mentioned them yet', async () => {
        for (const [who, week, when] of [
          ['alice', '2026-W45', '2026-11-20T10:00:00Z'],
          ['alice', '2026-W46', '2026-11-21T10:00:00Z'],
          ['nora', '2026-W46', '2026-11-22T10:00:00Z'],
          ['alice', '2026-W48', '2026-11-27T10:00:00Z'],
        ] as const) {
          await store.saveAnswer(answer(who, week), correction(who, week, when));
        }
        const weeks = (list: { week: string; intrapreneur: string }[]) =>
          list.map((c) => `${c.week} ${c.intrapreneur}`);
        expect(weeks(await store.listCorrections({ from: '2026-W46', to: '2026-W47' }))).toEqual([
          '2026-W46 alice',
          '2026-W46 nora',
        ]);
        expect(weeks(await store.listCorrections({ intrapreneur: 'nora' }))).toEqual(['2026-W46 nora']);
        const early = await store.listCorrections({ to: '2026-W46', unreported: true });
        expect(weeks(early)).toEqual(['2026-W45 alice', '2026-W46 alice', '2026-W46 nora']);
        await store.markCorrectionsReported(
          early.map((c) => c.id),
          '2026-W47',
        );
        expect(weeks(await store.listCorrections({ unreported: true }))).toEqual(['2026-W48 alice']);
        expect((await store.listCorrections({ intrapreneur: 'nora' }))[0]?.reportedIn).toBe('2026-W47');
        await store.markCorrectionsReported([], '2026-W48');
        expect(await store.listCorrections({ unreported: true })).toHaveLength(1);
      });
    });

    describe('week facts', () => {
      const range = { from: '2026-W47', to: '2026-W48' };

      it('reduces each answer of the range to its release and coaching click', async () => {
        await store.saveAnswer(
          answer('alice', '2026-W47', {
            release: { kind: 'days', days: 0.5 },
            coachingHeld: false,
            comment: 'réunion de service',
          }),
        );
        await store.saveAnswer(answer('alice', '2026-W48', { release: { kind: 'leave' } }));
        await store.saveAnswer(answer('nora', '2026-W48', { coachingHeld: true }));
        await store.saveAnswer(answer('nora', '2026-W47'));
        await store.saveAnswer(answer('alice', '2026-W46', { release: { kind: 'days', days: 1 } }));
        await store.saveAnswer(answer('nora', '2026-W49', { release: { kind: 'days', days: 2 } }));

        const facts = await store.weekFacts(range);
        expect(facts.answer('alice', '2026-W47')).toStrictEqual({
          intrapreneur: 'alice',
          week: '2026-W47',
          release: { kind: 'days', days: 0.5 },
          coachingHeld: false,
        });
        expect(facts.answer('alice', '2026-W48')).toStrictEqual({
          intrapreneur: 'alice',
          week: '2026-W48',
          release: { kind: 'leave' },
        });
        expect(facts.answer('nora', '2026-W48')).toStrictEqual({
          intrapreneur: 'nora',
          week: '2026-W48',
          coachingHeld: true,
        });
        expect(facts.answer('nora', '2026-W47')).toStrictEqual({ intrapreneur: 'nora', week: '2026-W47' });
        expect(facts.releasedDays('alice', '2026-W47')).toBe(0.5);
        expect(facts.onLeave('alice', '2026-W48')).toBe(true);
        // Outside the range, or never answered.
        expect(facts.answer('alice', '2026-W46')).toBeUndefined();
        expect(facts.answer('nora', '2026-W49')).toBeUndefined();
        expect(facts.answer('marc', '2026-W48')).toBeUndefined();
        expect(facts.answered('marc', '2026-W48')).toBe(false);
      });

      it('gives the answer as last corrected', async () => {
        await store.saveAnswer(
          answer('alice', '2026-W48', { release: { kind: 'days', days: 0 }, coachingHeld: true }),
        );
        await store.saveAnswer(answer('alice', '2026-W48', { release: { kind: 'leave' } }));
        const facts = await store.weekFacts(range);
        expect(facts.answer('alice', '2026-W48')).toStrictEqual({
          intrapreneur: 'alice',
          week: '2026-W48',
          release: { kind: 'leave' },
        });
        expect(facts.releasedDays('alice', '2026-W48')).toBeUndefined();
      });

      it('knows who was asked: the prompts of the range that were sent, and only those', async () => {
        const prompt = (who: string, week: string) => ({
          key: `prompt:${who}:${week}`,
          kind: 'prompt' as const,
          week,
          recipient: who,
          message: { kind: 'prompt' as const, week, intrapreneur: who },
          dueAt: T0,
        });
        await store.enqueue([
          prompt('alice', '2026-W48'),
          prompt('nora', '2026-W48'),
          prompt('alice', '2026-W47'),
          prompt('alice', '2026-W49'),
          { ...prompt('nora', '2026-W47'), key: 'reminder:nora:2026-W47', kind: 'reminder' },
        ]);
        const claimed = await store.claimDue(T0, 10, 60_000);
        for (const entry of claimed) {
          // Nora's prompt of W48 stays in flight; Alice's of W47 was refused.
          if (entry.key === 'prompt:nora:2026-W48') continue;
          if (entry.key === 'prompt:alice:2026-W47') await store.markFailed(entry.id, 'user_not_found', T0);
          else await store.markSent([{ id: entry.id, sent: { platform: 'slack', ref: entry.key }, at: T0 }]);
        }

        const facts = await store.weekFacts(range);
        expect(facts.asked('alice', '2026-W48')).toBe(true);
        expect(facts.asked('nora', '2026-W48')).toBe(false);
        expect(facts.asked('alice', '2026-W47')).toBe(false);
        expect(facts.asked('nora', '2026-W47')).toBe(false);
        expect(facts.asked('alice', '2026-W49')).toBe(false);
        expect(facts.answer('alice', '2026-W48')).toBeUndefined();
      });

      it('reads a range across the new year, with its 53rd week, and a range of more than a year', async () => {
        for (const [week, days] of [
          ['2026-W52', 0],
          ['2026-W53', 1.5],
          ['2027-W01', 2],
          ['2026-W01', 0.5],
          ['2027-W10', 1],
        ] as const) {
          await store.saveAnswer(
            answer('alice', week, { release: { kind: 'days', days }, coachingHeld: days >= 1 }),
          );
        }
        await store.addCoachingSession({
          intrapreneur: 'nora',
          loggedBy: 'bob',
          date: '2027-01-03', // Sunday of 2026-W53
          notes: 'point',
          loggedAt: T0,
        });
        await store.addCoachingSession({
          intrapreneur: 'alice',
          loggedBy: 'bob',
          date: '2027-01-04', // Monday of 2027-W01
          notes: 'point',
          loggedAt: T0,
        });

        const newYear = await store.weekFacts({ from: '2026-W52', to: '2027-W01' });
        expect(newYear.releasedDays('alice', '2026-W52')).toBe(0);
        expect(newYear.releasedDays('alice', '2026-W53')).toBe(1.5);
        expect(newYear.releasedDays('alice', '2027-W01')).toBe(2);
        expect(newYear.coachingHeld('alice', '2026-W52')).toBe(false);
        expect(newYear.coachingHeld('alice', '2027-W01')).toBe(true);
        expect(newYear.logged('nora', '2026-W53')).toBe(true);
        expect(newYear.logged('alice', '2027-W01')).toBe(true);
        expect(newYear.logged('alice', '2026-W53')).toBe(false);
        expect(newYear.answered('alice', '2026-W01')).toBe(false);

        const longer = await store.weekFacts({ from: '2026-W01', to: '2027-W10' });
        expect(longer.releasedDays('alice', '2026-W01')).toBe(0.5);
        expect(longer.releasedDays('alice', '2027-W10')).toBe(1);
        expect(longer.releasedDays('alice', '2026-W53')).toBe(1.5);
        expect(longer.logged('nora', '2026-W53')).toBe(true);
      });

      it('knows whose coach logged a session, by the week of its date, Monday to Sunday', async () => {
        const session = (intrapreneur: string, date: string) =>
          store.addCoachingSession({ intrapreneur, loggedBy: 'bob', date, notes: 'point', loggedAt: T0 });
        await session('alice', '2026-11-23'); // Monday of W48
        await session('nora', '2026-11-22'); // Sunday of W47
        await session('alice', '2026-11-29'); // Sunday of W48
        await session('nora', '2026-11-30'); // Monday of W49: after the range
        await session('alice', '2026-11-15'); // Sunday of W46: before the range

        const facts = await store.weekFacts(range);
        expect(facts.logged('alice', '2026-W48')).toBe(true);
        expect(facts.logged('nora', '2026-W47')).toBe(true);
        expect(facts.logged('alice', '2026-W47')).toBe(false);
        expect(facts.logged('nora', '2026-W48')).toBe(false);
        expect(facts.logged('nora', '2026-W49')).toBe(false);
        expect(facts.logged('alice', '2026-W46')).toBe(false);
        expect(facts.answered('alice', '2026-W48')).toBe(false);
      });
    });

    describe('coaching sessions', () => {
      const session = (intrapreneur: string, date: string, notes: string) => ({
        intrapreneur,
        loggedBy: 'bob',
        date,
        notes,
        loggedAt: at(`${date}T16:00:00Z`),
      });

      it('gives each session an id and keeps its fields', async () => {
        const a = await store.addCoachingSession({
          ...session('alice', '2026-11-24', 'revue du POC'),
          durationMinutes: 45,
        });
        const b = await store.addCoachingSession(session('alice', '2026-11-24', 'suite'));
        expect(a.id).not.toBe(b.id);
        expect(a).toStrictEqual({
          ...session('alice', '2026-11-24', 'revue du POC'),
          durationMinutes: 45,
          id: a.id,
        });
        expect(await store.listCoachingSessions({})).toStrictEqual([a, b]);
      });

      it('filters by intrapreneur and dates, and gives the most recent first when limited', async () => {
        await store.addCoachingSession(session('alice', '2026-11-10', 'un'));
        await store.addCoachingSession(session('alice', '2026-11-24', 'trois'));
        await store.addCoachingSession(session('nora', '2026-11-20', 'nora'));
        await store.addCoachingSession(session('alice', '2026-11-17', 'deux'));
        await store.addCoachingSession(session('alice', '2026-11-24', 'quatre'));

        const notes = (list: { notes: string }[]) => list.map((s) => s.notes);
        expect(notes(await store.listCoachingSessions({ intrapreneur: 'alice' }))).toEqual([
          'un',
          'deux',
          'trois',
          'quatre',
        ]);
        expect(notes(await store.listCoachingSessions({ from: '2026-11-17', to: '2026-11-20' }))).toEqual([
          'deux',
          'nora',
        ]);
        expect(notes(await store.listCoachingSessions({ intrapreneur: 'alice', limit: 3 }))).toEqual([
          'quatre',
          'trois',
          'deux',
        ]);
        expect(await store.listCoachingSessions({ intrapreneur: 'marc' })).toEqual([]);
      });
    });

    describe('alerts', () => {
      it('records an alert once per kind, intrapreneur and week', async () => {
        expect(await store.recordAlert(alert('release_missed', 'alice', '2026-W48'), T0)).toBe(true);
        expect(
          await store.recordAlert({ ...alert('release_missed', 'alice', '2026-W48'), recipients: ['x'] }, T0),
        ).toBe(false);
        expect(await store.recordAlert(alert('release_missed_again', 'alice', '2026-W48'), T0)).toBe(true);
        expect(await store.recordAlert(alert('release_missed', 'nora', '2026-W48'), T0)).toBe(true);
        expect(await store.recordAlert(alert('release_missed', 'alice', '2026-W49'), T0)).toBe(true);
        expect(await store.listAlerts({})).toHaveLength(4);
      });

      it('records a batch at once and gives back the alerts that were new', async () => {
        await store.recordAlert(alert('release_missed', 'alice', '2026-W48'), T0);
        const batch = [
          alert('release_missed', 'alice', '2026-W48'),
          alert('no_answer', 'nora', '2026-W48'),
          alert('no_answer', 'nora', '2026-W48'),
          alert('release_missed_again', 'alice', '2026-W48'),
        ];
        const later = at('2026-12-01T08:00:00Z');
        expect(await store.recordAlerts(batch, later)).toEqual([batch[1], batch[3]]);
        expect(await store.recordAlerts(batch, later)).toEqual([]);
        expect(await store.recordAlerts([], later)).toEqual([]);
        const listed = await store.listAlerts({});
        expect(listed.map((a) => `${a.kind} ${a.intrapreneur} ${a.week}`)).toEqual([
          'release_missed alice 2026-W48',
          'no_answer nora 2026-W48',
          'release_missed_again alice 2026-W48',
        ]);
        expect(listed[0]?.raisedAt).toEqual(T0);
        expect(listed[1]).toStrictEqual({ ...alert('no_answer', 'nora', '2026-W48'), raisedAt: later });
      });

      it('keeps recipients, reason and time, and filters by range, kind and intrapreneur', async () => {
        const escalated: Alert = {
          ...alert('release_missed_again', 'alice', '2026-W49'),
          reason: { releasedDays: 0.5, required: 1, rollingAverage: 0.625, previousWeek: '2026-W48' },
        };
        await store.recordAlert(escalated, at('2026-12-08T08:00:00Z'));
        await store.recordAlert(alert('release_missed', 'alice', '2026-W48'), T0);
        await store.recordAlert(alert('no_answer', 'nora', '2026-W50'), T0);

        expect(await store.listAlerts({ kind: 'release_missed_again' })).toStrictEqual([
          { ...escalated, raisedAt: at('2026-12-08T08:00:00Z') },
        ]);
        const keys = (list: Alert[]) => list.map((a) => `${a.kind} ${a.intrapreneur} ${a.week}`);
        expect(keys(await store.listAlerts({}))).toEqual([
          'release_missed alice 2026-W48',
          'release_missed_again alice 2026-W49',
          'no_answer nora 2026-W50',
        ]);
        expect(keys(await store.listAlerts({ range: { from: '2026-W49', to: '2026-W50' } }))).toEqual([
          'release_missed_again alice 2026-W49',
          'no_answer nora 2026-W50',
        ]);
        expect(keys(await store.listAlerts({ intrapreneur: 'nora' }))).toEqual(['no_answer nora 2026-W50']);
      });
    });

    describe('evaluations', () => {
      it('marks a week evaluated once', async () => {
        expect(await store.isEvaluated('2026-W48')).toBe(false);
        expect(await store.markEvaluated('2026-W48', T0)).toBe(true);
        expect(await store.markEvaluated('2026-W48', T0)).toBe(false);
        expect(await store.isEvaluated('2026-W48')).toBe(true);
        expect(await store.isEvaluated('2026-W49')).toBe(false);
      });
    });

    outboxContract(() => store);

    describe('job runs', () => {
      it('lets a job run once per week', async () => {
        expect(await store.claimJobRun('prompt', '2026-W48', T0)).toBe(true);
        expect(await store.claimJobRun('prompt', '2026-W48', T0)).toBe(false);
        expect(await store.claimJobRun('prompt', '2026-W49', at('2026-12-04T13:00:00Z'))).toBe(true);
        expect(await store.claimJobRun('evaluate', '2026-W48', at('2026-12-01T08:00:00Z'))).toBe(true);
        expect(await store.listJobRuns('prompt')).toEqual([
          { job: 'prompt', week: '2026-W48', at: T0, finishedAt: T0 },
          {
            job: 'prompt',
            week: '2026-W49',
            at: at('2026-12-04T13:00:00Z'),
            finishedAt: at('2026-12-04T13:00:00Z'),
          },
        ]);
        expect(await store.listJobRuns()).toHaveLength(3);
      });

      it('holds a run under a lease until it is finished, then never lets it run again', async () => {
        const minutes = (n: number) => new Date(T0.getTime() + n * MINUTE);
        expect(await store.claimJobRun('prompt', '2026-W48', T0, minutes(5))).toBe(true);
        expect(await store.listJobRuns()).toEqual([{ job: 'prompt', week: '2026-W48', at: T0 }]);
        // Held: nobody takes it while its lease runs, and renewing the lease keeps it.
        expect(await store.claimJobRun('prompt', '2026-W48', minutes(4), minutes(9))).toBe(false);
        expect(await store.holdJobRun('prompt', '2026-W48', minutes(10))).toBe(true);
        expect(await store.claimJobRun('prompt', '2026-W48', minutes(9), minutes(14))).toBe(false);
        expect(await store.finishJobRun('prompt', '2026-W48', minutes(9))).toBe(true);
        expect(await store.listJobRuns()).toEqual([
          { job: 'prompt', week: '2026-W48', at: T0, finishedAt: minutes(9) },
        ]);
        // Done for good: past any lease, and whoever asks.
        expect(await store.claimJobRun('prompt', '2026-W48', minutes(60), minutes(65))).toBe(false);
        expect(await store.claimJobRun('prompt', '2026-W48', minutes(60))).toBe(false);
        expect(await store.holdJobRun('prompt', '2026-W48', minutes(70))).toBe(false);
        expect(await store.finishJobRun('prompt', '2026-W48', minutes(70))).toBe(false);
      });

      it('lets an unfinished run be taken again once its lease is over, or as soon as it is handed back', async () => {
        const minutes = (n: number) => new Date(T0.getTime() + n * MINUTE);
        expect(await store.claimJobRun('evaluate', '2026-W48', T0, minutes(5))).toBe(true);
        // Its instance died: past the lease, the run is taken again, from then.
        expect(await store.claimJobRun('evaluate', '2026-W48', minutes(5), minutes(10))).toBe(true);
        expect(await store.listJobRuns()).toEqual([{ job: 'evaluate', week: '2026-W48', at: minutes(5) }]);
        // Handed back at once (a stop): taken again at once.
        expect(await store.holdJobRun('evaluate', '2026-W48', minutes(6))).toBe(true);
        expect(await store.claimJobRun('evaluate', '2026-W48', minutes(6), minutes(11))).toBe(true);
        expect(await store.finishJobRun('evaluate', '2026-W48', minutes(7))).toBe(true);
        expect(await store.listJobRuns('evaluate')).toEqual([
          { job: 'evaluate', week: '2026-W48', at: minutes(6), finishedAt: minutes(7) },
        ]);
      });
    });

    describe('leases', () => {
      it('takes a lease, renews it for its holder, and gives it back once', async () => {
        const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
        expect(await store.takeLease('outbox-sender', T0, seconds(30))).toBe(true);
        // Its holder's again, before and after its end: a renewal.
        expect(await store.takeLease('outbox-sender', seconds(10), seconds(40))).toBe(true);
        expect(await store.takeLease('outbox-sender', seconds(50), seconds(80))).toBe(true);
        // Leases are independent of one another.
        expect(await store.takeLease('other', seconds(50), seconds(60))).toBe(true);
        expect(await store.releaseLease('outbox-sender')).toBe(true);
        expect(await store.releaseLease('outbox-sender')).toBe(false);
        expect(await store.releaseLease('never-taken')).toBe(false);
        expect(await store.takeLease('outbox-sender', seconds(51), seconds(81))).toBe(true);
      });
    });
  });
}
