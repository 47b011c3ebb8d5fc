// On the dashboard an alert is marked in the grid of the rule that raised it (a coaching alert in the coaching grid,
// not in the released-day heatmap), and a disagreement between an answer and a coach's log has a symbol of its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import { logCoaching } from '../../src/app/coaching.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import type { ReleasedDays } from '../../src/core/checkin.ts';
import { dashboardData } from '../../src/http/dashboard/data.ts';
import { alertsSection, coachingSection, releaseSection } from '../../src/http/dashboard/render.ts';
import { exampleProgramme, openBot, type TestBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';
import { RecordingChat } from '../support/recording-chat.ts';

/** The text a person sees in a cell of a grid (the part hidden from screen readers' duplicate). */
function cell(html: string, grid: string, who: string, week: string): string {
  const table = html.slice(html.indexOf(`id="${grid}"`));
  const match = new RegExp(
    `data-intrapreneur="${who}" data-week="${week}"[^>]*><span aria-hidden="true">(.*?)</span><span class="fr-sr-only">`,
  ).exec(table);
  if (!match) throw new Error(`no cell ${who} ${week} in ${grid}`);
  return (match[1] ?? '').replace(/<[^>]+>/g, '');
}

describe('the dashboard’s symbols', () => {
  let bot: TestBot;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock(new Date());
    const programme = exampleProgramme();
    bot = await openBot(tempDatabaseUrl(), programme, clock, new RecordingChat(programme));
    const answer = async (who: string, week: string, days: ReleasedDays, held: boolean) => {
      await recordAnswer(bot.ctx, {
        actor: who,
        week,
        change: { field: 'release', release: { kind: 'days', days } },
      });
      await recordAnswer(bot.ctx, { actor: who, week, change: { field: 'coaching', held } });
    };
    for (const [week, friday, tuesday] of [
      ['2026-W46', '2026-11-13', '2026-11-17'],
      ['2026-W47', '2026-11-20', '2026-11-24'],
    ] as const) {
      clock.setParis(friday, 14);
      await sendPrompts(bot.ctx, week);
      clock.setParis(friday, 16);
      for (const who of ['mehdi', 'elodie', 'pierre']) await answer(who, week, 1, true);
      // Alice: her days, but no coaching point two weeks running. Nicolas: half a day in W47.
      await answer('alice', week, 1, false);
      await answer('nicolas', week, week === '2026-W47' ? 0.5 : 1, true);
      // Camille says no, her coach logged a session: they disagree, and the session counts.
      await answer('camille', week, 1, false);
      await logCoaching(bot.ctx, { actor: 'sophie', text: `@camille ${friday} 1h revue du POC` });
      clock.setParis(tuesday, 9);
      await evaluateWeek(bot.ctx, week);
    }
  });
  afterEach(() => bot.close());

  it('marks a coaching alert in the coaching grid, a released-day alert in the heatmap, each once', async () => {
    const data = await dashboardData(bot.ctx);
    const release = String(releaseSection(data, 'fr'));
    const coaching = String(coachingSection(data, 'fr'));
    expect(cell(coaching, 'coaching', 'alice', '2026-W47')).toBe('Non ⚠');
    expect(cell(release, 'heatmap', 'alice', '2026-W47')).toBe('1 j');
    expect(cell(release, 'heatmap', 'nicolas', '2026-W47')).toBe('½ j ✗ ⚠');
    expect(cell(coaching, 'coaching', 'nicolas', '2026-W47')).toBe('Oui');
  });

  it('gives a disagreement its own symbol, not the alert’s, and the legends say which is which', async () => {
    const data = await dashboardData(bot.ctx);
    const coaching = String(coachingSection(data, 'fr'));
    expect(cell(coaching, 'coaching', 'camille', '2026-W47')).toBe('≠ Non / séance');
    expect(coaching).toContain('≠ Non / séance</span> désaccord');
    expect(coaching).toContain(
      '⚠</span> alerte levée pour cette semaine : point de coaching manqué deux semaines de suite',
    );
    expect(String(releaseSection(data, 'fr'))).toContain(
      '⚠</span> alerte levée pour cette semaine : jour libéré non respecté, ou pas de réponse',
    );
  });

  it('lists each alert with the digest among its recipients', async () => {
    const data = await dashboardData(bot.ctx);
    const alerts = String(alertsSection(bot.ctx.programme, data, 'fr'));
    const row = /<tr data-alert="coaching_missed:alice:2026-W47">(.*?)<\/tr>/.exec(alerts)?.[1] ?? '';
    expect(row).toContain('<td>Julien Moreau, la synthèse hebdomadaire</td><td>1 sur 1 remis</td>');
  });
});
