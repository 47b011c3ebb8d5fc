// One contract for the chat port, run against every platform adapter (recording, sandbox, Slack, Mattermost):
// what a person receives, finding a message again by its idempotency key, and how refusals are reported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDeliveryError, type ChatPort, type Delivery } from '../../src/core/ports.ts';
import type { Person, Programme } from '../../src/core/programme.ts';

export interface ChatHarness {
  chat: ChatPort;
  programme: Programme;
  /** An intrapreneur of the programme whom the platform knows. */
  known: Person;
  /** A person of the programme whom the platform does not know. */
  stranger: Person;
  /** The platform answers the next message with a rate limit (HTTP 429, Retry-After `seconds`). */
  rateLimitNext(seconds: number): void;
  /** The platform answers the next message with a server error (HTTP 500). */
  failNext(): void;
  /** The texts of the messages `person` received from the bot, oldest first (all text the platform shows). */
  received(person: Person): Promise<string[]>;
  close(): Promise<void>;
}

const WEEK = '2026-W47';

function prompt(to: Person, key = `prompt:${to.id}:${WEEK}`): Delivery {
  return {
    key,
    to: { person: to },
    message: { kind: 'prompt', week: WEEK, intrapreneur: to.id },
    locale: 'fr',
  };
}

export function chatContract(name: string, make: () => Promise<ChatHarness>): void {
  describe(`chat port contract: ${name}`, () => {
    let h: ChatHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.close();
    });

    it('delivers the weekly check-in to the person, with the week written out', async () => {
      const sent = await h.chat.send(prompt(h.known));
      expect(sent.ref).not.toBe('');
      const texts = await h.received(h.known);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('semaine 47, du 16 au 20 novembre');
      expect(texts[0]).toContain(h.known.name);
    });

    it('delivers a reminder and an alert in the programme’s words', async () => {
      await h.chat.send({
        key: `reminder:${h.known.id}:${WEEK}`,
        to: { person: h.known },
        message: { kind: 'reminder', week: WEEK, intrapreneur: h.known.id },
        locale: 'fr',
      });
      await h.chat.send({
        key: `alert:release_missed:${h.known.id}:${WEEK}:${h.known.id}`,
        to: { person: h.known },
        message: {
          kind: 'alert',
          alert: {
            kind: 'release_missed',
            intrapreneur: h.known.id,
            week: WEEK,
            recipients: [h.known.id],
            reason: { releasedDays: 0.5, required: 1 },
          },
        },
        locale: 'fr',
      });
      const texts = await h.received(h.known);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('petit rappel');
      expect(texts[1]).toContain('Jour libéré non respecté');
      expect(texts[1]).toContain('0,5 jour');
    });

    it('finds a sent message again by its key, and only that one', async () => {
      expect(await h.chat.findSent({ person: h.known }, `prompt:${h.known.id}:${WEEK}`)).toBeNull();
      const sent = await h.chat.send(prompt(h.known));
      const found = await h.chat.findSent({ person: h.known }, `prompt:${h.known.id}:${WEEK}`);
      expect(found).toMatchObject({ platform: sent.platform, ref: sent.ref });
      expect(await h.chat.findSent({ person: h.known }, `prompt:${h.known.id}:2026-W48`)).toBeNull();
    });

    it('refuses for good a person the platform does not know', async () => {
      const error = await h.chat.send(prompt(h.stranger)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatDeliveryError);
      expect((error as ChatDeliveryError).transient).toBe(false);
    });

    it('reports a rate limit as transient, with the platform’s delay, and sends nothing', async () => {
      h.rateLimitNext(2);
      const error = await h.chat.send(prompt(h.known)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatDeliveryError);
      expect((error as ChatDeliveryError).transient).toBe(true);
      expect((error as ChatDeliveryError).retryAfterMs).toBeGreaterThanOrEqual(2000);
      expect(await h.received(h.known)).toEqual([]);
      await h.chat.send(prompt(h.known));
      expect(await h.received(h.known)).toHaveLength(1);
    });

    it('reports a server error as transient and sends nothing', async () => {
      h.failNext();
      const error = await h.chat.send(prompt(h.known)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatDeliveryError);
      expect((error as ChatDeliveryError).transient).toBe(true);
      expect(await h.received(h.known)).toEqual([]);
    });
  });
}
