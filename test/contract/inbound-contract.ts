// One contract for what people send the bot, run on every platform's inbound side (Slack's signed requests through
// Bolt's receiver, Mattermost's posts with their signed contexts and command tokens, the sandbox's forms): a click
// records an answer, `/coaching log` records a session, a forged or replayed request changes nothing, and someone
// else's check-in is refused.
//
// "Replayed" is the very request sent again. On Slack, Bolt's signature and the bot's delivery ledger make the copy
// acknowledged and ignored. Mattermost signs no request: a click sent again records the same choice again (idempotent
// by nature), and a command post sent again carries the trigger id Mattermost gave that run of the command, which the
// bot takes once. The sandbox answers this machine only: a form posted again is idempotent, and its command form
// carries a one-time id.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { sendPrompts } from '../../src/app/prompts.ts';

export const WEEK = '2026-W47';

/** What the platform's server got back for one request. */
export interface Sent {
  status: number;
}

/** A request as the platform sends it, ready: `send` sends it, and sends the very same request again (a replay). */
export interface InboundRequest {
  send(): Promise<Sent>;
}

export interface InboundHarness {
  /** The bot's context; each test starts with the week's check-ins sent. */
  ctx: AppContext;
  /** The status the platform gets for a request the bot takes in (an acknowledgement, or the page's redirect). */
  accepted: number;
  /** The status for a forged request. */
  refused: number;
  /** The sentence someone sees who tries to answer someone else's check-in. */
  notYours: string;
  /** `person` clicks the released-days button `label` on their own check-in of the week. */
  click(person: string, label: '1' | '½'): Promise<InboundRequest>;
  /** The same click, forged: not signed by the platform (or the bot), or from another site. */
  forgedClick(person: string, label: '1' | '½'): Promise<InboundRequest>;
  /** `actor` clicks `label` on `intrapreneur`'s check-in, the nearest the platform lets them get to it. */
  clickFor(actor: string, intrapreneur: string, label: '1' | '½'): Promise<InboundRequest>;
  /** `coach` types `/coaching log @intrapreneur text`, the mention written the platform's way. */
  log(coach: string, intrapreneur: string, text: string): Promise<InboundRequest>;
  forgedLog(coach: string, intrapreneur: string, text: string): Promise<InboundRequest>;
  /** Returns once the bot has answered what it acknowledged (Slack answers after the acknowledgement). */
  settle(): Promise<void>;
  /** All the bot showed `person` so far, messages and replies to them alone, as text. */
  seen(person: string): Promise<string>;
  close(): Promise<void>;
}

const count = (text: string, part: string) => text.split(part).length - 1;

export function inboundContract(name: string, make: () => Promise<InboundHarness>): void {
  describe(`inbound contract: ${name}`, () => {
    let h: InboundHarness;
    beforeEach(async () => {
      h = await make();
      await sendPrompts(h.ctx, WEEK);
    });
    afterEach(async () => {
      await h.close();
    });

    it('records a click on the check-in and shows what is recorded', async () => {
      expect((await (await h.click('alice', '1')).send()).status).toBe(h.accepted);
      await h.settle();
      await vi.waitFor(async () =>
        expect((await h.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 1 }),
      );
      await vi.waitFor(async () => expect(await h.seen('alice')).toContain('Enregistré : 1 jour'));
      expect((await h.ctx.store.getAnswer('alice', WEEK))?.answeredBy).toBe('alice');
    });

    it('records a session typed with /coaching log, and says so to the coach', async () => {
      const log = await h.log('julien', 'alice', '45min revue du POC');
      expect((await log.send()).status).toBe(h.accepted);
      await h.settle();
      await vi.waitFor(async () =>
        expect(await h.ctx.store.listCoachingSessions({})).toMatchObject([
          { intrapreneur: 'alice', loggedBy: 'julien', durationMinutes: 45, notes: 'revue du POC' },
        ]),
      );
      await vi.waitFor(async () =>
        expect(await h.seen('julien')).toContain('Séance de coaching enregistrée pour Alice Martin'),
      );
    });

    it('changes nothing for a forged click or command', async () => {
      expect((await (await h.forgedClick('alice', '1')).send()).status).toBe(h.refused);
      expect((await (await h.forgedLog('julien', 'alice', '1h point')).send()).status).toBe(h.refused);
      await h.settle();
      expect(await h.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      expect(await h.ctx.store.listCoachingSessions({})).toEqual([]);
      expect(await h.seen('julien')).not.toContain('Séance de coaching');
      expect(await h.seen('alice')).not.toContain('Enregistré');
    });

    it('changes nothing for a click sent again', async () => {
      const click = await h.click('alice', '½');
      expect((await click.send()).status).toBe(h.accepted);
      await h.settle();
      await vi.waitFor(async () =>
        expect((await h.ctx.store.getAnswer('alice', WEEK))?.release).toEqual({ kind: 'days', days: 0.5 }),
      );
      const recorded = await h.ctx.store.getAnswer('alice', WEEK);
      expect((await click.send()).status).toBe(h.accepted);
      await h.settle();
      expect(await h.ctx.store.getAnswer('alice', WEEK)).toEqual(recorded);
      expect(await h.ctx.store.listCorrections({})).toEqual([]);
    });

    it('changes nothing for a /coaching log sent again: one session, said once', async () => {
      const log = await h.log('julien', 'alice', '1h point hebdo');
      expect((await log.send()).status).toBe(h.accepted);
      await h.settle();
      await vi.waitFor(async () => expect(await h.ctx.store.listCoachingSessions({})).toHaveLength(1));
      expect((await log.send()).status).toBe(h.accepted);
      await h.settle();
      expect(await h.ctx.store.listCoachingSessions({})).toMatchObject([
        { intrapreneur: 'alice', loggedBy: 'julien', durationMinutes: 60, notes: 'point hebdo' },
      ]);
      expect(count(await h.seen('julien'), 'Séance de coaching enregistrée')).toBe(1);
    });

    it('refuses someone else’s check-in, to them alone, and records nothing', async () => {
      const click = await h.clickFor('nicolas', 'alice', '1');
      expect((await click.send()).status).toBe(h.accepted);
      await h.settle();
      await vi.waitFor(async () => expect(await h.seen('nicolas')).toContain(h.notYours));
      expect(await h.ctx.store.getAnswer('alice', WEEK)).toBeUndefined();
      expect(await h.ctx.store.getAnswer('nicolas', WEEK)).toBeUndefined();
      expect(await h.seen('alice')).not.toContain(h.notYours);
    });
  });
}
