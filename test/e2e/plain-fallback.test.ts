// A platform that refuses a message for its shape (Slack's `invalid_blocks` or `msg_too_long`, Mattermost's 400)
// gets it again at once as plain text, under the same key, instead of the message being dropped; a second refusal is
// reported as before. Exactly once still holds: the key is found on the platform, nothing is sent twice.
import { afterEach, describe, expect, it } from 'vitest';
import { sendPrompts } from '../../src/app/prompts.ts';
import { conversation, visibleText } from '../fakes/mattermost-integrations.ts';
import type { FakePost } from '../fakes/mattermost-server.ts';
import { type MattermostWorld, mattermostWorld } from '../fakes/mattermost-world.ts';
import { type SlackBot, startSlackBot } from '../fakes/slack-bot.ts';

const WEEK = '2026-W47';

describe('Slack refuses a message’s shape', () => {
  let s: SlackBot;

  afterEach(async () => {
    expect(s.slack.violations).toEqual([]);
    await s.close();
  });

  it.each(['invalid_blocks', 'msg_too_long'])(
    'on %s, sends the check-in again as plain text, once',
    async (error) => {
      s = await startSlackBot();
      s.slack.inject('chat.postMessage', { error });
      const result = await sendPrompts(s.bot.ctx, WEEK);
      expect(result).toMatchObject({ status: 'done', total: 6, sent: 6, failed: 0, retried: 0 });
      const refused = s.slack.callsOf('chat.postMessage')[0];
      expect(refused?.outcome).toBe(error);
      const key = JSON.parse(String(refused?.args.metadata)).event_payload.key as string;
      const [person] = key.split(':').slice(1, 2);
      const received = s.slack.directMessages(s.slackId(person as string));
      expect(received).toHaveLength(1);
      expect(received[0]?.blocks).toEqual([]);
      expect(received[0]?.text).toContain('Combien de jours avez-vous été libéré(e)');
      expect(received[0]?.text).toContain('Pour répondre, tapez /checkin.');
      expect(received[0]?.metadata?.event_payload.key).toBe(key);
      // The outbox knows it sent, and the platform finds it by its key: nothing is sent again.
      expect(await sendPrompts(s.bot.ctx, WEEK)).toMatchObject({ sent: 0 });
      const keys = s.slack.messages.map((m) => m.metadata?.event_payload.key);
      expect(new Set(keys).size).toBe(6);
      expect(keys).toHaveLength(6);
    },
  );

  it('reports the message refused for good when the plain text is refused too', async () => {
    s = await startSlackBot();
    s.slack.inject('chat.postMessage', { error: 'invalid_blocks' }, { error: 'invalid_blocks' });
    const result = await sendPrompts(s.bot.ctx, WEEK);
    expect(result).toMatchObject({ sent: 5, failed: 1 });
    const [failed] = await s.bot.ctx.store.listOutbox({ week: WEEK, status: 'failed' });
    expect(failed?.lastError).toBe('invalid_blocks');
    expect(s.slack.messages).toHaveLength(5);
  });
});

describe('Mattermost refuses a post’s shape', () => {
  let w: MattermostWorld;

  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  it('on a 400, sends the check-in again as plain text, without its buttons, once', async () => {
    w = await mattermostWorld();
    await w.platform.start();
    w.mm.fail('POST /api/v4/posts', { status: 400, id: 'model.post.is_valid.props.app_error' });
    const result = await sendPrompts(w.app.ctx, WEEK);
    expect(result).toMatchObject({ status: 'done', total: 6, sent: 6, failed: 0, retried: 0 });
    const posts = [...w.mm.posts.values()];
    expect(posts).toHaveLength(6);
    const plain = posts.filter((p) => p.props.attachments === undefined);
    expect(plain).toHaveLength(1);
    const [post] = plain as [FakePost];
    expect(visibleText(post)).toContain('Votre point de coaching hebdomadaire a-t-il eu lieu ?');
    expect(visibleText(post)).toContain('Pour répondre, tapez /checkin.');
    expect(String(post.props.coaching_bot_key)).toMatch(/^prompt:[a-z]+:2026-W47$/);
    expect(await sendPrompts(w.app.ctx, WEEK)).toMatchObject({ sent: 0 });
    expect(conversation(w.mm, w.bot, 'amartin')).toHaveLength(1);
  });

  it('reports the message refused for good when the plain text is refused too', async () => {
    w = await mattermostWorld();
    await w.platform.start();
    w.mm.fail('POST /api/v4/posts', { status: 400, id: 'model.post.is_valid.props.app_error' }, 2);
    const result = await sendPrompts(w.app.ctx, WEEK);
    expect(result).toMatchObject({ sent: 5, failed: 1 });
    const [failed] = await w.app.ctx.store.listOutbox({ week: WEEK, status: 'failed' });
    expect(failed?.lastError).toBe('refused');
    expect(w.mm.posts.size).toBe(5);
  });
});
