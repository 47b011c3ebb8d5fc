// YAML anchors and aliases in a programme file: a few are handy, but an alias that contains itself, points nowhere,
// or multiplies into millions of values must be refused like any other mistake, in one sentence that says which.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem, type ProgrammeLoad, parseProgramme } from '../../src/config/programme-file.ts';

const minimal = readFileSync(
  fileURLToPath(new URL('../fixtures/programme/valid-minimal.yml', import.meta.url)),
  'utf8',
);

function printed(load: ProgrammeLoad): string[] {
  if (load.ok) throw new Error('expected problems, the programme is valid');
  return load.problems.map(formatProblem);
}

/** Nine copies of the level below at each level: 9⁶ values from a few lines. */
function bomb(levels: number, merge: boolean): string {
  const lines = ['programme: &l0 { name: x, organisation: y }'];
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ');
    lines.push(merge ? `k${i}: &l${i} { <<: [${refs}], v${i}: 1 }` : `k${i}: &l${i} [${refs}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('aliases in a programme file', () => {
  it('accepts a few ordinary aliases', () => {
    const text = minimal
      .replace('coach: bob', 'coach: &coach bob')
      .replace('manager: marc', 'manager: *coach');
    const load = parseProgramme(text);
    expect(load.ok && load.programme.projects[0]?.intrapreneurs[0]?.manager).toBe('bob');
  });

  it('refuses an alias inside the value it copies, with where it is', () => {
    expect(printed(parseProgramme('owners: &o [claire, *o]\n', 'p.yml'))).toEqual([
      'YAML invalide (p.yml, ligne 1, colonne 21) : l’alias *o est à l’intérieur de la valeur &o qu’il recopie : elle se contiendrait elle-même à l’infini',
    ]);
    expect(printed(parseProgramme('programme: &p\n  name: x\n  again: *p\n'))).toEqual([
      'YAML invalide (ligne 3, colonne 10) : l’alias *p est à l’intérieur de la valeur &p qu’il recopie : elle se contiendrait elle-même à l’infini',
    ]);
  });

  it('refuses an alias to an anchor defined nowhere before it', () => {
    expect(printed(parseProgramme(minimal.replace('manager: marc', 'manager: *marc')))).toEqual([
      'YAML invalide (ligne 18, colonne 47) : l’alias *marc renvoie à une ancre &marc qui n’est définie nulle part avant lui',
    ]);
  });

  it('refuses aliases that multiply into a huge file, merge keys included', () => {
    const sentence =
      'YAML invalide : trop d’alias — recopiés les uns dans les autres, ils donneraient des millions de valeurs ; écrivez les valeurs sans alias';
    expect(printed(parseProgramme(bomb(6, false)))).toEqual([sentence]);
    expect(printed(parseProgramme(bomb(6, true)))).toEqual([sentence]);
  });

  it('speaks the language of the file', () => {
    const text = `programme: { name: x, organisation: y, locale: en }\nowners: [*nobody]\n`;
    expect(printed(parseProgramme(text))).toEqual([
      'invalid YAML (line 2, column 10): the alias *nobody refers to an anchor &nobody that is not defined before it',
    ]);
  });
});
