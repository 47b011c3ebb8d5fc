// The dashboard links' signing key: DASHBOARD_SECRET when the operator sets one, otherwise a random key made at first
// start and kept in the database, so that links sent yesterday still open after a restart, whichever instance of the
// bot the link reaches.
import { randomBytes } from 'node:crypto';
import { deriveDashboardSecret } from '../../app/dashboard-link.ts';
import type { SecretStore } from '../../core/ports.ts';

const NAME = 'dashboard_link';

export async function dashboardSecret(secrets: SecretStore, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return deriveDashboardSecret(fromEnv);
  return secrets.secret(NAME, () => randomBytes(32).toString('base64url'));
}
