const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const dates = {
  date: (y: number, m: number, d: number) => `${d} ${MONTHS[m - 1]} ${y}`,
  dayMonth: (m: number, d: number) => `${d} ${MONTHS[m - 1]}`,
  week: (n: number, from: { m: number; d: number }, to: { m: number; d: number }) =>
    from.m === to.m
      ? `week ${n}, ${from.d}–${to.d} ${MONTHS[to.m - 1]}`
      : `week ${n}, ${from.d} ${MONTHS[from.m - 1]} – ${to.d} ${MONTHS[to.m - 1]}`,
  weekShort: (n: number) => `W${n}`,
  days: (n: number) => (n === 0 ? 'no day' : `${n} day${n === 1 ? '' : 's'}`),
};
