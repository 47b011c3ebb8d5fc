// Two platforms at once, Slack first then Mattermost: each person is reached where they are known. The first
// platform here is a recording one that knows the people with a `slack:` id, as Slack would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAnswer } from '../../src/app/answers.ts';
import type { AppContext } from '../../src/app/context.ts';
import { evaluateWeek } from '../../src/app/evaluation.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import type { Platform } from '../../src/platforms/platform.ts';
import { chatFor } from '../../src/platforms/routing-chat.ts';
import { conversation, visibleText } from '../fakes/mattermost-integrations.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';
import { RecordingChat } from '../support/recording-chat.ts';

const WEEK = '2026-W47';

describe('Slack and Mattermost configured together', () => {
  let w: MattermostWorld;
  let slack: RecordingChat;
  let ctx: AppContext;

  beforeEach(async () => {
    // Mehdi is on neither platform; the owners (Claire, Thomas) have Slack ids.
    w = await mattermostWorld({ absent: ['mehdi'] });
    slack = new RecordingChat(w.programme);
    const slackLike: Platform = {
      name: 'slack',
      chat: slack,
      routes: {},
      reaches: async (person) => person.slack !== undefined,
      start: async () => {},
      stop: async () => {},
      ready: async () => true,
    };
    const chat = chatFor([slackLike, w.platform]);
    if (!chat) throw new Error('no chat');
    // The context the composition root would build over both platforms.
    ctx = { ...w.app.ctx, chat };
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  it('sends each message where its recipient is known, and reports who is reached nowhere', async () => {
    const prompts = await sendPrompts(ctx, WEEK);
    expect(prompts).toMatchObject({ total: 6, sent: 5, failed: 1 });
    // The intrapreneurs have no Slack id: their check-in is on Mattermost.
    for (const username of ['amartin', 'ndurand', 'clambert', 'efournier', 'pdupont']) {
      expect(conversation(w.mm, w.bot, username).map((p) => visibleText(p))).toEqual([
        expect.stringContaining('Point hebdomadaire — semaine 47'),
      ]);
    }
    expect(slack.messages).toEqual([]);
    expect(await ctx.store.listOutbox({ recipient: 'mehdi' })).toMatchObject([
      { status: 'failed', lastError: 'unreachable' },
    ]);

    w.clock.setParis('2026-11-20', 16);
    await recordAnswer(ctx, {
      actor: 'alice',
      week: WEEK,
      change: { field: 'release', release: { kind: 'days', days: 0 } },
    });
    w.clock.setParis('2026-11-24', 9);
    await evaluateWeek(ctx, WEEK);
    // The owners are on Slack (although Claire is on Mattermost too: Slack comes first); managers on Mattermost.
    const keys = (to: string) =>
      slack
        .to(to)
        .map((m) => m.key.split(':').slice(0, 3).join(':'))
        .sort();
    expect(keys('claire')).toEqual(['digest:claire:2026-W47']);
    expect(keys('thomas')).toEqual(['digest:thomas:2026-W47']);
    expect(conversation(w.mm, w.bot, 'cdubois')).toEqual([]);
    expect(conversation(w.mm, w.bot, 'iroux').map((p) => p.props.coaching_bot_key)).toEqual([
      `alert:release_missed:alice:${WEEK}:isabelle`,
    ]);
    const digest = slack.to('claire').find((m) => m.kind === 'digest');
    expect(digest?.text).toContain('1 message n’a pas pu être remis');
    expect(digest?.text).toContain('Mehdi Haddad (prompt) : unreachable');
  });
});
