// The storage port's contract, checked from the outside on every implementation: what is stored and what comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/core/alerts.ts';
import type { CheckinAnswer } from '../../src/core/checkin.ts';
import type { OutboxItem, Store } from '../../src/core/ports.ts';
import type { Programme } from '../../src/core/programme.ts';

/** The key of the programme the suite syncs; a store under test must be built for it. */
export const CONTRACT_PROGRAMME_KEY = 'contract-cohort';

export interface StoreFixture {
  store: Store;
  close(): Promise<void>;
}

const at = (iso: string) => new Date(iso);
const T0 = at('2026-11-27T13:00:00Z');
const MINUTE = 60_000;

export function contractProgramme(change: (p: Programme) => void = () => {}): Programme {
  const programme: Programme = {
    key: CONTRACT_PROGRAMME_KEY,
    name: 'Startups de Territoire — test',
    organisation: 'Région test',
    timezone: 'Europe/Paris',
    locale: 'fr',
    daysPerWeek: 1,
    holidays: 'metropole',
    schedule: { prompt: '0 14 * * FRI', reminder: '30 9 * * MON', evaluate: '0 9 * * TUE' },
    checkins: { from: '2026-10-16', to: '2027-03-15' },
    breaks: [],
    owners: ['claire'],
    people: [
      { id: 'claire', name: 'Claire Dubois', email: 'claire@example.org' },
      { id: 'alice', name: 'Alice Martin', email: 'alice@example.org' },
      { id: 'bob', name: 'Bob Leroy', email: 'bob@example.org' },
      { id: 'marc', name: 'Marc Petit', email: 'marc@example.org' },
      { id: 'nora', name: 'Nora Benali', email: 'nora@example.org' },
    ],
    phases: [{ id: 'pre_incubation', name: 'Pré-incubation', start: '2026-10-16', end: '2027-02-28' }],
    projects: [
      {
        id: 'covoiturage',
        name: 'Covoiturage des agents',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'alice', manager: 'marc' }],
      },
      {
        id: 'cantines',
        name: 'Cantines locales',
        coach: 'bob',
        status: 'pre_incubation',
        intrapreneurs: [{ person: 'nora', manager: 'marc' }],
      },
    ],
  };
  change(programme);
  return programme;
}

/** Alice's programme without Nora and her project (a person and her project left the file). */
const withoutNora = (p: Programme) => {
  p.people = p.people.filter((x) => x.id !== 'nora');
  p.projects = p.projects.filter((x) => x.id !== 'cantines');
};

function answer(intrapreneur: string, week: string, extra: Partial<CheckinAnswer> = {}): CheckinAnswer {
  return { intrapreneur, week, answeredBy: intrapreneur, answeredAt: T0, updatedAt: T0, ...extra };
}

function alert(kind: Alert['kind'], intrapreneur: string, week: string): Alert {
  return { kind, intrapreneur, week, recipients: ['claire', 'marc'], reason: { releasedDays: 0, required: 1 } };
}

function item(key: string, dueAt: Date, extra: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key,
    kind: 'reminder',
    week: '2026-W48',
    recipient: 'alice',
    message: { kind: 'reminder', week: '2026-W48', intrapreneur: 'alice' },
    dueAt,
    ...extra,
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
          p.projects[0] = { ...p.projects[0]!, status: 'poc_presented', coach: 'claire' };
        });
        expect(await store.syncProgramme(changed, T0)).toEqual({
          people: { added: 0, updated: 1, deactivated: 0 },
          projects: { added: 0, updated: 1, deactivated: 0 },
        });
      });

      it('deactivates whoever left the file, keeps their history, and reactivates them when they come back', async () => {
        await store.syncProgramme(contractProgramme(), T0);
        await store.saveAnswer(answer('nora', '2026-W48', { release: { kind: 'days', days: 1 } }));

        expect(await store.syncProgramme(contractProgramme(withoutNora), at('2026-12-01T08:00:00Z'))).toEqual({
          people: { added: 0, updated: 0, deactivated: 1 },
          projects: { added: 0, updated: 0, deactivated: 1 },
        });
        expect(await store.activePeople()).toEqual(['alice', 'bob', 'claire', 'marc']);
        expect(await store.getAnswer('nora', '2026-W48')).toBeDefined();
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
        await store.saveAnswer(answer('alice', '2026-W48', { release: { kind: 'days', days: 0 }, comment: 'oups' }));
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

    describe('coaching sessions', () => {
      const session = (intrapreneur: string, date: string, notes: string) => ({
        intrapreneur,
        loggedBy: 'bob',
        date,
        notes,
        loggedAt: at(`${date}T16:00:00Z`),
      });

      it('gives each session an id and keeps its fields', async () => {
        const a = await store.addCoachingSession({ ...session('alice', '2026-11-24', 'revue du POC'), durationMinutes: 45 });
        const b = await store.addCoachingSession(session('alice', '2026-11-24', 'suite'));
        expect(a.id).not.toBe(b.id);
        expect(a).toStrictEqual({ ...session('alice', '2026-11-24', 'revue du POC'), durationMinutes: 45, id: a.id });
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
        expect(await store.recordAlert({ ...alert('release_missed', 'alice', '2026-W48'), recipients: ['x'] }, T0)).toBe(
          false,
        );
        expect(await store.recordAlert(alert('release_missed_again', 'alice', '2026-W48'), T0)).toBe(true);
        expect(await store.recordAlert(alert('release_missed', 'nora', '2026-W48'), T0)).toBe(true);
        expect(await store.recordAlert(alert('release_missed', 'alice', '2026-W49'), T0)).toBe(true);
        expect(await store.listAlerts({})).toHaveLength(4);
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

    describe('outbox', () => {
      it('adds only the items whose key is new', async () => {
        expect(await store.enqueue([item('a', T0), item('b', T0)])).toBe(2);
        expect(await store.enqueue([item('a', T0), item('b', T0)])).toBe(0);
        expect(await store.enqueue([item('b', T0), item('c', T0)])).toBe(1);
        expect(await store.enqueue([])).toBe(0);
        expect((await store.listOutbox({})).map((e) => e.key)).toEqual(['a', 'b', 'c']);
      });

      it('stores the message whole, dates included, as a pending entry due at its time', async () => {
        const prompt = item('prompt:alice:2026-W48', T0, {
          kind: 'prompt',
          message: {
            kind: 'prompt',
            week: '2026-W48',
            intrapreneur: 'alice',
            answer: answer('alice', '2026-W48', { release: { kind: 'days', days: 1.5 }, comment: 'ok' }),
          },
        });
        await store.enqueue([prompt]);
        const [entry] = await store.listOutbox({});
        expect(entry).toStrictEqual({ ...prompt, id: entry?.id, status: 'pending', attempts: 0, nextAttemptAt: T0 });
      });

      it('claims the due entries in order of next attempt then insertion, up to the limit', async () => {
        await store.enqueue([
          item('later', new Date(T0.getTime() + 5 * MINUTE)),
          item('second', T0),
          item('first', new Date(T0.getTime() - MINUTE)),
          item('third', T0),
          item('fourth', T0),
        ]);
        const claimed = await store.claimDue(T0, 3, 10 * MINUTE);
        expect(claimed.map((e) => e.key)).toEqual(['first', 'second', 'third']);
        for (const e of claimed) {
          expect(e).toMatchObject({ status: 'sending', attempts: 1, claimedAt: T0, uncertain: false });
        }
        expect((await store.claimDue(T0, 10, 10 * MINUTE)).map((e) => e.key)).toEqual(['fourth']);
        expect(await store.claimDue(T0, 10, 10 * MINUTE)).toEqual([]);
        expect(await store.claimDue(new Date(T0.getTime() + 5 * MINUTE), 0, 10 * MINUTE)).toEqual([]);
        expect((await store.listOutbox({ status: 'sending' })).map((e) => e.key)).toEqual([
          'second',
          'first',
          'third',
          'fourth',
        ]);
      });

      it('gives back an entry whose claim expired, as uncertain, and counts the attempt', async () => {
        await store.enqueue([item('a', T0)]);
        await store.claimDue(T0, 10, 10 * MINUTE);
        expect(await store.claimDue(new Date(T0.getTime() + 9 * MINUTE), 10, 10 * MINUTE)).toEqual([]);
        const later = new Date(T0.getTime() + 10 * MINUTE);
        const [again] = await store.claimDue(later, 10, 10 * MINUTE);
        expect(again).toMatchObject({ key: 'a', status: 'sending', attempts: 2, claimedAt: later, uncertain: true });
      });

      it('never hands the same entry to two claims', async () => {
        await store.enqueue(Array.from({ length: 20 }, (_, i) => item(`k${i}`, T0)));
        const [a, b, c] = await Promise.all([
          store.claimDue(T0, 8, MINUTE),
          store.claimDue(T0, 8, MINUTE),
          store.claimDue(T0, 8, MINUTE),
        ]);
        const ids = [...(a ?? []), ...(b ?? []), ...(c ?? [])].map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(20);
      });

      it('puts an entry back to pending on retry, due again at the given time', async () => {
        await store.enqueue([item('a', T0)]);
        const [claimed] = await store.claimDue(T0, 1, MINUTE);
        const retryAt = new Date(T0.getTime() + 5 * MINUTE);
        await store.markRetry(claimed!.id, retryAt, 'rate_limited');
        const [entry] = await store.listOutbox({});
        expect(entry).toMatchObject({ status: 'pending', nextAttemptAt: retryAt, lastError: 'rate_limited', attempts: 1 });
        expect(entry?.claimedAt).toBeUndefined();
        expect(await store.claimDue(new Date(retryAt.getTime() - 1), 1, MINUTE)).toEqual([]);
        const [second] = await store.claimDue(retryAt, 1, MINUTE);
        expect(second).toMatchObject({ key: 'a', attempts: 2, uncertain: false });
      });

      it('records where a sent message lives and never claims it again', async () => {
        await store.enqueue([item('a', T0)]);
        const [claimed] = await store.claimDue(T0, 1, MINUTE);
        const sentAt = new Date(T0.getTime() + 1000);
        await store.markSent(claimed!.id, { platform: 'slack', ref: 'C1:1700000000.000100' }, sentAt);
        const [entry] = await store.listOutbox({ status: 'sent' });
        expect(entry).toMatchObject({ key: 'a', sentAt, sent: { platform: 'slack', ref: 'C1:1700000000.000100' } });
        expect(await store.claimDue(new Date(T0.getTime() + 60 * MINUTE), 10, MINUTE)).toEqual([]);
      });

      it('marks a refused entry failed for good', async () => {
        await store.enqueue([item('a', T0)]);
        const [claimed] = await store.claimDue(T0, 1, MINUTE);
        await store.markFailed(claimed!.id, 'user_not_found', T0);
        expect(await store.listOutbox({ status: 'failed' })).toMatchObject([{ key: 'a', lastError: 'user_not_found' }]);
        expect(await store.claimDue(new Date(T0.getTime() + 60 * MINUTE), 10, MINUTE)).toEqual([]);
      });

      it('lists entries filtered by week, kind, status and recipient', async () => {
        await store.enqueue([
          item('r-alice-48', T0),
          item('r-nora-48', T0, { recipient: 'nora' }),
          item('r-alice-49', T0, { week: '2026-W49' }),
          item('digest-48', new Date(T0.getTime() + MINUTE), { kind: 'digest', recipient: '#pilotage' }),
        ]);
        await store.claimDue(T0, 1, MINUTE);
        const keys = async (filter: Parameters<Store['listOutbox']>[0]) =>
          (await store.listOutbox(filter)).map((e) => e.key);
        expect(await keys({ week: '2026-W48' })).toEqual(['r-alice-48', 'r-nora-48', 'digest-48']);
        expect(await keys({ kind: 'digest' })).toEqual(['digest-48']);
        expect(await keys({ recipient: '#pilotage' })).toEqual(['digest-48']);
        expect(await keys({ status: 'sending' })).toEqual(['r-alice-48']);
        expect(await keys({ status: 'pending', week: '2026-W48', recipient: 'nora' })).toEqual(['r-nora-48']);
        expect(await keys({ kind: 'prompt' })).toEqual([]);
      });
    });

    describe('job runs', () => {
      it('lets a job run once per week', async () => {
        expect(await store.claimJobRun('prompt', '2026-W48', T0)).toBe(true);
        expect(await store.claimJobRun('prompt', '2026-W48', T0)).toBe(false);
        expect(await store.claimJobRun('prompt', '2026-W49', at('2026-12-04T13:00:00Z'))).toBe(true);
        expect(await store.claimJobRun('evaluate', '2026-W48', at('2026-12-01T08:00:00Z'))).toBe(true);
        expect(await store.listJobRuns('prompt')).toEqual([
          { job: 'prompt', week: '2026-W48', at: T0 },
          { job: 'prompt', week: '2026-W49', at: at('2026-12-04T13:00:00Z') },
        ]);
        expect(await store.listJobRuns()).toHaveLength(3);
      });
    });
  });
}
