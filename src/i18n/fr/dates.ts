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
  weekShort: (n: number) => `S${n}`,
  days: (n: number) => (n === 0 ? 'aucun jour' : `${String(n).replace('.', ',')} jour${n >= 2 ? 's' : ''}`),
};
