// The signing keys of the bot's links, kept in the database by name: the dashboard's (unless DASHBOARD_SECRET is set)
// and the e-mail check-in links'. Each is a random key made at first use and kept in the database, so that links sent
// yesterday still open after a restart, whichever instance of the bot the link reaches.
import { randomBytes } from 'node:crypto';
import { deriveDashboardSecret } from '../../app/dashboard-link.ts';
import type { SecretStore } from '../../core/ports.ts';

const DASHBOARD = 'dashboard_link';

/** The key named `name`, made and stored on first use. */
export function botSecret(secrets: SecretStore, name: string): Promise<string> {
  return secrets.secret(name, () => randomBytes(32).toString('base64url'));
}

export async function dashboardSecret(secrets: SecretStore, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return deriveDashboardSecret(fromEnv);
  return botSecret(secrets, DASHBOARD);
}
