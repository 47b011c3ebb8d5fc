// Dashboard links: signed for one owner, valid 24 hours, worthless once altered or signed with another key.
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_LINK_TTL_MS,
  dashboardLink,
  deriveDashboardSecret,
  signDashboardToken,
  verifyDashboardToken,
} from '../../src/app/dashboard-link.ts';

const SECRET = 'k'.repeat(43);
const NOW = new Date('2026-11-27T10:00:00Z');

function tokenOf(url: string): string {
  return new URL(url).searchParams.get('t') ?? '';
}

describe('dashboard links', () => {
  it('open for 24 hours for the owner they were made for', () => {
    const { url, expiresAt } = dashboardLink(
      { secret: SECRET, baseUrl: 'https://bot.example.org/' },
      'claire',
      NOW,
    );
    expect(url.startsWith('https://bot.example.org/dashboard?t=')).toBe(true);
    expect(expiresAt.getTime() - NOW.getTime()).toBe(DASHBOARD_LINK_TTL_MS);
    const token = tokenOf(url);
    expect(verifyDashboardToken(SECRET, token, NOW)).toEqual({ owner: 'claire', expiresAt });
    expect(verifyDashboardToken(SECRET, token, new Date(expiresAt.getTime() - 1))?.owner).toBe('claire');
    expect(verifyDashboardToken(SECRET, token, expiresAt)).toBeNull();
  });

  it('refuse a token whose owner or expiry was changed, or that another key signed', () => {
    const token = signDashboardToken(SECRET, { owner: 'claire', expiresAt: new Date(NOW.getTime() + 1000) });
    const [, mac] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ o: 'claire', e: NOW.getTime() + 10 ** 10 })).toString(
      'base64url',
    );
    expect(verifyDashboardToken(SECRET, `${forgedPayload}.${mac}`, NOW)).toBeNull();
    const otherOwner = Buffer.from(JSON.stringify({ o: 'alice', e: NOW.getTime() + 1000 })).toString(
      'base64url',
    );
    expect(verifyDashboardToken(SECRET, `${otherOwner}.${mac}`, NOW)).toBeNull();
    expect(verifyDashboardToken('another-secret', token, NOW)).toBeNull();
    for (const bad of ['', 'x', 'x.y', `${token}.z`, `${token.slice(0, -2)}AA`]) {
      expect(verifyDashboardToken(SECRET, bad, NOW), bad).toBeNull();
    }
  });

  it('derive a key from DASHBOARD_SECRET that is stable and is not the secret itself', () => {
    const key = deriveDashboardSecret('an operator secret of some length');
    expect(key).toBe(deriveDashboardSecret('an operator secret of some length'));
    expect(key).not.toContain('operator');
    expect(key).not.toBe(deriveDashboardSecret('another operator secret'));
  });
});
