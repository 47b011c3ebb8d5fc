// What the Slack listeners share: the use cases' context and the adapter's parts, and the way an unexpected
// failure is told to the person (a short sentence) and to the operator (the log, without message contents).
import type { ServerResponse } from 'node:http';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../../app/context.ts';
import { checkinMembership, membershipsFound } from '../../../app/memberships.ts';
import { findPerson, type Locale } from '../../../core/programme.ts';
import { messages } from '../../../i18n/index.ts';
import { slackErrorCode } from '../client.ts';
import type { SlackDirectory } from '../directory.ts';
import type { SlackChat } from '../outbound.ts';
import type { InProgramme } from '../render.ts';

export interface Inbound {
  ctx: AppContext;
  chat: SlackChat;
  directory: SlackDirectory;
  client: WebClient;
  afterAck: AfterAck;
  /** When the deployment serves several programmes: each one's context and its own directory and chat port. */
  lanes?: readonly Lane[];
}

/** One programme's part of the Slack platform. */
export type Lane = Pick<Inbound, 'ctx' | 'chat' | 'directory'>;

/** The programmes a Slack user is in, with their id in each (several programmes only). */
export function lanesOf(inbound: Inbound, userId: string): Promise<{ lane: Lane; person: string }[]> {
  return membershipsFound(inbound.lanes ?? [], (lane) => lane.directory.personId(userId));
}

/** The programme a click is about, or why there is none: unknown everywhere, several possible, or not theirs. */
export type ClickLane = { inbound: Inbound } | { refusal: 'unknown' | 'ambiguous' | 'not_member' };

/**
 * The programme a check-in click is about: the one its value names (when the deployment serves several, the buttons
 * carry it), provided the clicker has a role in it. A value from before the programme was carried names none: then,
 * for someone in several, where they are an intrapreneur (their own check-in), or where the person they answer for
 * is one and they are an owner, if that is one programme only.
 */
export async function clickLane(
  inbound: Inbound,
  userId: string,
  scope: { intrapreneur?: string; programme?: string },
): Promise<ClickLane> {
  const { intrapreneur, programme } = scope;
  if (!inbound.lanes) {
    // One programme served: a value naming another was not written by this deployment.
    const ours = programme === undefined || programme === inbound.ctx.programme.key;
    return ours ? { inbound } : { refusal: 'not_member' };
  }
  const memberships = await lanesOf(inbound, userId);
  if (memberships.length === 0) return { refusal: 'unknown' };
  if (programme !== undefined) {
    const named = memberships.find(({ lane }) => lane.ctx.programme.key === programme);
    return named ? { inbound: { ...inbound, ...named.lane } } : { refusal: 'not_member' };
  }
  const only = checkinMembership(memberships, intrapreneur);
  return only ? { inbound: { ...inbound, ...only.lane } } : { refusal: 'ambiguous' };
}

/**
 * Where a check-in form of `inbound`'s programme stands among several: its key for the buttons to carry, when the
 * deployment serves several, and its name to show, when the intrapreneur is one in several (`reply.programme`).
 */
export function inProgrammeOf(inbound: Inbound, reply: { programme?: string }): InProgramme {
  return {
    ...(inbound.lanes ? { key: inbound.ctx.programme.key } : {}),
    ...(reply.programme ? { name: reply.programme } : {}),
  };
}

export type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** How many answers may be in the making at once (each mostly waits on the database or Slack). */
const AFTER_ACK_CONCURRENCY = 4;
/** An answer waits for pending acknowledgements at most this long, so a steady stream of commands cannot starve it. */
const MAX_WAIT_MS = 1000;
/** Requests of a burst arrive a few milliseconds apart: answers start once none has arrived for this long. */
const QUIET_MS = 10;

/**
 * The work that follows an acknowledgement (running the command, answering through the response URL). It starts
 * once no request is waiting for its acknowledgement and none came in for a moment, so a burst of commands is
 * acknowledged first and answered next: Slack gives an acknowledgement 3 seconds, an answer 30 minutes.
 */
export class AfterAck {
  private running = 0;
  private pending = 0;
  private lastArrival = 0;
  private readonly waiting: { work: () => Promise<void>; since: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  /** Counts an HTTP request from its arrival to its acknowledgement. */
  track(res: ServerResponse): void {
    this.pending++;
    this.lastArrival = Date.now();
    res.once('close', () => {
      this.pending--;
      this.next();
    });
  }

  run(work: () => Promise<void>): void {
    this.waiting.push({ work, since: Date.now() });
    // After the acknowledgement in hand is written, whatever else the event loop has read comes first.
    setImmediate(() => this.next());
  }

  private next(): void {
    const first = this.waiting[0];
    if (!first || this.running >= AFTER_ACK_CONCURRENCY) return;
    const now = Date.now();
    const overdue = now - first.since >= MAX_WAIT_MS;
    const quiet = this.pending === 0 && now - this.lastArrival >= QUIET_MS;
    if (!quiet && !overdue) {
      const wait =
        this.pending === 0 ? QUIET_MS - (now - this.lastArrival) : MAX_WAIT_MS - (now - first.since);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.next(), Math.max(1, wait));
      return;
    }
    this.waiting.shift();
    this.running++;
    first
      .work()
      .catch(() => {})
      .finally(() => {
        this.running--;
        this.next();
      });
    this.next();
  }
}

export const localeOf = (inbound: Inbound): Locale => inbound.ctx.programme.locale;

/** Whose check-in a form shows, when an owner opened someone else's (`/checkin @alice`). */
export function onBehalf(
  inbound: Inbound,
  reply: { intrapreneur: string; owner?: string },
): { intrapreneur: string; name: string } | undefined {
  if (!reply.owner) return undefined;
  const name = findPerson(inbound.ctx.programme, reply.intrapreneur)?.name ?? reply.intrapreneur;
  return { intrapreneur: reply.intrapreneur, name };
}

/** Posts to a `response_url` (an ephemeral reply, or the replacement of an ephemeral form). */
export function responseUrlPoster(url: string): Respond {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`response_url answered HTTP ${response.status}`);
    return response;
  };
}

/** Logs a failed listener and tells the person their action (a click unless said otherwise) did not go through. */
export async function reportFailure(
  inbound: Inbound,
  what: string,
  error: unknown,
  respond: Respond | undefined,
  text: string = messages(localeOf(inbound)).slack.somethingWentWrong,
): Promise<void> {
  inbound.ctx.logger.error(
    {
      platform: 'slack',
      what,
      code: slackErrorCode(error),
      err: error instanceof Error ? error.message : error,
    },
    'slack: request failed',
  );
  await respond?.({
    response_type: 'ephemeral',
    replace_original: false,
    text,
  }).catch(() => {});
}
