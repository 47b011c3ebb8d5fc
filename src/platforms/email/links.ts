// The links in the check-in mails. Each names an intrapreneur and a week and is signed with a key of the bot's own
// (kept in the database), so only the bot can make one; it opens a page, and only that page's form, posted with a
// token bound to the link, records anything. Mail scanners that open every link therefore record nothing. In a
// deployment of several programmes each link also names its programme, signed with that programme's own key: a link
// of one programme never acts on another.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, instantAt } from '../../core/calendar.ts';
import type { Choice } from '../../core/choice.ts';
import { parseWeek, type WeekId, weekStart } from '../../core/week.ts';

/** A week's links work until the week is evaluated, and at the latest this long after its Monday. */
const LINK_DAYS = 35;
/** How long the confirmation form of a page stays good: a page left open overnight must be opened again. */
export const FORM_TTL_MS = 12 * 60 * 60_000;

export interface CheckinGrant {
  person: string;
  week: WeekId;
  expiresAt: Date;
  /** The programme's key, when the deployment serves several (unset in links made while it served one). */
  programme?: string;
}

export type LinkCheck =
  | { ok: true; grant: CheckinGrant }
  /** `malformed`: not a token of this shape (400); `forged`: not signed by this bot (401); `expired` (410). */
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

function mac(secret: string, purpose: 'link' | 'form', payload: string): Buffer {
  return createHmac('sha256', secret).update(`coaching-bot/email-${purpose}\0${payload}`).digest();
}

function sameMac(expected: Buffer, given: string): boolean {
  const bytes = Buffer.from(given, 'base64url');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function linkExpiry(week: WeekId, timeZone: string): Date {
  return instantAt(addDays(weekStart(week), LINK_DAYS), 0, 0, timeZone);
}

export function signCheckinToken(secret: string, grant: CheckinGrant): string {
  const payload = Buffer.from(
    JSON.stringify({
      p: grant.person,
      w: grant.week,
      e: grant.expiresAt.getTime(),
      ...(grant.programme !== undefined ? { g: grant.programme } : {}),
    }),
  ).toString('base64url');
  return `${payload}.${mac(secret, 'link', payload).toString('base64url')}`;
}

export function verifyCheckinToken(secret: string, token: string, now: Date): LinkCheck {
  if (!TOKEN.test(token)) return { ok: false, reason: 'malformed' };
  const [payload = '', signature = ''] = token.split('.');
  if (!sameMac(mac(secret, 'link', payload), signature)) return { ok: false, reason: 'forged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { p, w, e, g } = (parsed ?? {}) as { p?: unknown; w?: unknown; e?: unknown; g?: unknown };
  const week = typeof w === 'string' ? parseWeek(w) : null;
  if (typeof p !== 'string' || !week || typeof e !== 'number' || !Number.isFinite(e)) {
    return { ok: false, reason: 'malformed' };
  }
  if (g !== undefined && typeof g !== 'string') return { ok: false, reason: 'malformed' };
  if (e <= now.getTime()) return { ok: false, reason: 'expired' };
  const programme = g !== undefined ? { programme: g } : {};
  return { ok: true, grant: { person: p, week, expiresAt: new Date(e), ...programme } };
}

/**
 * The programme a link claims, unchecked: only to choose which programme's key checks it (that programme then
 * requires its own name in the signed claim).
 */
export function claimedProgramme(token: string): string | undefined {
  if (!TOKEN.test(token)) return undefined;
  try {
    const { g } = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      g?: unknown;
    };
    return typeof g === 'string' ? g : undefined;
  } catch {
    return undefined;
  }
}

/** The page of a link, with one choice ready to confirm (none for the reminder's "open the check-in"). */
export function checkinUrl(baseUrl: string, token: string, choice?: Choice): string {
  const base = baseUrl.replace(/\/+$/, '');
  const params = new URLSearchParams({ t: token, ...(choice ? { c: choice } : {}) });
  return `${base}/email/checkin?${params.toString()}`;
}

/** The token the page's form carries: proof that the post comes from the page this link opened, recently. */
export function signFormToken(secret: string, linkToken: string, issuedAt: Date): string {
  const at = issuedAt.getTime().toString(36);
  return `${at}.${mac(secret, 'form', `${linkToken}\0${at}`).toString('base64url')}`;
}

export function verifyFormToken(secret: string, linkToken: string, formToken: string, now: Date): boolean {
  if (!TOKEN.test(formToken)) return false;
  const [at = '', signature = ''] = formToken.split('.');
  if (!sameMac(mac(secret, 'form', `${linkToken}\0${at}`), signature)) return false;
  const issued = Number.parseInt(at, 36);
  const age = now.getTime() - issued;
  return Number.isFinite(issued) && age >= -60_000 && age <= FORM_TTL_MS;
}
