// The bot's Mattermost API client: `@mattermost/client`'s Client4, with errors that keep what the bot needs to
// decide (HTTP status, Mattermost's error id, the rate limit's delay) and the one call Client4 lacks.
import mattermost from '@mattermost/client';
import { ChatDeliveryError } from '../../core/ports.ts';

/** Mattermost answered with an error status. */
export class MattermostApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    /** `METHOD /path`, with ids, usernames and e-mails left out so it can be logged. */
    readonly request: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MattermostApiError';
  }
}

/** No answer at all (DNS, connection refused, TLS), or an answer that is not Mattermost's JSON. */
export class MattermostUnreachable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'MattermostUnreachable';
  }
}

const REQUEST_TIMEOUT_MS = 20_000;

interface RawResponse {
  response: Response;
  headers: Map<string, string>;
  data: unknown;
}

type FetchWithResponse = (url: string, options: Record<string, unknown>) => Promise<RawResponse>;

/** Seconds to wait, from `Retry-After` or else Mattermost's `X-Ratelimit-Reset`. */
function retryAfterMs(response: Response): number | undefined {
  for (const name of ['retry-after', 'x-ratelimit-reset']) {
    const seconds = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return undefined;
}

function requestOf(url: string, method: unknown): string {
  const path = new URL(url).pathname
    .split('/')
    .map((part, i, parts) =>
      /^[a-z0-9]{26}$/.test(part) || ['username', 'email', 'name'].includes(parts[i - 1] ?? '') ? ':x' : part,
    )
    .join('/');
  return `${String(method ?? 'get').toUpperCase()} ${path}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}

export class BotClient extends mattermost.Client4 {
  constructor(url: string, token: string) {
    super();
    this.setUrl(url.replace(/\/+$/, ''));
    this.setToken(token);
    this.setIncludeCookies(false);
    // Client4 raises errors without the response headers, so the rate limit's delay would be lost: every response
    // is handed back here instead, and errors are raised with what the bot needs.
    const self = this as unknown as { doFetchWithResponse: FetchWithResponse };
    const fetchWithResponse = self.doFetchWithResponse;
    self.doFetchWithResponse = async (requestUrl, options) => {
      let result: RawResponse;
      try {
        // A server that hangs must not hold a fan-out, nor an answer Mattermost waits 30 s for.
        const signal = options.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        result = await fetchWithResponse(requestUrl, { ...options, signal, ignoreStatus: true });
      } catch (error) {
        throw new MattermostUnreachable(causeOf(error), error);
      }
      const { response, data } = result;
      if (response.ok) return result;
      const body = (typeof data === 'object' && data !== null ? data : {}) as {
        id?: string;
        message?: string;
      };
      throw new MattermostApiError(
        response.status,
        body.id ?? '',
        body.message ?? response.statusText,
        requestOf(requestUrl, options.method),
        response.status === 429 ? retryAfterMs(response) : undefined,
      );
    };
  }

  /** `POST /api/v4/actions/dialogs/open`, which Client4 has no method for. */
  openDialog(request: {
    trigger_id: string;
    url: string;
    dialog: Record<string, unknown>;
  }): Promise<unknown> {
    return this.doFetch(`${this.getBaseRoute()}/actions/dialogs/open`, {
      method: 'post',
      body: JSON.stringify(request),
    });
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof MattermostApiError && error.status === 404;
}

/**
 * A refusal as the outbox understands it: 429, 5xx and no answer are retried; the rest is final. `posting`: the call
 * was the post itself, so no answer (the 20 s time-out, a dropped connection) or a 5xx may hide a post Mattermost did
 * store — the outbox looks for it before trying again. A 429 is the server refusing it: nothing was posted.
 */
export function deliveryError(error: unknown, options: { posting?: boolean } = {}): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  const outcomeUnknown = options.posting === true;
  if (error instanceof MattermostUnreachable) {
    return new ChatDeliveryError('unreachable', `mattermost unreachable: ${error.message}`, {
      transient: true,
      outcomeUnknown,
    });
  }
  if (error instanceof MattermostApiError) {
    const detail = `mattermost ${error.status} ${error.id}`.trim();
    if (error.status === 429) {
      return new ChatDeliveryError('rate_limited', detail, {
        transient: true,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
      });
    }
    // A revoked token is fixed by an administrator, then the messages still have to go out.
    if (error.status >= 500) {
      return new ChatDeliveryError('server_error', detail, { transient: true, outcomeUnknown });
    }
    if (error.status === 401) return new ChatDeliveryError('unauthorized', detail, { transient: true });
    const code = error.status === 403 ? 'forbidden' : error.status === 404 ? 'not_found' : 'refused';
    return new ChatDeliveryError(code, detail, { transient: false });
  }
  return new ChatDeliveryError('internal', String((error as Error)?.message ?? error), { transient: true });
}
