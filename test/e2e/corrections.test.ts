// An owner corrects an intrapreneur's answer after the week was evaluated: `/checkin @alice 2026-W46` opens her form
// for that week, the click is recorded for Alice in the owner's name, the correction is kept (who, when, before →
// after), the report and the dashboard show the corrected figure, the alerts already sent stay, and the next digest
// says so — once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { type CommandReply, runCommand } from '../../src/app/commands.ts';
import { silentLogger } from '../../src/app/context.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/types.ts';
import { readEnv } from '../../src/config/env.ts';
import type { AnswerChange } from '../../src/core/checkin.ts';
import type { Programme } from '../../src/core/programme.ts';
import { createDashboard } from '../../src/http/dashboard/routes.ts';
import { type HttpServer, startHttpServer } from '../../src/http/server.ts';
import { ROOT } from '../support/child.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const INTRAPRENEURS = ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'];
const WEEKS = {
  '2026-W46': { friday: '2026-11-13', tuesday: '2026-11-17', wednesday: '2026-11-18' },
  '2026-W47': { friday: '2026-11-20', tuesday: '2026-11-24', wednesday: '2026-11-25' },
  '2026-W48': { friday: '2026-11-27', tuesday: '2026-12-01', wednesday: '2026-12-02' },
} as const;
type Week = keyof typeof WEEKS;

const CORRECTION_LINE = '• Alice Martin, semaine 46 : 0 jour → 1 jour (corrigé par Claire Dubois)';

describe('an owner’s correction of an evaluated week', () => {
  let programme: Programme;
  let clock: TestClock;
  let chat: RecordingChat;
  let url: string;
  let bot: TestBot;

  beforeEach(async () => {
    programme = exampleProgramme();
    clock = new TestClock(new Date());
    chat = new RecordingChat(programme);
    url = tempDatabaseUrl();
    bot = await openBot(url, programme, clock, chat);
  });
  afterEach(() => bot.close());

  const answer = (actor: string, week: Week, change: AnswerChange, intrapreneur?: string) =>
    recordAnswer(bot.ctx, { actor, week, change, ...(intrapreneur ? { intrapreneur } : {}) });
  const days = (n: 0 | 0.5 | 1): AnswerChange => ({ field: 'release', release: { kind: 'days', days: n } });

  /** Prompts on Friday, everyone answers (Alice `aliceDays`), evaluation on Tuesday. */
  async function week(week: Week, aliceDays: 0 | 1): Promise<void> {
    clock.setParis(WEEKS[week].friday, 14);
    await sendPrompts(bot.ctx, week);
    clock.setParis(WEEKS[week].friday, 16);
    for (const id of INTRAPRENEURS) {
      await answer(id, week, days(id === 'alice' ? aliceDays : 1));
      await answer(id, week, { field: 'coaching', held: true });
    }
    clock.setParis(WEEKS[week].tuesday, 9);
    await evaluateWeek(bot.ctx, week);
  }

  const digestOf = (week: Week) =>
    chat.messages.find((m) => m.kind === 'digest' && m.to === 'claire' && m.key.endsWith(week))?.text ?? '';
  const command = (actor: string, text: string): Promise<CommandReply> =>
    runCommand(bot.ctx, { actor, command: 'checkin', text });

  function capture(): Output & { lines: string[]; errors: string[] } {
    const lines: string[] = [];
    const errors: string[] = [];
    return { lines, errors, out: (t) => lines.push(t), err: (t) => errors.push(t) };
  }

  async function dashboardPage(): Promise<string> {
    const dashboard = await createDashboard({
      ctx: bot.ctx,
      env: readEnv({ DATABASE_URL: url }, '/'),
      sandbox: true,
    });
    const http: HttpServer = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
      routes: dashboard.routes,
    });
    try {
      return await (await fetch(`${http.url}/dashboard`)).text();
    } finally {
      await http.close();
    }
  }

  it('shows the corrected figure in the report and the dashboard, keeps the alerts sent, and tells the next digest once', async () => {
    await week('2026-W46', 0);
    const alertsBefore = chat.messages.filter((m) => m.kind === 'alert').map((m) => `${m.key}`);
    // The released day missed goes to her manager; the owner reads it in the digest.
    expect(alertsBefore).toEqual(['alert:release_missed:alice:2026-W46:isabelle']);

    // Wednesday: Claire opens Alice's week 46, evaluated the day before.
    clock.setParis(WEEKS['2026-W46'].wednesday, 10);
    const form = await command('claire', '@alice 2026-W46');
    expect(form).toMatchObject({
      kind: 'checkin',
      intrapreneur: 'alice',
      owner: 'claire',
      weeks: [{ week: '2026-W46', answer: { release: { kind: 'days', days: 0 } } }],
    });
    // Her click, as every platform passes it on: for Alice, by Claire.
    await answer('claire', '2026-W46', days(1), 'alice');
    expect(await bot.ctx.store.getAnswer('alice', '2026-W46')).toMatchObject({
      release: { kind: 'days', days: 1 },
      answeredBy: 'claire',
    });
    expect(await bot.ctx.store.listCorrections({ intrapreneur: 'alice' })).toEqual([
      {
        id: expect.any(Number),
        intrapreneur: 'alice',
        week: '2026-W46',
        field: 'release',
        before: '0',
        after: '1',
        by: 'claire',
        at: clock.now(),
      },
    ]);

    // The report as an operator prints it.
    const env = { PROGRAMME_FILE: `${ROOT}/examples/programme.yml`, DATABASE_URL: url, LOG_LEVEL: 'error' };
    const out = capture();
    const code = await main(
      ['report', '--from', '2026-W46', '--to', '2026-W46', '--format', 'json'],
      out,
      env,
      { clock },
    );
    expect([code, out.errors]).toEqual([0, []]);
    const rows = JSON.parse(out.lines.join('\n')).rows as Record<string, unknown>[];
    expect(rows.find((r) => r.intrapreneur === 'alice')).toMatchObject({
      week: '2026-W46',
      release: 'honoured',
      releasedDays: 1,
      alerts: ['release_missed'],
    });

    // The dashboard: her week is honoured; the alert raised on Tuesday is still listed.
    const page = await dashboardPage();
    const cell = /<td class="([^"]*)" data-intrapreneur="alice" data-week="2026-W46"/.exec(page)?.[1];
    expect(cell).toContain('cb-cell--honoured');
    expect(page).toContain('data-alert="release_missed:alice:2026-W46"');
    expect((await bot.ctx.store.listAlerts({ intrapreneur: 'alice' })).map((a) => [a.kind, a.week])).toEqual([
      ['release_missed', '2026-W46'],
    ]);

    // Nothing is withdrawn: no message went out for the correction itself.
    expect(chat.messages.filter((m) => m.kind === 'alert').map((m) => m.key)).toEqual(alertsBefore);
    expect(digestOf('2026-W46')).not.toContain('corrigé');

    // The next digest says what changed, and the one after does not say it again.
    await week('2026-W47', 1);
    expect(digestOf('2026-W47')).toContain(
      'Une réponse corrigée par un responsable depuis la dernière synthèse (les alertes déjà envoyées restent) :',
    );
    expect(digestOf('2026-W47')).toContain(CORRECTION_LINE);
    await week('2026-W48', 1);
    expect(digestOf('2026-W48')).not.toContain('corrigé');
    expect((await bot.ctx.store.listCorrections({}))[0]?.reportedIn).toBe('2026-W47');
  });

  it('sums up several clicks on one figure, and leaves a correction made after a digest to the next one', async () => {
    await week('2026-W46', 0);
    clock.setParis(WEEKS['2026-W46'].wednesday, 10);
    await answer('claire', '2026-W46', days(0.5), 'alice');
    await answer('thomas', '2026-W46', days(1), 'alice');
    await answer('claire', '2026-W46', { field: 'coaching', held: false }, 'alice');
    // A correction put back as it was is no correction.
    await answer('claire', '2026-W46', days(0), 'nicolas');
    await answer('claire', '2026-W46', days(1), 'nicolas');
    await week('2026-W47', 1);
    const lines = digestOf('2026-W47').split('\n');
    expect(lines.filter((l) => l.startsWith('• Alice') || l.startsWith('• Nicolas'))).toEqual([
      '• Alice Martin, semaine 46 : 0 jour → 1 jour (corrigé par Claire Dubois, Thomas Lefebvre)',
      '• Alice Martin, semaine 46 : point de coaching tenu → pas de point de coaching (corrigé par Claire Dubois)',
    ]);
    expect(digestOf('2026-W47')).toContain('2 réponses corrigées par les responsables');

    // Evaluated again (by hand, say) after another correction: no new digest goes out, so it waits for the next.
    clock.setParis(WEEKS['2026-W47'].wednesday, 10);
    await answer('claire', '2026-W47', days(0), 'pierre');
    await evaluateWeek(bot.ctx, '2026-W47');
    await week('2026-W48', 1);
    expect(digestOf('2026-W48')).toContain(
      '• Pierre Dupont, semaine 47 : 1 jour → 0 jour (corrigé par Claire Dubois)',
    );
  });

  it('opens any week of the check-in period for an owner, and nobody else’s for anyone else', async () => {
    await week('2026-W46', 0);
    clock.setParis(WEEKS['2026-W47'].friday, 16);
    // By default, the weeks Alice could answer now; a week by its number in the check-in period.
    expect(await command('claire', '@alice')).toMatchObject({
      weeks: [{ week: '2026-W47' }],
      owner: 'claire',
    });
    expect(await command('thomas', '@alice 46')).toMatchObject({ weeks: [{ week: '2026-W46' }] });
    expect(await command('claire', '@alice 2026-W48')).toEqual({
      kind: 'text',
      ok: false,
      text: 'La semaine 48, du 23 au 27 novembre (2026-W48) n’a pas encore commencé : rien ne peut s’y faire avant. Au plus tard aujourd’hui : la semaine 47, du 16 au 20 novembre (2026-W47).',
    });
    expect(await command('claire', '@alice 2026-W40')).toMatchObject({
      ok: false,
      text: 'La semaine 40, du 28 septembre au 2 octobre (2026-W40) n’est pas suivie : elle est hors de la période du point hebdomadaire, ou c’est une semaine de fermeture.',
    });
    expect(await command('claire', '@alice 30')).toMatchObject({
      ok: false,
      text: expect.stringMatching(/^La semaine 30 n’est pas suivie/),
    });
    expect(await command('claire', '@julien')).toMatchObject({
      ok: false,
      text: 'Julien Moreau n’est pas intrapreneur de ce programme.',
    });
    expect(await command('claire', '@alice semaine')).toMatchObject({
      ok: false,
      text: expect.stringContaining('Je ne comprends pas « semaine »'),
    });

    // An intrapreneur, a coach, a manager: a clear refusal, and a forged click changes nothing.
    for (const actor of ['nicolas', 'julien', 'isabelle']) {
      expect(await command(actor, '@alice 2026-W46')).toEqual({
        kind: 'text',
        ok: false,
        text: 'Seuls les responsables du programme peuvent ouvrir le point hebdomadaire d’Alice Martin pour répondre à sa place.',
      });
      await expect(answer(actor, '2026-W46', days(1), 'alice')).rejects.toMatchObject({
        code: 'not_allowed',
      });
    }
    expect((await bot.ctx.store.getAnswer('alice', '2026-W46'))?.release).toEqual({ kind: 'days', days: 0 });
    expect(await bot.ctx.store.listCorrections({})).toEqual([]);

    // Alice's own `/checkin` is as before; naming herself, she gets her own open weeks, not a closed one.
    expect(await command('alice', '')).toMatchObject({
      intrapreneur: 'alice',
      weeks: [{ week: '2026-W47' }],
    });
    expect((await command('alice', '')) as { owner?: string }).not.toHaveProperty('owner');
    expect(await command('alice', '@alice 2026-W46')).toMatchObject({
      ok: false,
      text: expect.stringContaining('a déjà été évaluée'),
    });
    // An owner who is not an intrapreneur is shown how to open someone's check-in.
    expect(await command('claire', '')).toMatchObject({
      ok: false,
      text: expect.stringContaining('`/checkin @intrapreneur [semaine]`'),
    });
  });
});
