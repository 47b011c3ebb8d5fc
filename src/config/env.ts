// The environment, read and validated once at start (BRIEF §7). The rest of the code receives these typed values.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import type { Locale } from '../core/programme.ts';
import { databaseTarget } from './database-url.ts';
import { zodErrors } from './zod-locale.ts';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  PROGRAMME_FILE: optional,
  DATABASE_URL: optional,
  HOST: optional,
  PORT: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, { error: 'port' satisfies EnvProblemCode })
      .transform(Number)
      .pipe(z.number().max(65_535, { error: 'port' satisfies EnvProblemCode }))
      .optional(),
  ),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional.pipe(z.url().optional()),
  MATTERMOST_URL: optional.pipe(z.url().optional()),
  MATTERMOST_BOT_TOKEN: optional,
  MATTERMOST_TEAM: optional,
  PUBLIC_URL: optional.pipe(z.url().optional()),
  LOG_LEVEL: optional.pipe(z.enum(['debug', 'info', 'warn', 'error']).optional()),
  SANDBOX: optional.pipe(z.enum(['on', 'off']).optional()),
  DASHBOARD_SECRET: optional.pipe(
    z
      .string()
      .min(16, { error: 'dashboard_secret_short' satisfies EnvProblemCode })
      .optional(),
  ),
  SMTP_URL: optional,
  MAIL_FROM: optional,
  SMTP_RATE: optional.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'smtp_rate' satisfies EnvProblemCode })
      .transform(Number)
      .pipe(z.number().positive({ error: 'smtp_rate' satisfies EnvProblemCode }))
      .optional(),
  ),
});

export interface Env {
  programmeFile: string;
  databaseUrl: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  mattermost?: { url: string; botToken: string; team?: string };
  /** `SANDBOX=on`: the sandbox even beside a real platform; `off`: never. Unset: only when nothing else is set. */
  sandbox?: 'on' | 'off';
  /** Signs the owner dashboard's links; unset, the bot makes one at first start and keeps it in the database. */
  dashboardSecret?: string;
  /** E-mail through an SMTP server (`SMTP_URL`), for the people no chat platform reaches. */
  email?: EmailSettings;
}

export interface EmailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. Holds a password: never logged. */
  url: string;
  /** The sender, `"Name" <address>` or a bare address, as given in `MAIL_FROM`. */
  from: { name: string; address: string };
  /** Messages per second at most (`SMTP_RATE`). */
  rate: number;
}

/** What the SMTP relay of an administration usually takes without complaint; Microsoft 365 wants 0.5. */
export const DEFAULT_SMTP_RATE = 5;

export const BUNDLED_PROGRAMME = fileURLToPath(new URL('../../examples/programme.yml', import.meta.url));
/** The bundled examples as a deployment of two programmes (Hauts-de-France, and La Réunion on its own calendar). */
export const BUNDLED_PROGRAMMES = fileURLToPath(new URL('../../examples/programmes', import.meta.url));

/** What is wrong with one variable; the sentence is in the locale files (`cli.env`). */
export type EnvProblemCode =
  | 'invalid'
  | 'port'
  | 'dashboard_secret_short'
  | 'slack_bot_token_missing'
  | 'slack_signing_secret_missing'
  | 'mattermost_url_missing'
  | 'mattermost_token_missing'
  | 'database_url_unsupported'
  | 'database_url_invalid'
  | 'smtp_rate'
  | 'smtp_url_invalid'
  | 'mail_from_missing'
  | 'mail_from_invalid'
  | 'public_url_missing';

export interface EnvProblem {
  variable: string;
  code: EnvProblemCode;
  /** zod's own words, in the reader's language, for `invalid`; the scheme alone, for `database_url_unsupported`. */
  detail?: string;
}

export class EnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(problems.map((p) => `${p.variable}: ${p.code}`).join('\n'));
    this.name = 'EnvError';
  }
}

const OWN_CODES: readonly string[] = [
  'port',
  'dashboard_secret_short',
  'smtp_rate',
] satisfies EnvProblemCode[];

/** `locale` is the language of the problems' details (the CLI's, French until the programme file is read). */
export function readEnv(
  source: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
  locale: Locale = 'fr',
): Env {
  const parsed = schema.safeParse(source, { error: zodErrors(locale) });
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i): EnvProblem => {
        const variable = i.path.join('.');
        if (OWN_CODES.includes(i.message)) return { variable, code: i.message as EnvProblemCode };
        return { variable, code: 'invalid', detail: i.message };
      }),
    );
  }
  const e = parsed.data;
  const host = e.HOST ?? '127.0.0.1';
  const port = e.PORT ?? 3000;
  const local = `${cwd}/programme.yml`;
  const env: Env = {
    programmeFile: e.PROGRAMME_FILE ?? (existsSync(local) ? local : BUNDLED_PROGRAMME),
    databaseUrl: e.DATABASE_URL ?? 'file:./data/coaching-bot.db',
    host,
    port,
    publicUrl: e.PUBLIC_URL ?? `http://${host}:${port}`,
    logLevel: e.LOG_LEVEL ?? 'info',
    ...(e.SANDBOX ? { sandbox: e.SANDBOX } : {}),
    ...(e.DASHBOARD_SECRET ? { dashboardSecret: e.DASHBOARD_SECRET } : {}),
  };
  const problems: EnvProblem[] = [];
  const database = databaseTarget(env.databaseUrl);
  if (database.kind === 'unsupported') {
    problems.push({ variable: 'DATABASE_URL', code: 'database_url_unsupported', detail: database.scheme });
  }
  if (database.kind === 'invalid') {
    problems.push({ variable: 'DATABASE_URL', code: 'database_url_invalid', detail: database.scheme });
  }
  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) problems.push({ variable: 'SLACK_BOT_TOKEN', code: 'slack_bot_token_missing' });
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      problems.push({ variable: 'SLACK_SIGNING_SECRET', code: 'slack_signing_secret_missing' });
    }
    if (e.SLACK_BOT_TOKEN) {
      env.slack = {
        botToken: e.SLACK_BOT_TOKEN,
        ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
        ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
        ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
      };
    }
  }
  if (e.MATTERMOST_URL || e.MATTERMOST_BOT_TOKEN) {
    if (!e.MATTERMOST_URL) problems.push({ variable: 'MATTERMOST_URL', code: 'mattermost_url_missing' });
    if (!e.MATTERMOST_BOT_TOKEN) {
      problems.push({ variable: 'MATTERMOST_BOT_TOKEN', code: 'mattermost_token_missing' });
    }
    if (e.MATTERMOST_URL && e.MATTERMOST_BOT_TOKEN) {
      env.mattermost = {
        url: e.MATTERMOST_URL,
        botToken: e.MATTERMOST_BOT_TOKEN,
        ...(e.MATTERMOST_TEAM ? { team: e.MATTERMOST_TEAM } : {}),
      };
    }
  }
  if (e.SMTP_URL || e.MAIL_FROM) readEmail(e, env, problems);
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

/** `smtp:` or `smtps:` with a host; the value itself is never repeated (it may hold a password). */
function smtpUrlValid(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** One mailbox, `"Name" <address>` or `address`. */
function sender(value: string): EmailSettings['from'] | undefined {
  const parsed = addressparser(value, { flatten: true });
  const [first, ...rest] = parsed;
  if (!first || rest.length > 0 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(first.address ?? '')) return undefined;
  return { name: first.name, address: first.address ?? '' };
}

function readEmail(e: z.output<typeof schema>, env: Env, problems: EnvProblem[]): void {
  const before = problems.length;
  if (!e.SMTP_URL || !smtpUrlValid(e.SMTP_URL))
    problems.push({ variable: 'SMTP_URL', code: 'smtp_url_invalid' });
  const from = e.MAIL_FROM ? sender(e.MAIL_FROM) : undefined;
  if (!e.MAIL_FROM) problems.push({ variable: 'MAIL_FROM', code: 'mail_from_missing' });
  else if (!from) problems.push({ variable: 'MAIL_FROM', code: 'mail_from_invalid' });
  // The links in the mails must open from the recipients' machines, not from this one's idea of itself.
  if (!e.PUBLIC_URL) problems.push({ variable: 'PUBLIC_URL', code: 'public_url_missing' });
  if (problems.length === before && e.SMTP_URL && from) {
    env.email = { url: e.SMTP_URL, from, rate: e.SMTP_RATE ?? DEFAULT_SMTP_RATE };
  }
}
