// The connection to the mail server: one pooled nodemailer transport, paced at SMTP_RATE, and what its errors mean to
// the outbox (a 4xx is a "try later", a 5xx a refusal for good, a connection lost after the message began an outcome
// nobody knows) and to an administrator starting the bot.
import type { ConnectionOptions } from 'node:tls';
import nodemailer from 'nodemailer';
import type { EmailSettings } from '../../config/env.ts';
import { ChatDeliveryError } from '../../core/ports.ts';
import type { Locale } from '../../core/programme.ts';
import { messages } from '../../i18n/index.ts';
import { PlatformError } from '../platform.ts';

export const PLATFORM = 'email';

/** Connections the pool keeps open, hence messages in flight at once. */
export const CONNECTIONS = 5;
/**
 * How long a message the server deferred (4xx) waits at least before it is tried again. Greylisting, the usual
 * reason, refuses any retry sooner than a minute or more; the outbox's own back-off doubles from here.
 */
export const DEFERRED_RETRY_MS = 60_000;

export type MailTransport = ReturnType<typeof createMailTransport>;

export interface TransportOptions {
  /** TLS settings beside the URL's (tests trust their own certificate authority this way). */
  tls?: ConnectionOptions;
  /** Connections in the pool (default 5). */
  connections?: number;
}

/** `host:port` of the server, for sentences: never the user name nor the password. */
export function serverName(url: string): string {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587');
    return `${parsed.hostname}:${port}`;
  } catch {
    return '?';
  }
}

/** A rate in messages per second as the pool counts it: so many messages per window of so many milliseconds. */
function rateWindow(rate: number): { rateLimit: number; rateDelta: number } {
  if (rate < 1) return { rateLimit: 1, rateDelta: Math.round(1000 / rate) };
  const perWindow = Math.floor(rate);
  return { rateLimit: perWindow, rateDelta: Math.round((1000 * perWindow) / rate) };
}

export function createMailTransport(settings: EmailSettings, options: TransportOptions = {}) {
  return nodemailer.createTransport({
    pool: true,
    url: settings.url,
    maxConnections: options.connections ?? CONNECTIONS,
    ...rateWindow(settings.rate),
    ...(options.tls ? { tls: options.tls } : {}),
    // A server that stops answering must not hold a message (and the outbox) for nodemailer's default ten minutes.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    logger: false,
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * What a failed send means. A reply from the server is certain: 5xx (but 503, a session out of step) refuses the
 * message for good, 4xx defers it. Without a reply, the connection may have dropped after the server took the
 * message: the outcome is unknown, and the outbox's next attempt sends it again under the same Message-ID.
 */
export function deliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const reply = failure.responseCode;
  const what = error instanceof Error ? error.message : String(error);
  // The server's settings refuse the bot itself (no login, a sender it will not relay for): every mail would be
  // refused alike until an administrator fixes them, so none is given up as if its recipient were at fault.
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH' || reply === 530) {
    return new ChatDeliveryError('mail_auth', what, { transient: true });
  }
  if (typeof reply === 'number' && reply >= 500 && failure.command === 'MAIL FROM') {
    return new ChatDeliveryError(`mail_sender_refused_${reply}`, what, { transient: true });
  }
  if (typeof reply === 'number' && reply >= 500 && reply < 600 && reply !== 503) {
    return new ChatDeliveryError(`mail_refused_${reply}`, what, { transient: false });
  }
  if (typeof reply === 'number' && reply >= 400 && reply < 600) {
    return new ChatDeliveryError(`mail_deferred_${reply}`, what, {
      transient: true,
      retryAfterMs: DEFERRED_RETRY_MS,
    });
  }
  if (failure.code === 'EENVELOPE' && failure.command === 'API') {
    // Refused by nodemailer before anything left: an address it cannot put in an envelope.
    return new ChatDeliveryError('mail_bad_address', what, { transient: false });
  }
  if (failure.code === 'EDNS' || failure.code === 'ETLS') {
    return new ChatDeliveryError('mail_unreachable', what, { transient: true });
  }
  return new ChatDeliveryError('mail_connection', what, { transient: true, outcomeUnknown: true });
}

/** Why `verify()` failed, as the sentence an administrator needs. */
export function startError(error: unknown, url: string, locale: Locale): PlatformError {
  const t = messages(locale).email.start;
  const server = serverName(url);
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure & {
    message?: string;
    response?: string;
  };
  const cause = failure.message ?? String(error);
  if (failure.code === 'EAUTH') return new PlatformError(PLATFORM, t.auth(server));
  if (failure.code === 'ENOAUTH' || failure.responseCode === 530) {
    return new PlatformError(PLATFORM, t.authRequired(server));
  }
  if (failure.code === 'ETLS' || /certificate|self[- ]signed|ssl|tls|wrong version number/i.test(cause)) {
    return new PlatformError(PLATFORM, t.tls(server, cause));
  }
  if (typeof failure.responseCode === 'number') {
    return new PlatformError(PLATFORM, t.refused(server, failure.response ?? cause));
  }
  return new PlatformError(PLATFORM, t.unreachable(server, cause));
}
