// Signed links to the owner dashboard. When a real chat platform is configured the dashboard is reachable only through
// one of these: the bot sends it by direct message to an owner who asks (`/phase dashboard`), and it expires.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const DASHBOARD_LINK_TTL_MS = 24 * 60 * 60_000;

export interface DashboardLinks {
  /** The signing key (never logged, never shown). */
  secret: string;
  /** Where the bot's HTTP server is reached from outside (`PUBLIC_URL`). */
  baseUrl: string;
  ttlMs?: number;
  /**
   * The programme the links open, when the deployment serves several: signed into each link (so that a link of one
   * programme never opens another's pages, even under a shared `DASHBOARD_SECRET`) and named in its address.
   */
  programme?: string;
}

export interface DashboardGrant {
  owner: string;
  expiresAt: Date;
  /** Unset in links made while the deployment served one programme. */
  programme?: string;
}

/** A key from an operator's `DASHBOARD_SECRET`, hashed so that the raw value is never the HMAC key itself. */
export function deriveDashboardSecret(secret: string): string {
  return createHash('sha256').update(`coaching-bot/dashboard-link\0${secret}`).digest('base64url');
}

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signDashboardToken(secret: string, grant: DashboardGrant): string {
  const claims = {
    o: grant.owner,
    e: grant.expiresAt.getTime(),
    ...(grant.programme ? { p: grant.programme } : {}),
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** The grant a token carries, or null when it is malformed, forged or expired. */
export function verifyDashboardToken(secret: string, token: string, now: Date): DashboardGrant | null {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const expected = signature(secret, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const { o, e, p } = (parsed ?? {}) as { o?: unknown; e?: unknown; p?: unknown };
  if (typeof o !== 'string' || typeof e !== 'number' || !Number.isFinite(e)) return null;
  if (p !== undefined && typeof p !== 'string') return null;
  if (e <= now.getTime()) return null;
  return { owner: o, expiresAt: new Date(e), ...(p !== undefined ? { programme: p } : {}) };
}

/**
 * The programme a token claims, unchecked: only to choose which programme's dashboard checks it (with its own key,
 * and its own programme required in the claim).
 */
export function claimedProgramme(token: string): string | undefined {
  const [payload] = token.split('.');
  try {
    const { p } = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { p?: unknown };
    return typeof p === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The committee pack's page: every project's, or one project's (`/phase <project>` links to it). */
export function packPath(project?: string): string {
  return project === undefined ? '/dashboard/projects' : `/dashboard/projects/${encodeURIComponent(project)}`;
}

/** A fresh link for an owner to a dashboard page (the dashboard itself unless told), valid `ttlMs` (24 h) from now. */
export function dashboardLink(
  links: DashboardLinks,
  owner: string,
  now: Date,
  path = '/dashboard',
): { url: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + (links.ttlMs ?? DASHBOARD_LINK_TTL_MS));
  const programme = links.programme;
  const token = signDashboardToken(links.secret, { owner, expiresAt, ...(programme ? { programme } : {}) });
  const base = links.baseUrl.replace(/\/+$/, '');
  const named = programme ? `&p=${encodeURIComponent(programme)}` : '';
  return { url: `${base}${path}?t=${encodeURIComponent(token)}${named}`, expiresAt };
}
