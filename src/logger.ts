// Structured JSON logs (pino); human-readable when a person watches the terminal. Secrets and what people wrote are
// hidden at any depth, whatever the call site passes: a log file outlives the retention of the database.
import { hostname } from 'node:os';
import pino from 'pino';
import type { Logger } from './core/ports.ts';

const HIDDEN = '[hidden]';

/** Keys whose values are credentials, or words of the people the bot serves. Compared in lower case. */
const HIDDEN_KEYS = new Set([
  'token',
  'bottoken',
  'apptoken',
  'signingsecret',
  'secret',
  'dashboardsecret',
  'password',
  'authorization',
  'cookie',
  'comment',
  'notes',
  'text',
  'body',
  'payload',
  'submission',
  // Signatures, response URLs, trigger ids and signed contexts are credentials, however briefly valid.
  'sig',
  'signature',
  'x-slack-signature',
  'response_url',
  'responseurl',
  'trigger_id',
  'context',
  'state',
]);

// Slack tokens (xoxb-…, xapp-…), bearer credentials, signed-link parameters (the dashboard's `t=`), Slack request
// signatures and the response URLs of Slack and Mattermost, wherever they turn up in a string.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(?:xox[abposr]|xapp)-[A-Za-z0-9-]+/g, HIDDEN],
  [/\b(Bearer|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${HIDDEN}`],
  [/([?&](?:t|token|sig|signature|secret)=)[^&\s"]+/gi, `$1${HIDDEN}`],
  [/\bv0=[0-9a-f]+/gi, `v0=${HIDDEN}`],
  [/(hooks\.slack\.com\/|\/hooks\/)[^\s"']+/gi, `$1${HIDDEN}`],
  // The password of a URL (SMTP_URL's `smtp://user:password@host`).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi, `$1${HIDDEN}@`],
];

// Every pattern above needs one of these: a string with none of them (most log values: ids, kinds, weeks) is left
// as it is after one search instead of several.
const MAY_HOLD_SECRET = /xox|xapp|bearer|token|sig|secret|[?&]t=|v0=|hooks|:\/\/[^\s/]*@/i;

function scrubString(value: string): string {
  if (!MAY_HOLD_SECRET.test(value)) return value;
  let out = value;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of a log object with hidden keys censored and secret-looking strings masked. Errors are left to `err`. */
export function scrub(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof Error)
    return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // Counts and flags under these names (`notes: 2` cleared) say nothing of the content.
    const content = typeof inner === 'string' || (typeof inner === 'object' && inner !== null);
    out[key] = content && HIDDEN_KEYS.has(key.toLowerCase()) ? HIDDEN : scrub(inner, seen);
  }
  return out;
}

/**
 * `instance`: this process's name (`config/instance.ts`), on every line, so that the logs of several instances sharing
 * one database can be told apart and matched with what each holds there.
 */
export function createLogger(
  level: string,
  options: {
    pretty?: boolean;
    destination?: number;
    stream?: pino.DestinationStream;
    instance?: string;
  } = {},
): Logger {
  const pretty =
    options.stream === undefined && (options.pretty ?? (process.stderr.isTTY === true && !process.env.CI));
  const settings: pino.LoggerOptions = {
    level,
    ...(options.instance
      ? { base: { pid: process.pid, hostname: hostname(), instance: options.instance } }
      : {}),
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    // Runs after `formatters.log`, which leaves errors whole so that their stack is kept.
    serializers: { err: (error: Error) => scrub(pino.stdSerializers.err(error)) },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  if (pretty) {
    return pino({
      ...settings,
      transport: {
        target: 'pino-pretty',
        options: { destination: options.destination ?? 2, ignore: 'pid,hostname' },
      },
    });
  }
  return pino(settings, options.stream ?? pino.destination(options.destination ?? 2));
}
