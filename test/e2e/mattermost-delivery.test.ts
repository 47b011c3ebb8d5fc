// A post whose answer is lost: Mattermost may have stored it although the call failed (a 5xx after the post, a
// connection dropped by a proxy or by the bot's 20 s time-out). The outbox looks for it before trying again, so each
// message arrives once; a 429 is the server refusing the post, sent again without looking.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DispatchResult, dispatchOutbox } from '../../src/app/outbox.ts';
import { sendPrompts } from '../../src/app/prompts.ts';
import { ChatDeliveryError } from '../../src/core/ports.ts';
import { findPerson, type Person } from '../../src/core/programme.ts';
import { conversation } from '../fakes/mattermost-integrations.ts';
import { type MattermostWorld, mattermostWorld, usernameOf } from '../fakes/mattermost-world.ts';

const WEEK = '2026-W47';
const INTRAPRENEURS = ['alice', 'nicolas', 'camille', 'mehdi', 'elodie', 'pierre'];
const POSTS = 'POST /api/v4/posts';
const HISTORY = 'GET /api/v4/channels/{channel_id}/posts';

describe('Mattermost: a post whose answer is lost', () => {
  let w: MattermostWorld;

  beforeEach(async () => {
    w = await mattermostWorld();
    await w.platform.start();
  });
  afterEach(async () => {
    expect(w.mm.violations).toEqual([]);
    await w.close();
  });

  const person = (id: string): Person => findPerson(w.programme, id) as Person;
  const prompts = (id: string) =>
    conversation(w.mm, w.bot, usernameOf(person(id))).filter(
      (p) => p.props.coaching_bot_key === `prompt:${id}:${WEEK}`,
    );

  /** Runs the outbox again once its retry delays are over, as the scheduler does, until nothing is left. */
  async function drain(): Promise<DispatchResult> {
    const total: DispatchResult = { sent: 0, recovered: 0, retried: 0, failed: 0 };
    for (let round = 0; round < 5; round++) {
      if ((await w.app.ctx.store.listOutbox({ status: 'pending' })).length === 0) return total;
      w.clock.advance(2 * 60 * 60_000);
      const result = await dispatchOutbox(w.app.ctx, { label: 'retries' });
      for (const k of ['sent', 'recovered', 'retried', 'failed'] as const) total[k] += result[k];
    }
    throw new Error('messages still pending after five rounds');
  }

  async function expectEachPromptOnce(): Promise<void> {
    for (const id of INTRAPRENEURS) expect(prompts(id), id).toHaveLength(1);
    const outbox = await w.app.ctx.store.listOutbox({ week: WEEK, kind: 'prompt' });
    expect(outbox.map((e) => e.status)).toEqual(INTRAPRENEURS.map(() => 'sent'));
  }

  it('reports a 5xx or a dropped connection on the post itself as an unknown outcome, a 429 as a refusal', async () => {
    const delivery = (key: string, to = 'alice') => ({
      key,
      to: { person: person(to) },
      message: { kind: 'prompt' as const, week: WEEK, intrapreneur: to },
      locale: 'fr' as const,
    });
    const failure = (key: string, to?: string) =>
      w.platform.chat.send(delivery(key, to)).catch((e: unknown) => e as ChatDeliveryError);

    w.mm.fail(POSTS, { status: 500 });
    expect(await failure('k1')).toMatchObject({ transient: true, outcomeUnknown: true });
    w.mm.fail(POSTS, { status: 502, processed: true });
    expect(await failure('k2')).toMatchObject({ transient: true, outcomeUnknown: true });
    w.mm.fail(POSTS, { disconnect: true, processed: true });
    expect(await failure('k3')).toMatchObject({ code: 'unreachable', transient: true, outcomeUnknown: true });
    w.mm.fail(POSTS, { status: 429, retryAfterSeconds: 5 });
    const limited = await failure('k4');
    expect(limited).toBeInstanceOf(ChatDeliveryError);
    expect(limited).toMatchObject({ code: 'rate_limited', transient: true, outcomeUnknown: false });
    // Before the post (opening Nicolas's direct channel), nothing can have been posted.
    w.mm.fail('POST /api/v4/channels/direct', { status: 500 });
    expect(await failure('k5', 'nicolas')).toMatchObject({ transient: true, outcomeUnknown: false });
  });

  it('a 500 after Mattermost stored the post: the week’s prompts arrive exactly once', async () => {
    w.mm.fail(POSTS, { status: 500, processed: true });
    w.mm.fail(POSTS, { status: 503, processed: true });
    const first = await sendPrompts(w.app.ctx, WEEK);
    expect(first).toMatchObject({ status: 'done', total: 6, sent: 4, retried: 2 });
    // Both are already in Mattermost, the outbox does not know it yet.
    expect(INTRAPRENEURS.filter((id) => prompts(id).length === 1)).toHaveLength(6);

    const retries = await drain();
    expect(retries).toMatchObject({ sent: 0, recovered: 2, failed: 0 });
    await expectEachPromptOnce();
  });

  it('a connection dropped after the post was stored (a time-out): found again, not posted twice', async () => {
    w.mm.fail(POSTS, { disconnect: true, processed: true });
    expect(await sendPrompts(w.app.ctx, WEEK)).toMatchObject({ sent: 5, retried: 1 });
    expect(await drain()).toMatchObject({ sent: 0, recovered: 1 });
    await expectEachPromptOnce();
  });

  it('a 500 before anything was stored: looked for, then posted once', async () => {
    w.mm.fail(POSTS, { status: 500 });
    expect(await sendPrompts(w.app.ctx, WEEK)).toMatchObject({ sent: 5, retried: 1 });
    // The look finds nothing the first time Mattermost is down again, and stays unsure.
    w.mm.fail(HISTORY, { status: 503 });
    const looks = w.mm.requests.filter((r) => r === HISTORY).length;
    expect(await drain()).toMatchObject({ sent: 1, recovered: 0, retried: 1 });
    expect(w.mm.requests.filter((r) => r === HISTORY).length).toBe(looks + 2);
    await expectEachPromptOnce();
  });

  it('a 429 is sent again without looking first', async () => {
    w.mm.fail(POSTS, { status: 429, retryAfterSeconds: 60 });
    expect(await sendPrompts(w.app.ctx, WEEK)).toMatchObject({ sent: 5, retried: 1 });
    expect(await drain()).toMatchObject({ sent: 1, recovered: 0 });
    expect(w.mm.requests).not.toContain(HISTORY);
    await expectEachPromptOnce();
  });
});
