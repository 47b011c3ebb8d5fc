// What stands in front of Bolt's receiver at `POST /slack/events`, for every kind of request (slash commands, clicks,
// modal submissions, events): a timestamp written as Slack writes it and within the window, a valid signature, the
// fields that kind of request always carries, and a delivery not already taken in. Bolt checks the signature again
// and parses the body it is handed; it only ever sees requests acted on for the first time.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type BufferedIncomingMessage, verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../../core/ports.ts';
import { readBody } from '../../../http/body.ts';
import { HttpError } from '../../../http/server.ts';
import type { PlatformLedger } from '../../delivery-ledger.ts';

/** Slack refuses requests older than 5 minutes; ours too. */
const MAX_AGE_S = 5 * 60;
/** Clocks differ a little; a request from further in the future is not Slack's. */
const MAX_SKEW_S = 60;
/** Slack's payloads are small; a check-in message of 50 blocks comes back in a click well under this. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/** Seconds since the epoch in decimal, as Slack writes them: no sign, no leading zero, no fraction, no spaces. */
const TIMESTAMP = /^[1-9]\d{0,11}$/;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/** The body as Bolt will read it (`parseHTTPRequestBody`), or undefined when it cannot be read. */
function parseBody(req: IncomingMessage, raw: string): Fields | undefined {
  try {
    if (req.headers['content-type'] === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      const payload: unknown = isString(form.payload) ? JSON.parse(form.payload) : form;
      return isObject(payload) ? payload : undefined;
    }
    const body: unknown = JSON.parse(raw);
    return isObject(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the body has what its kind always carries, so that neither Bolt nor a listener trips on a missing part. */
function wellFormed(body: Fields): boolean {
  const user = body.user;
  const hasUser = isObject(user) && isString(user.id);
  switch (body.type) {
    case undefined:
      // A slash command: a form, never a JSON payload.
      return (
        isString(body.command) && isString(body.user_id) && isString(body.text) && isString(body.response_url)
      );
    case 'block_actions': {
      const actions = body.actions;
      const container = body.container;
      const inView = isObject(container) && container.type === 'view';
      return (
        hasUser &&
        Array.isArray(actions) &&
        actions.length > 0 &&
        actions.every((a) => isObject(a) && isString(a.action_id)) &&
        (container === undefined || isObject(container)) &&
        (inView || isString(body.response_url))
      );
    }
    case 'view_submission':
    case 'view_closed': {
      const view = body.view;
      return (
        hasUser &&
        isObject(view) &&
        isString(view.id) &&
        isString(view.callback_id) &&
        (view.private_metadata === undefined || isString(view.private_metadata)) &&
        (body.type === 'view_closed' || (isObject(view.state) && isObject(view.state.values)))
      );
    }
    case 'event_callback':
      return isString(body.event_id) && isObject(body.event);
    default:
      // Kinds no listener of the bot answers: Bolt acknowledges them and nothing runs.
      return true;
  }
}

/** What identifies a delivery: an event's id (the same in Slack's retries), else the signed body itself. */
function deliveryKey(body: Fields, raw: Buffer): string {
  if (body.type === 'event_callback' && isString(body.event_id)) return `event:${body.event_id}`;
  return `body:${createHash('sha256').update(raw).digest('base64url')}`;
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export interface GuardOptions {
  signingSecret: string;
  ledger: PlatformLedger;
  logger: Logger;
  /** Seconds since the epoch; Slack's clock is the real one, whatever clock the programme runs on. */
  now?: () => number;
}

/** Runs `next` (Bolt's receiver, given the body already read) for a request acted on for the first time only. */
export function guardSlackRequests(
  options: GuardOptions,
  next: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const { logger, ledger } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const refuse = (res: ServerResponse, status: number, why: string) => {
    logger.warn({ platform: 'slack', status, why }, 'slack: request refused');
    answer(res, status);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const retry = req.headers['x-slack-retry-num'];
    let raw: Buffer;
    try {
      raw = await readBody(req, SLACK_BODY_LIMIT);
    } catch (error) {
      if (error instanceof HttpError) return refuse(res, error.status, error.code);
      throw error;
    }
    const text = raw.toString('utf8');
    const body = parseBody(req, text);
    // Slack checks that the request URL answers, unsigned; Bolt answers it and nothing runs.
    if (body?.ssl_check === '1' && body.type === undefined && body.command === undefined) {
      return answer(res, 200);
    }

    const timestamp = req.headers['x-slack-request-timestamp'];
    const signature = req.headers['x-slack-signature'];
    if (!isString(timestamp) || !isString(signature)) return refuse(res, 401, 'unsigned');
    if (!TIMESTAMP.test(timestamp)) return refuse(res, 401, 'timestamp');
    const age = now() - Number(timestamp);
    if (age > MAX_AGE_S || age < -MAX_SKEW_S) return refuse(res, 401, 'timestamp');
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: text,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      });
    } catch {
      return refuse(res, 401, 'signature');
    }

    if (!body || !wellFormed(body)) return refuse(res, 400, `malformed ${String(body?.type ?? 'command')}`);

    const key = deliveryKey(body, raw);
    if (!(await ledger.take(key))) {
      // Acknowledged, so that Slack stops sending it; carried out once already.
      const kind = String(body.type ?? 'command');
      // Slack's own retries are routine; the same request sent again without one was captured and replayed.
      if (retry)
        logger.info({ platform: 'slack', kind, retry }, 'slack: retry of a delivery already taken in');
      else logger.warn({ platform: 'slack', kind }, 'slack: replayed request ignored');
      return answer(res, 200);
    }
    // A delivery the bot failed to take in (5xx) is Slack's to retry, and then to be carried out.
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      ledger.release(key).catch((error: unknown) => {
        logger.error({ platform: 'slack', err: error }, 'slack: a failed delivery could not be given back');
      });
    });
    (req as BufferedIncomingMessage).rawBody = raw;
    next(req, res);
  };
}
