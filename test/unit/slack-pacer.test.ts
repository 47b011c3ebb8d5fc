// The pace of Slack posts, on a virtual clock: what leaves when, for a workspace cap, one conversation, and a
// Retry-After. (How fast a real fan-out goes is measured by `npm run bench`, not here.)
import { describe, expect, it } from 'vitest';
import { Pacer, PacerStopped } from '../../src/platforms/slack/pacer.ts';

function virtualPacer(perSecond: number, perConversationMs: number) {
  let now = 1_000_000;
  const starts: { conversation: string; at: number }[] = [];
  const pacer = new Pacer({
    perSecond,
    perConversationMs,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const post = (conversation: string) =>
    pacer.run(conversation, async () => {
      starts.push({ conversation, at: now - 1_000_000 });
      return conversation;
    });
  return { pacer, starts, post, advance: (ms: number) => (now += ms) };
}

/** The most posts that started within any window of `ms`. */
function busiest(times: number[], ms: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
}

describe('Slack pacing', () => {
  it('spreads a fan-out evenly under the workspace cap, never more in any second', async () => {
    const { starts, post } = virtualPacer(5, 1000);
    // One after the other, as the outbox sends.
    for (let i = 0; i < 12; i++) await post(`U${i}`);
    const times = starts.map((s) => s.at);
    // Five a second, spaced to fit in a little more than a second (1,010 ms).
    expect(times).toEqual(Array.from({ length: 12 }, (_, i) => i * 202));
    expect(busiest(times, 1000)).toBe(5);
  });

  it('gives turns in the order they were asked for', async () => {
    const { starts, post } = virtualPacer(10, 1000);
    await Promise.all(['U1', 'U2', 'U3', 'U4'].map(post));
    expect(starts.map((s) => s.conversation)).toEqual(['U1', 'U2', 'U3', 'U4']);
  });

  it('waits a second between two posts to one conversation', async () => {
    const { starts, post } = virtualPacer(51, 1000);
    await Promise.all(['U1', 'U1', 'U2', 'U1'].map(post));
    const toU1 = starts.filter((s) => s.conversation === 'U1').map((s) => s.at);
    expect(toU1).toEqual([0, 1000, 2000]);
  });

  it('holds every post while Slack’s Retry-After runs', async () => {
    const { pacer, starts, post } = virtualPacer(101, 0);
    await post('U1');
    pacer.pauseFor(2000);
    await Promise.all(['U2', 'U3'].map(post));
    expect(starts.map((s) => s.at)).toEqual([0, 2000, 2010]);
  });

  it('lets the next post go when one fails', async () => {
    const { pacer, starts, post } = virtualPacer(100, 0);
    const failed = pacer.run('U1', async () => {
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    await post('U2');
    expect(starts.map((s) => s.conversation)).toEqual(['U2']);
  });

  it('gives a waiting post up, unsent, when the bot stops', async () => {
    const { pacer, starts, post } = virtualPacer(100, 0);
    await post('U1');
    pacer.pauseFor(30_000);
    const stopping = new AbortController();
    stopping.abort();
    const given = pacer.run('U2', async () => 'sent', stopping.signal);
    await expect(given).rejects.toBeInstanceOf(PacerStopped);
    expect(starts.map((s) => s.conversation)).toEqual(['U1']);
  });

  it('does not burst after an idle spell', async () => {
    const { starts, post, advance } = virtualPacer(5, 0);
    await post('U1');
    advance(60_000);
    await Promise.all(['U2', 'U3', 'U4'].map(post));
    const after = starts.slice(1).map((s) => s.at - 60_000);
    expect(after).toEqual([0, 202, 404]);
  });
});
