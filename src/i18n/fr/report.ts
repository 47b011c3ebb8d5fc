import type { AlertKind } from '../../core/alerts.ts';
import type { CoachingStatus, ReleaseStatus } from '../../core/compliance.ts';

export const report = {
  header: { intrapreneur: 'Intrapreneur', project: 'Projet', required: 'Min./sem.' },
  legend:
    'Min./sem. : jours libérés attendus par semaine ; jours libérés : nombre déclaré (✗ sous le minimum), C = en congés, ? = sans réponse, · = non demandé, – = exempté ; coaching : ✓ tenu, ✗ manqué ; ! = alerte.',
  leave: 'C',
  unknown: '?',
  notAsked: '·',
  exempt: '–',
  empty: 'Aucun intrapreneur dans ce programme.',
  /** The CSV and .xlsx exports: one line per intrapreneur and week, in words a spreadsheet reader understands. */
  sheet: {
    name: 'Conformité',
    header: [
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
    release: {
      honoured: 'respecté',
      missed: 'manqué',
      unknown: 'sans réponse',
      not_asked: 'non demandé',
      exempt: 'exempté',
      leave: 'congés',
    } satisfies Record<ReleaseStatus | 'leave', string>,
    coaching: {
      held: 'tenu',
      missed: 'manqué',
      unknown: 'sans réponse',
      not_asked: 'non demandé',
      exempt: 'exempté',
    } satisfies Record<CoachingStatus, string>,
    yes: 'oui',
    no: 'non',
    alerts: {
      release_missed: 'jour libéré non respecté',
      release_missed_again: 'jour libéré non respecté, de nouveau',
      no_answer: 'pas de réponse',
      coaching_missed: 'coaching manqué deux semaines de suite',
    } satisfies Record<AlertKind, string>,
    alertSeparator: ', ',
  },
};
