// The programme file's keys for each person's arrangements: their holidays, their released days, the convention's
// budget.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, type ProgrammeLoad, parseProgramme } from '../../src/config/programme-file.ts';
import { holidaysOf, type Programme } from '../../src/core/programme.ts';

const minimal = readFileSync(
  fileURLToPath(new URL('../fixtures/programme/valid-minimal.yml', import.meta.url)),
  'utf8',
);

function programmeOf(load: ProgrammeLoad): Programme {
  if (!load.ok) throw new Error(load.problems.map(formatProblem).join('\n'));
  return load.programme;
}

function printed(load: ProgrammeLoad): string[] {
  if (load.ok) throw new Error('expected problems, the programme is valid');
  return load.problems.map(formatProblem);
}

/** The minimal valid file with one piece replaced. */
function minimalWith(from: string, to: string): ProgrammeLoad {
  expect(minimal).toContain(from);
  return parseProgramme(minimal.replace(from, to));
}

describe('people[].holidays', () => {
  it('gives a person the holidays of their territory, the programme’s by default', () => {
    const programme = programmeOf(
      minimalWith(
        '{ id: alice, name: Alice Martin, email: alice@example.org }',
        '{ id: alice, name: Alice Martin, email: alice@example.org, holidays: guyane }',
      ),
    );
    expect(holidaysOf(programme, 'alice')).toBe('guyane');
    expect(holidaysOf(programme, 'bob')).toBe('metropole');
    const overseas = programmeOf(
      minimalWith('  organisation: Région Test', '  organisation: Région Test\n  holidays: mayotte'),
    );
    expect(overseas.holidays).toBe('mayotte');
    expect(holidaysOf(overseas, 'alice')).toBe('mayotte');
  });

  it('refuses a territory it does not know', () => {
    expect(
      printed(
        minimalWith(
          '{ id: alice, name: Alice Martin, email: alice@example.org }',
          '{ id: alice, name: Alice Martin, email: alice@example.org, holidays: corse }',
        ),
      ),
    ).toEqual([
      'people[1].holidays: valeur "corse" non reconnue, choisir parmi : metropole, alsace-moselle, guadeloupe, martinique, guyane, reunion, mayotte',
    ]);
  });
});
