import type { dates as fr } from '../fr/dates.ts';
import { count } from '../plural.ts';

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

/** Monday 1 … Sunday 7, as ISO numbers them. */
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const dates: typeof fr = {
  date: (y: number, m: number, d: number) => `${d} ${MONTHS[m - 1]} ${y}`,
  dayMonth: (m: number, d: number) => `${d} ${MONTHS[m - 1]}`,
  week: (n: number, from: { m: number; d: number }, to: { m: number; d: number }) =>
    from.m === to.m
      ? `week ${n}, ${from.d}–${to.d} ${MONTHS[to.m - 1]}`
      : `week ${n}, ${from.d} ${MONTHS[from.m - 1]} – ${to.d} ${MONTHS[to.m - 1]}`,
  instant: (t) =>
    `${WEEKDAYS[t.weekday - 1]} ${t.d} ${MONTHS[t.m - 1]} at ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`,
  weekShort: (n: number) => `W${n}`,
  days: (n: number) => (n === 0 ? 'no day' : count('en', n, 'day', 'days')),
};
