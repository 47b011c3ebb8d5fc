// A cohort with a part-time intrapreneur, through the use cases on a real SQLite file: Alice works at 50 % and releases
// half a day a week, as does Nicolas, full-time. Only Nicolas's manager is alerted; the report, the dashboard and
// `/phase <project>` show each one's minimum, the dashboard (owners only) with the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { runCommand } from '../../src/app/commands.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { complianceReport } from '../../src/app/report.ts';
import { parseProgramme } from '../../src/config/programme-file.ts';
import type { Programme } from '../../src/core/programme.ts';
import { dashboardData } from '../../src/http/dashboard/data.ts';
import { releaseSection } from '../../src/http/dashboard/render.ts';
import { formatReport } from '../../src/render/report-format.ts';
import { ROOT } from '../support/child.ts';
import { openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const WEEK = '2026-W47';

function programme(): Programme {
  const example = readFileSync(join(ROOT, 'examples/programme.yml'), 'utf8');
  const from = 'intrapreneurs: [{ person: alice, manager: isabelle }]';
  expect(example).toContain(from);
  const load = parseProgramme(
    example.replace(
      from,
      'intrapreneurs: [{ person: alice, manager: isabelle, days_per_week: 0.5, reason: Temps partiel à 50 % }]',
    ),
  );
  if (!load.ok) throw new Error(JSON.stringify(load.problems));
  return load.programme;
}

describe('a part-time intrapreneur in the cohort', () => {
  let clock: TestClock;
  let chat: RecordingChat;
  let bot: TestBot;

  beforeEach(async () => {
    const p = programme();
    clock = new TestClock(new Date());
    clock.setParis('2026-11-20', 14);
    chat = new RecordingChat(p);
    bot = await openBot(tempDatabaseUrl(), p, clock, chat);
    await sendPrompts(bot.ctx, WEEK);
    clock.setParis('2026-11-20', 16);
    for (const actor of ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre']) {
      const days = actor === 'alice' || actor === 'nicolas' ? 0.5 : 1;
      await recordAnswer(bot.ctx, {
        actor,
        week: WEEK,
        change: { field: 'release', release: { kind: 'days', days } },
      });
      await recordAnswer(bot.ctx, { actor, week: WEEK, change: { field: 'coaching', held: true } });
    }
    clock.setParis('2026-11-24', 9);
    await evaluateWeek(bot.ctx, WEEK);
  });
  afterEach(() => bot.close());

  it('alerts Nicolas’s manager for ½ day, not Alice’s', () => {
    const alerts = chat.messages.filter((m) => m.kind === 'alert');
    expect(alerts.map((m) => `${m.to}:${m.key.split(':')[1]}:${m.key.split(':')[2]}`)).toEqual([
      'laurent:release_missed:nicolas',
    ]);
    expect(alerts[0]?.text).toContain('pour 1 jour prévu par la convention.');
  });

  it('shows each intrapreneur’s minimum in the report', async () => {
    const report = await complianceReport(bot.ctx, { from: WEEK, to: WEEK });
    // The English CSV, whose column names scripts read; the French one says « Jours libérés attendus par semaine ».
    const csv = formatReport(report, 'csv', 'en').split('\n');
    expect(csv[0]?.endsWith(',alerts,required')).toBe(true);
    expect(
      formatReport(report, 'csv', 'fr')
        .split('\n')[0]
        ?.endsWith(';Alertes;Jours libérés attendus par semaine'),
    ).toBe(true);
    expect(csv.find((l) => l.includes(',alice,'))).toBe(
      '2026-W47,alice,Alice Martin,transport-lycees,honoured,0.5,false,held,true,false,,0.5',
    );
    expect(csv.find((l) => l.includes(',nicolas,'))).toBe(
      '2026-W47,nicolas,Nicolas Durand,aides-entreprises,missed,0.5,false,held,true,false,release_missed,1',
    );
    const table = formatReport(report, 'table', 'fr').split('\n');
    expect(table[0]).toMatch(/^Intrapreneur +Projet +Min\.\/sem\. +S47$/);
    expect(table.find((l) => l.startsWith('Alice Martin'))).toMatch(
      /^Alice Martin +transport-lycees +0,5 +0,5 ✓$/,
    );
    expect(table.find((l) => l.startsWith('Nicolas Durand'))).toMatch(
      /^Nicolas Durand +aides-entreprises +1 +0,5✗ ✓ !$/,
    );
  });

  it('shows the owners her minimum and its reason on the dashboard, and her week as honoured', async () => {
    const markup = releaseSection(await dashboardData(bot.ctx), 'fr').toString();
    expect(markup).toContain(
      'Alice Martin<br><span class="cb-project">Trajets des lycéens</span><br><span class="cb-minimum">minimum ½ j par semaine : Temps partiel à 50 %</span></th>',
    );
    // Nicolas follows the programme's minimum: nothing more under his name.
    expect(markup).toContain(
      'Nicolas Durand<br><span class="cb-project">Aides régionales aux entreprises</span></th>',
    );
    expect(markup).toMatch(/cb-cell--honoured[^"]*" data-intrapreneur="alice" data-week="2026-W47"/);
    expect(markup).toMatch(/cb-cell--missed[^"]*" data-intrapreneur="nicolas" data-week="2026-W47"/);
  });

  it('says her minimum in /phase for her project, without the reason', async () => {
    clock.setParis('2026-11-27', 10);
    const reply = await runCommand(bot.ctx, {
      actor: 'isabelle',
      command: 'phase',
      text: 'transport-lycees',
    });
    if (reply.kind !== 'text') throw new Error('a text reply was expected');
    const line = reply.text.split('\n').find((l) => l.startsWith('• Alice Martin'));
    expect(line).toMatch(
      /^• Alice Martin \(hiérarchie : Isabelle Roux ; minimum 0,5 jour par semaine\) — .*S47 0,5 ✓/,
    );
    expect(reply.text).not.toContain('Temps partiel');
  });
});
