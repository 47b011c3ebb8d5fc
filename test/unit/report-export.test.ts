// The compliance report as a spreadsheet reads it: in French, `;` between columns, a decimal comma, French words and
// a byte-order mark; in English, the columns and values it has always had. The .xlsx holds the same cells, parsed
// back here as a spreadsheet would open them. A name that looks like a formula stays text everywhere.
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Report, ReportRow } from '../../src/app/report.ts';
import { formatReport } from '../../src/render/report-format.ts';
import { reportXlsx } from '../../src/render/report-xlsx.ts';

const row = (over: Partial<ReportRow>): ReportRow => ({
  intrapreneur: 'alice',
  name: 'Alice Martin',
  project: 'covoiturage',
  week: '2026-W47',
  release: 'honoured',
  releasedDays: 1,
  required: 1,
  leave: false,
  coaching: 'held',
  coachingAnswered: true,
  coachingLogged: false,
  alerts: [],
  ...over,
});

const report: Report = {
  from: '2026-W47',
  to: '2026-W48',
  weeks: ['2026-W47', '2026-W48'],
  rows: [
    row({}),
    row({
      week: '2026-W48',
      release: 'missed',
      releasedDays: 0.5,
      coaching: 'missed',
      coachingAnswered: false,
      alerts: ['release_missed', 'coaching_missed'],
    }),
    row({
      intrapreneur: 'eve',
      name: '=HYPERLINK("http://x.example";"Ève")',
      project: '@projet',
      release: 'exempt',
      releasedDays: null,
      // Part-time: her own minimum is half a day.
      required: 0.5,
      leave: true,
      coaching: 'exempt',
      coachingAnswered: null,
    }),
    row({ intrapreneur: 'bob', name: 'Bob', release: 'unknown', releasedDays: null, coaching: 'unknown' }),
  ],
};

describe('the report as CSV', () => {
  it('is written for a spreadsheet set to French', () => {
    const text = formatReport(report, 'csv', 'fr');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\n')).toEqual([
      'Semaine;Identifiant;Intrapreneur;Projet;Jour libéré;Jours libérés déclarés;En congés;Point de coaching;Point de coaching déclaré;Séance enregistrée par le coach;Alertes;Jours libérés attendus par semaine',
      '2026-W47;alice;Alice Martin;covoiturage;respecté;1;non;tenu;oui;non;;1',
      '2026-W48;alice;Alice Martin;covoiturage;manqué;0,5;non;manqué;non;non;jour libéré non respecté, coaching manqué deux semaines de suite;1',
      `2026-W47;eve;"'=HYPERLINK(""http://x.example"";""Ève"")";'@projet;congés;;oui;exempté;;non;;0,5`,
      '2026-W47;bob;Bob;covoiturage;sans réponse;;non;sans réponse;oui;non;;1',
    ]);
  });

  it('keeps its English columns and values, separated by commas', () => {
    const lines = formatReport(report, 'csv', 'en').split('\n');
    expect(lines).toEqual([
      'week,intrapreneur,name,project,release,releasedDays,leave,coaching,coachingAnswered,coachingLogged,alerts,required',
      '2026-W47,alice,Alice Martin,covoiturage,honoured,1,false,held,true,false,,1',
      '2026-W48,alice,Alice Martin,covoiturage,missed,0.5,false,missed,false,false,release_missed coaching_missed,1',
      `2026-W47,eve,"'=HYPERLINK(""http://x.example"";""Ève"")",'@projet,exempt,,true,exempt,,false,,0.5`,
      '2026-W47,bob,Bob,covoiturage,unknown,,false,unknown,true,false,,1',
    ]);
  });
});

describe('the report as .xlsx', () => {
  it('holds the same cells, numbers as numbers and every name as text', async () => {
    const [sheet] = await readXlsxFile(await reportXlsx(report, 'fr'));
    expect(sheet?.sheet).toBe('Conformité');
    expect(sheet?.data).toEqual([
      [
        'Semaine',
        'Identifiant',
        'Intrapreneur',
        'Projet',
        'Jour libéré',
        'Jours libérés déclarés',
        'En congés',
        'Point de coaching',
        'Point de coaching déclaré',
        'Séance enregistrée par le coach',
        'Alertes',
        'Jours libérés attendus par semaine',
      ],
      [
        '2026-W47',
        'alice',
        'Alice Martin',
        'covoiturage',
        'respecté',
        1,
        'non',
        'tenu',
        'oui',
        'non',
        null,
        1,
      ],
      [
        '2026-W48',
        'alice',
        'Alice Martin',
        'covoiturage',
        'manqué',
        0.5,
        'non',
        'manqué',
        'non',
        'non',
        'jour libéré non respecté, coaching manqué deux semaines de suite',
        1,
      ],
      [
        '2026-W47',
        'eve',
        '=HYPERLINK("http://x.example";"Ève")',
        '@projet',
        'congés',
        null,
        'oui',
        'exempté',
        null,
        'non',
        null,
        0.5,
      ],
      [
        '2026-W47',
        'bob',
        'Bob',
        'covoiturage',
        'sans réponse',
        null,
        'non',
        'sans réponse',
        'oui',
        'non',
        null,
        1,
      ],
    ]);
  });

  it('speaks English for an English reader', async () => {
    const [sheet] = await readXlsxFile(await reportXlsx(report, 'en'));
    expect(sheet?.sheet).toBe('Compliance');
    expect(sheet?.data[2]?.slice(4, 6)).toEqual(['missed', 0.5]);
  });
});
