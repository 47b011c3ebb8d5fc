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

describe('programme.budget', () => {
  const organisation = '  organisation: Région Test';
  const withBudget = (lines: string) => minimalWith(organisation, `${organisation}\n  budget:\n${lines}`);

  it('reads the ceiling, the tax, the signature and the instalments', () => {
    const programme = programmeOf(
      withBudget(
        [
          '    ceiling: 40000',
          '    tax: HT',
          '    signed_on: 2026-09-15',
          '    instalments:',
          '      - { share: 80, due: signature }',
          '      - { share: 20, due: end_of_pre_incubation }',
        ].join('\n'),
      ),
    );
    expect(programme.budget).toEqual({
      ceiling: 40000,
      tax: 'HT',
      signedOn: '2026-09-15',
      instalments: [
        { share: 80, due: { kind: 'signature' } },
        { share: 20, due: { kind: 'end', phase: 'pre_incubation' } },
      ],
    });
  });

  it('refuses shares that do not make 100 and dues that name no phase', () => {
    expect(
      printed(
        withBudget(
          [
            '    ceiling: 40000',
            '    instalments:',
            '      - { share: 80, due: signature }',
            '      - { share: 10, due: end_of_preincubation }',
            '      - { share: 5, due: start_of_poc_committee }',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'programme.budget.instalments: les parts des versements font 95\u202f% au lieu de 100\u202f%',
      'programme.budget.instalments[1].due: échéance "end_of_preincubation" : aucune phase "preincubation" (phases : pre_incubation, poc_committee)',
    ]);
  });

  it('says what is wrong with each value', () => {
    expect(
      printed(
        withBudget(
          [
            '    ceiling: 40 000 €',
            '    tax: HTT',
            '    signed_on: 2026-02-30',
            '    instalments:',
            '      - { share: 0, due: à la signature }',
            '      - { share: 100.5, due: 2027-02-30 }',
          ].join('\n'),
        ),
      ),
    ).toEqual([
      'programme.budget.ceiling: il faut un nombre, pas du texte ("40 000 €")',
      'programme.budget.tax: valeur "HTT" non reconnue, choisir parmi : HT, TTC',
      'programme.budget.signed_on: date impossible "2026-02-30"',
      'programme.budget.instalments[0].share: part impossible : 0\u202f% ; un pourcentage du plafond, plus de 0 et au plus 100',
      'programme.budget.instalments[0].due: échéance "à la signature" non reconnue : signature, start_of_<phase>, end_of_<phase> (ex. end_of_pre_incubation) ou une date AAAA-MM-JJ',
      'programme.budget.instalments[1].share: part impossible : 100,5\u202f% ; un pourcentage du plafond, plus de 0 et au plus 100',
      'programme.budget.instalments[1].due: date impossible "2027-02-30"',
    ]);
    expect(
      printed(withBudget('    ceiling: 100.001\n    instalments:\n      - { share: 100, due: signature }')),
    ).toEqual([
      'programme.budget.ceiling: montant impossible : 100,001 ; un nombre d’euros positif, au centime près, sans espace, ex. 40000',
    ]);
    expect(printed(withBudget('    ceiling: 100\n    instalments: []'))).toEqual([
      'programme.budget.instalments: la liste ne doit pas être vide',
    ]);
  });
});

describe('projects[].intrapreneurs[].days_per_week', () => {
  const line = 'intrapreneurs: [{ person: alice, manager: marc }]';

  it('gives an intrapreneur their own minimum, with the reason for the owners', () => {
    const programme = programmeOf(
      minimalWith(
        line,
        'intrapreneurs: [{ person: alice, manager: marc, days_per_week: 0.5, reason: Temps partiel à 50 % }]',
      ),
    );
    expect(programme.daysPerWeek).toBe(1);
    expect(programme.projects[0]?.intrapreneurs).toEqual([
      { person: 'alice', manager: 'marc', daysPerWeek: 0.5, reason: 'Temps partiel à 50 %' },
    ]);
  });

  it('refuses more than 5 days, and anything but half days', () => {
    for (const [value, said] of [
      ['5.5', '5,5 jours'],
      ['0.75', '0,75 jour'],
      ['0', '0 jour'],
    ]) {
      expect(
        printed(
          minimalWith(line, `intrapreneurs: [{ person: alice, manager: marc, days_per_week: ${value} }]`),
        ),
      ).toEqual([
        `projects[0].intrapreneurs[0].days_per_week: ${said} par semaine impossible : entre 0,5 et 5, par demi-journée`,
      ]);
    }
    expect(
      printed(minimalWith(line, 'intrapreneurs: [{ person: alice, manager: marc, reason: "" }]')),
    ).toEqual(['projects[0].intrapreneurs[0].reason: ne doit pas être vide']);
  });
});
