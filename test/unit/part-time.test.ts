// Part-time and individual arrangements: an intrapreneur's own minimum of released days replaces the programme's in
// every rule, and the alerts say it is theirs.
import { describe, expect, it } from 'vitest';
import type { CheckinAnswer, ReleasedDays } from '../../src/core/checkin.ts';
import { alertsDue, type ComplianceFacts, FactIndex, weekFigures } from '../../src/core/compliance.ts';
import type { IntrapreneurRole } from '../../src/core/programme.ts';
import type { WeekId } from '../../src/core/week.ts';
import { WeekFacts } from '../../src/core/week-facts.ts';
import { alertText } from '../../src/render/render-text.ts';
import { exampleProgramme } from '../support/fixtures.ts';

const at = new Date('2026-11-27T13:00:00Z');
// Alice works at 50 %: half a day a week is her minimum. Nicolas is full-time: the programme's day applies.
const alice: IntrapreneurRole = {
  person: 'alice',
  project: 'transport-lycees',
  manager: 'isabelle',
  coach: 'julien',
  daysPerWeek: 0.5,
  reason: 'Temps partiel à 50 %',
};
const nicolas: IntrapreneurRole = {
  person: 'nicolas',
  project: 'aides-entreprises',
  manager: 'laurent',
  coach: 'julien',
};

function answer(intrapreneur: string, week: WeekId, days: ReleasedDays): CheckinAnswer {
  return {
    intrapreneur,
    week,
    release: { kind: 'days', days },
    coachingHeld: true,
    answeredBy: intrapreneur,
    answeredAt: at,
    updatedAt: at,
  };
}

/** Both answer the same days, week after week. */
function facts(days: Partial<Record<WeekId, ReleasedDays>>): ComplianceFacts {
  const weeks = new WeekFacts();
  for (const [week, d] of Object.entries(days)) {
    for (const who of ['alice', 'nicolas'])
      weeks.addAnswer(answer(who, week, d as ReleasedDays)).addAsked(who, week);
  }
  return {
    programme: {
      daysPerWeek: 1,
      owners: ['claire'],
      breaks: [],
      checkins: { from: '2026-10-16', to: '2027-03-15' },
    },
    roles: [alice, nicolas],
    weeks,
  };
}

describe('an intrapreneur at 50 %', () => {
  it('raises no alert for ½ day a week, where the same answer from a full-time one does', () => {
    const f = facts({ '2026-W48': 0.5 });
    expect(alertsDue(f, '2026-W48')).toEqual([
      {
        kind: 'release_missed',
        intrapreneur: 'nicolas',
        week: '2026-W48',
        recipients: ['laurent'],
        reason: { releasedDays: 0.5, required: 1 },
      },
    ]);
    const index = new FactIndex(f);
    expect([index.release('alice', '2026-W48'), index.required('alice')]).toEqual(['honoured', 0.5]);
    expect([index.release('nicolas', '2026-W48'), index.required('nicolas')]).toEqual(['missed', 1]);
    expect(weekFigures(f, '2026-W48')).toMatchObject({ honoured: 1, missed: 1 });
  });

  it('is alerted under her own minimum, and the alert says it is hers', () => {
    const [alert] = alertsDue(facts({ '2026-W48': 0 }), '2026-W48');
    expect(alert).toEqual({
      kind: 'release_missed',
      intrapreneur: 'alice',
      week: '2026-W48',
      recipients: ['isabelle'],
      reason: { releasedDays: 0, required: 0.5, individual: true },
    });
    expect(alert && alertText(exampleProgramme(), alert, 'fr').body).toBe(
      'Alice Martin a déclaré 0 jour libéré pour la semaine 48, du 23 au 27 novembre, pour 0,5 jour prévu par son aménagement individuel.',
    );
    expect(alert && alertText(exampleProgramme(), alert, 'en').body).toBe(
      'Alice Martin reported 0 days released for week 48, 23–27 November, where their individual arrangement requires 0.5 days.',
    );
  });

  it('measures her four-week average against her own minimum', () => {
    // ½, ½, ½ then 0: for her, one missed week, and an average of 0.375 under her ½ day; for him, a fourth week in a row.
    const f = facts({ '2026-W45': 0.5, '2026-W46': 0.5, '2026-W47': 0.5, '2026-W48': 0 });
    const alerts = alertsDue(f, '2026-W48');
    expect(alerts.map((a) => [a.intrapreneur, a.kind, a.reason])).toEqual([
      [
        'alice',
        'release_missed_again',
        { releasedDays: 0, required: 0.5, individual: true, rollingAverage: 0.375 },
      ],
      [
        'nicolas',
        'release_missed_again',
        { releasedDays: 0, required: 1, previousWeek: '2026-W47', rollingAverage: 0.375 },
      ],
    ]);
    // Three weeks at her minimum and a fourth at it: nothing at all.
    expect(
      alertsDue(
        facts({ '2026-W45': 0.5, '2026-W46': 0.5, '2026-W47': 0.5, '2026-W48': 0.5 }),
        '2026-W48',
      ).map((a) => a.intrapreneur),
    ).toEqual(['nicolas']);
  });
});
