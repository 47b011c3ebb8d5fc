import { count } from '../plural.ts';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** Monday 1 … Sunday 7, as ISO numbers them. */
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

function day(d: number): string {
  return d === 1 ? '1er' : String(d);
}

export const dates = {
  /** "27 novembre 2026" */
  date: (y: number, m: number, d: number) => `${day(d)} ${MONTHS[m - 1]} ${y}`,
  /** "27 novembre" */
  dayMonth: (m: number, d: number) => `${day(d)} ${MONTHS[m - 1]}`,
  /** "semaine 48, du 23 au 27 novembre" (Monday to Friday) */
  week: (n: number, from: { m: number; d: number }, to: { m: number; d: number }) =>
    from.m === to.m
      ? `semaine ${n}, du ${day(from.d)} au ${day(to.d)} ${MONTHS[to.m - 1]}`
      : `semaine ${n}, du ${day(from.d)} ${MONTHS[from.m - 1]} au ${day(to.d)} ${MONTHS[to.m - 1]}`,
  /** "vendredi 4 décembre à 14 h 43", "mardi 1er décembre à 9 h" */
  instant: (t: { weekday: number; m: number; d: number; hour: number; minute: number }) =>
    `${WEEKDAYS[t.weekday - 1]} ${day(t.d)} ${MONTHS[t.m - 1]} à ${t.hour} h${t.minute === 0 ? '' : ` ${String(t.minute).padStart(2, '0')}`}`,
  weekShort: (n: number) => `S${n}`,
  days: (n: number) => (n === 0 ? 'aucun jour' : count('fr', n, 'jour', 'jours')),
};
