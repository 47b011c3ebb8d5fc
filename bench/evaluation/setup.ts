// Setup of the evaluation benchmark: the SQLite file of 52 weeks of answers, built once before anything is measured.
import { existsSync, statSync } from 'node:fs';
import { type Alert, alertKey } from '../../src/core/alerts.ts';
import { addDays } from '../../src/core/calendar.ts';
import type { ChatMessage, WeekDigest } from '../../src/core/messages.ts';
import type { Programme } from '../../src/core/programme.ts';
import { type WeekId, weekStart, weeksBetween } from '../../src/core/week.ts';
import { closeDatabase, migrate, openDatabase } from '../../src/storage/database.ts';
import { DrizzleStore } from '../../src/storage/drizzle-store.ts';
import { encodeJson } from '../../src/storage/json.ts';
import { answerOf, EVALUATED, FIRST_WEEK, intrapreneurId, mulberry32 } from './programme.ts';

export interface SetupSummary {
  checkins: number;
  coachingSessions: number;
  outbox: number;
  alerts: number;
  fileMb: number;
  seconds: number;
}

function ms(date: string, time: string): number {
  return Date.parse(`${date}T${time}Z`);
}

export async function buildDatabase(path: string, programme: Programme): Promise<SetupSummary> {
  const started = performance.now();
  const handle = openDatabase(`file:${path}`);
  migrate(handle);
  const store = new DrizzleStore(handle, programme.key);
  await store.syncProgramme(programme, new Date('2025-12-15T09:00:00Z'));
  const { sqlite } = handle;
  // Setup only, for speed: the measured runs open the file with the bot's own settings (openDatabase: WAL,
  // synchronous NORMAL, its page cache).
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1000000');
  const pid = (sqlite.prepare('SELECT id FROM programmes WHERE key = ?').get(programme.key) as { id: number })
    .id;

  const insertCheckin = sqlite.prepare(
    `INSERT INTO checkins (programme_id, intrapreneur, week, release_kind, released_days, coaching_held, comment,
       answered_by, answered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSession = sqlite.prepare(
    `INSERT INTO coaching_sessions (programme_id, intrapreneur, logged_by, date, duration_minutes, notes, logged_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = sqlite.prepare(
    `INSERT INTO outbox (programme_id, key, kind, week, recipient, message, due_at, status, attempts,
       next_attempt_at, claimed_at, sent_at, sent_platform, sent_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?, 'slack', ?)`,
  );
  const insertAlert = sqlite.prepare(
    `INSERT INTO alerts (programme_id, kind, intrapreneur, week, recipients, reason, raised_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvaluation = sqlite.prepare(
    'INSERT INTO evaluations (programme_id, week, evaluated_at) VALUES (?, ?, ?)',
  );
  const insertJobRun = sqlite.prepare(
    'INSERT INTO job_runs (programme_id, job, week, ran_at) VALUES (?, ?, ?, ?)',
  );

  const random = mulberry32(20260101);
  const roles = programme.projects.flatMap((p) =>
    p.intrapreneurs.map((i) => ({ person: i.person, manager: i.manager, coach: p.coach })),
  );
  const struggling = roles.map(() => random() < 0.05);
  const required = programme.daysPerWeek;
  const counts = { checkins: 0, coachingSessions: 0, outbox: 0, alerts: 0 };
  let ref = 0;

  const sent = (
    key: string,
    kind: string,
    week: WeekId,
    recipient: string,
    message: ChatMessage,
    at: number,
  ) => {
    insertOutbox.run(
      pid,
      key,
      kind,
      week,
      recipient,
      encodeJson(message),
      at,
      at,
      at,
      at + 1_000,
      `${++ref}`,
    );
    counts.outbox++;
  };

  /** An alert as the evaluation raises it: a message to each recipient (its key as the bot makes it), the row. */
  const raise = (alert: Alert, digest: WeekDigest, at: number) => {
    for (const to of alert.recipients)
      sent(`alert:${alertKey(alert)}:${to}`, 'alert', alert.week, to, { kind: 'alert', alert }, at);
    insertAlert.run(
      pid,
      alert.kind,
      alert.intrapreneur,
      alert.week,
      encodeJson(alert.recipients),
      encodeJson(alert.reason),
      at,
    );
    counts.alerts++;
    digest.alerts.push({ kind: alert.kind, intrapreneur: alert.intrapreneur });
  };

  sqlite.transaction(() => {
    for (const week of weeksBetween(FIRST_WEEK, EVALUATED)) {
      const monday = weekStart(week);
      const friday = addDays(monday, 4);
      const nextMonday = addDays(monday, 7);
      const nextTuesday = addDays(monday, 8);
      const promptAt = ms(friday, '13:00:00');
      const reminderAt = ms(nextMonday, '08:30:00');
      const alertAt = ms(nextTuesday, '08:00:00');
      const evaluated = week < EVALUATED;
      const digest: WeekDigest = {
        week,
        intrapreneurs: roles.length,
        honoured: 0,
        missed: 0,
        unknown: 0,
        exempt: 0,
        coachingHeld: 0,
        alerts: [],
        undelivered: [],
      };
      for (const [i, role] of roles.entries()) {
        const who = role.person;
        sent(
          `prompt:${who}:${week}`,
          'prompt',
          week,
          who,
          { kind: 'prompt', week, intrapreneur: who },
          promptAt,
        );
        const answer = answerOf(random, struggling[i] === true);
        if (answer) {
          const answeredAt = promptAt + Math.floor(random() * 3 * 86_400_000);
          const release = answer.release;
          insertCheckin.run(
            pid,
            who,
            week,
            release?.kind ?? null,
            release?.kind === 'days' ? release.days : null,
            answer.coachingHeld === undefined ? null : answer.coachingHeld ? 1 : 0,
            answer.comment ?? null,
            who,
            answeredAt,
            answeredAt,
          );
          counts.checkins++;
          // Some coaches also log the session they held (`/coaching log`).
          if (answer.coachingHeld === true && random() < 0.2) {
            const date = addDays(monday, 1 + Math.floor(random() * 3));
            insertSession.run(pid, who, role.coach, date, 45, 'Point hebdomadaire', ms(date, '17:00:00'));
            counts.coachingSessions++;
          }
          if (answer.coachingHeld) digest.coachingHeld++;
        }
        const release = answer?.release;
        if (release === undefined) {
          // Asked, no released days given: reminded on Monday, and unknown at the evaluation.
          sent(
            `reminder:${who}:${week}`,
            'reminder',
            week,
            who,
            { kind: 'reminder', week, intrapreneur: who },
            reminderAt,
          );
          digest.unknown++;
          if (evaluated) {
            raise(
              {
                kind: 'no_answer',
                intrapreneur: who,
                week,
                recipients: programme.owners,
                reason: { required },
              },
              digest,
              alertAt,
            );
          }
        } else if (release.kind === 'leave') {
          digest.exempt++;
        } else if (release.days >= required) {
          digest.honoured++;
        } else {
          digest.missed++;
          if (evaluated) {
            raise(
              {
                kind: 'release_missed',
                intrapreneur: who,
                week,
                recipients: [...programme.owners, role.manager],
                reason: { releasedDays: release.days, required },
              },
              digest,
              alertAt,
            );
          }
        }
      }
      insertJobRun.run(pid, 'prompt', week, promptAt);
      insertJobRun.run(pid, 'reminder', week, reminderAt);
      if (evaluated) {
        for (const owner of programme.owners)
          sent(`digest:${owner}:${week}`, 'digest', week, owner, { kind: 'digest', digest }, alertAt);
        insertEvaluation.run(pid, week, alertAt);
        insertJobRun.run(pid, 'evaluate', week, alertAt);
      }
    }
  })();

  // The bulk rows must read back through the real store exactly as the bot would have written them.
  const probe = intrapreneurId(1);
  const stored = await store.listOutbox({
    week: EVALUATED,
    kind: 'prompt',
    status: 'sent',
    recipient: probe,
  });
  if (stored.length !== 1 || stored[0]?.message.kind !== 'prompt')
    throw new Error('setup: prompt rows unreadable');
  const answers = await store.listAnswers({ from: EVALUATED, to: EVALUATED });
  if (answers.length === 0 || !answers.every((a) => a.answeredAt instanceof Date)) {
    throw new Error('setup: check-in rows unreadable');
  }
  sqlite.pragma('journal_mode = WAL');
  closeDatabase(handle);
  if (existsSync(`${path}-wal`)) throw new Error('setup: the WAL was not checkpointed on close');
  return {
    ...counts,
    fileMb: statSync(path).size / 2 ** 20,
    seconds: (performance.now() - started) / 1000,
  };
}
