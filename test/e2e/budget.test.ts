// The convention's payment milestones next to the phases, as an owner sees them: `/phase` in chat, and
// `coaching-bot status` and `check` in a terminal (a real child process, from the sources).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands.ts';
import { COACHING_BOT, ROOT } from '../support/child.ts';
import { exampleProgramme, openBot, TestClock, tempDatabaseUrl } from '../support/fixtures.ts';

const run = promisify(execFile);
const ADVANCE = '• Avance de 32\u202f000\u00a0€ exigible à la signature, le 15 septembre 2026';
const BALANCE = '• Solde de 8\u202f000\u00a0€ exigible à la fin de la pré-incubation, le 26 février 2027';

async function bot(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...COACHING_BOT, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the convention’s budget', () => {
  it('shows each instalment with its amount and due date in /phase, after the phases', async () => {
    const clock = new TestClock(new Date());
    clock.setParis('2026-12-01', 10);
    const b = await openBot(tempDatabaseUrl(), exampleProgramme(), clock, undefined);
    try {
      const reply = await runCommand(b.ctx, { actor: 'alice', command: 'phase', text: '' });
      if (reply.kind !== 'text') throw new Error('a text reply was expected');
      const lines = reply.text.split('\n');
      const next = lines.findIndex((l) => l.startsWith('Prochaine étape'));
      expect(lines.slice(next + 1, next + 5)).toEqual([
        'Convention : plafond de 40\u202f000\u00a0€, signée le 15 septembre 2026.',
        ADVANCE,
        BALANCE,
        'Projets :',
      ]);
    } finally {
      b.close();
    }
  });

  it('shows the same lines in coaching-bot status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-budget-'));
    const result = await bot(['status'], { DATABASE_URL: `file:${dir}/bot.db` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`\n${ADVANCE}\n${BALANCE}\n`);
  });

  it('has check refuse shares that do not make 100 and a due that names no phase', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coaching-bot-budget-'));
    const file = join(dir, 'programme.yml');
    const example = readFileSync(join(ROOT, 'examples/programme.yml'), 'utf8');
    writeFileSync(
      file,
      example
        .replace('{ share: 80, due: signature }', '{ share: 70, due: signature }')
        .replace('due: end_of_pre_incubation', 'due: end_of_pre-incubation'),
    );
    const result = await bot(['check', file]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'programme.budget.instalments: les parts des versements font 90\u202f% au lieu de 100\u202f%',
      'programme.budget.instalments[1].due: échéance "end_of_pre-incubation" : aucune phase "pre-incubation" (phases : call, selection, pre_incubation, poc_committee, incubation_selection)',
    ]);
  });
});
