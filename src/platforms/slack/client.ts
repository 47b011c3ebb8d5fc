// The Web API client, set up so that the outbox (not the SDK) decides about retries, and Slack's refusals
// translated into the chat port's vocabulary: transient (try again later) or permanent (report it).
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { ChatDeliveryError, type Logger } from '../../core/ports.ts';
import { PacerStopped } from './pacer.ts';

/** How long one Web API call may take before it counts as a network failure. */
const CALL_TIMEOUT_MS = 15_000;

/**
 * Slack refusing the bot's own token. An administrator fixes it (a rotated token put in place, the app reinstalled),
 * and then the week's messages must still go out: these are retried, never the end of a message. Slack documents
 * `account_inactive` as "authentication token is for a deleted user or workspace when using a bot token": the
 * caller's account, not the recipient's (posting to a deactivated user succeeds, slackapi/python-slack-sdk#1156).
 * Were a method ever to answer it for a recipient, the outbox's attempt limit bounds the cost. Unknown people
 * (`user_not_found`, `users_not_found`, `channel_not_found`) stay final.
 */
export const TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);

/** Slack's `ok: false` errors that mean "later", not "never". */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  ...TOKEN_ERRORS,
]);

/** Errors after which "some aspect of the operation [may have] succeeded" (Slack's own words for these two). */
const PARTLY_DONE_ERRORS = new Set(['internal_error', 'fatal_error']);

/**
 * SDK lines that say what happens and nothing of what is said. At debug level Bolt and the Web API client also log
 * whole request and response bodies (what people typed, signed links, response URLs); only these shapes pass.
 */
const SAFE_SDK_DEBUG: readonly RegExp[] = [
  /^apiCall\('[\w.]+'\) (?:start|end)$/,
  /^http response received$/,
  /^initialized$/,
  /^Initializing (?:HTTPReceiver|SocketModeReceiver)$/,
  /^(?:Initiating new WebSocket connection|Starting Socket Mode session \.\.\.|Going to retrieve a new WSS URL \.\.\.)\.?$/,
  /^(?:The Socket Mode client has successfully initialized|Manually disconnecting this Socket Mode client)$/,
];

/** A warning or an error of the SDK, with any quoted excerpt or JSON of a request left out. */
function sdkProblem(line: string): string {
  return line
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\{[\s\S]*\}/g, '{…}')
    .slice(0, 500);
}

/** The SDK's logger interface, over the bot's: the SDK's `info` lines go to debug, so `info` stays ours. */
export function sdkLogger(logger: Logger) {
  let level = 'debug';
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  const debug = (...parts: unknown[]) => {
    const text = line(parts);
    if (SAFE_SDK_DEBUG.some((shape) => shape.test(text))) logger.debug({ sdk: 'slack' }, text);
  };
  return {
    debug,
    info: debug,
    warn: (...parts: unknown[]) => logger.warn({ sdk: 'slack' }, sdkProblem(line(parts))),
    error: (...parts: unknown[]) => logger.error({ sdk: 'slack' }, sdkProblem(line(parts))),
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's LogLevel enum is a string enum
    setLevel: (l: any) => {
      level = l;
    },
    // biome-ignore lint/suspicious/noExplicitAny: the SDK's LogLevel enum is a string enum
    getLevel: () => level as any,
    setName: () => {},
  };
}

export function clientOptions(apiUrl: string | undefined, logger: Logger): WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    // The SDK would otherwise retry for about 30 minutes inside one call, holding the outbox's claim.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: CALL_TIMEOUT_MS,
    logger: sdkLogger(logger),
  };
}

export function createClient(token: string, apiUrl: string | undefined, logger: Logger): WebClient {
  return new WebClient(token, clientOptions(apiUrl, logger));
}

/** Slack's error code of a failed call (`channel_not_found`, `ratelimited`, `http_500`, `network`…). */
export function slackErrorCode(error: unknown): string {
  if (error instanceof WebAPIPlatformError) return String(error.data.error);
  if (error instanceof WebAPIRateLimitedError) return 'ratelimited';
  if (error instanceof WebAPIHTTPError) return `http_${error.statusCode}`;
  if (error instanceof WebAPIRequestError) return 'network';
  return 'internal';
}

export function toDeliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  if (error instanceof PacerStopped) {
    return new ChatDeliveryError('stopping', 'the bot stopped before sending', { transient: true });
  }
  const code = slackErrorCode(error);
  if (error instanceof WebAPIRateLimitedError) {
    return new ChatDeliveryError(code, `Slack rate limit, retry after ${error.retryAfter} s`, {
      transient: true,
      retryAfterMs: error.retryAfter * 1000,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const retryAfter = error.data.response_metadata?.retryAfter;
    return new ChatDeliveryError(code, `Slack refused the call: ${code}`, {
      transient: TRANSIENT_ERRORS.has(code),
      ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }
  if (error instanceof WebAPIHTTPError) {
    return new ChatDeliveryError(code, `Slack answered HTTP ${error.statusCode}`, {
      transient: error.statusCode >= 500 || error.statusCode === 408,
    });
  }
  // Network failures, time-outs, and a 429 without a usable Retry-After: worth trying again.
  return new ChatDeliveryError(code, 'Slack could not be reached', { transient: true });
}

/** Whether the call may have reached Slack and been carried out although it failed (so a retry could duplicate). */
export function isAmbiguous(error: unknown): boolean {
  return (
    error instanceof WebAPIRequestError ||
    (error instanceof WebAPIHTTPError && error.statusCode >= 500) ||
    (error instanceof WebAPIPlatformError && PARTLY_DONE_ERRORS.has(String(error.data.error)))
  );
}

/**
 * Slack refusing a message for its shape: blocks past a limit or malformed, text too long, attachments refused.
 * Nothing was posted, so the same message can be sent again as plain text without risk of a duplicate.
 */
export const SHAPE_ERRORS: ReadonlySet<string> = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'invalid_attachments',
  'too_many_attachments',
]);

export function isShapeRefusal(error: unknown): boolean {
  return error instanceof WebAPIPlatformError && SHAPE_ERRORS.has(String(error.data.error));
}

/** Whether Slack refused the bot's own token (see `TOKEN_ERRORS`). */
export function isTokenRefusal(error: unknown): boolean {
  return error instanceof WebAPIPlatformError && TOKEN_ERRORS.has(String(error.data.error));
}
