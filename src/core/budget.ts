// The convention's money: a ceiling, paid in instalments, each due at the signature, at the start or the end of a
// phase, or on a date (the Hauts-de-France convention: 80 % at signature, 20 % at the end of pre-incubation). The
// amounts and due dates are worked out here once, for `/phase`, `coaching-bot status` and the dashboard alike.
import type { LocalDate } from './calendar.ts';
import type { InstalmentDue, Phase, Programme } from './programme.ts';

// The budget as the programme file gives it is part of the programme's shape (programme.ts).
export type { Budget, Instalment, InstalmentDue } from './programme.ts';

/** How `due` is written in the programme file: `signature`, `start_of_<phase>`, `end_of_<phase>` or a date. */
export function parseDue(text: string): InstalmentDue | undefined {
  if (text === 'signature') return { kind: 'signature' };
  const phase = /^(start|end)_of_(.+)$/.exec(text);
  if (phase) return { kind: phase[1] as 'start' | 'end', phase: phase[2] as string };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { kind: 'date', date: text };
  return undefined;
}

export type PaymentState = 'past' | 'due' | 'upcoming';

export interface Payment {
  /** First, middle or last of several; `single` when there is one. */
  place: 'advance' | 'instalment' | 'balance' | 'single';
  /** 1-based, in the order of the file. */
  number: number;
  share: number;
  /** In euros, to the cent; the amounts add up to the ceiling. */
  amount: number;
  due: InstalmentDue;
  /** The phase the due names, if any. */
  phase?: Phase;
  /** Undefined while it cannot be known (a signature date not given yet). */
  date?: LocalDate;
  /** Relative to today: paid-for date gone by, due today, or to come (also when the date is unknown). */
  state: PaymentState;
}

export interface BudgetStatus {
  ceiling: number;
  tax?: 'HT' | 'TTC';
  signedOn?: LocalDate;
  payments: Payment[];
}

function placeOf(index: number, count: number): Payment['place'] {
  if (count === 1) return 'single';
  if (index === 0) return 'advance';
  return index === count - 1 ? 'balance' : 'instalment';
}

/** The convention's instalments with their amounts and dates, or undefined when the programme has no budget. */
export function budgetStatus(
  programme: Pick<Programme, 'budget' | 'phases'>,
  today: LocalDate,
): BudgetStatus | undefined {
  const budget = programme.budget;
  if (!budget) return undefined;
  const cents = Math.round(budget.ceiling * 100);
  let given = 0;
  const payments = budget.instalments.map((instalment, i, all): Payment => {
    // Each share rounded to the cent, the last one taking what is left: the amounts add up to the ceiling.
    const amountCents = i === all.length - 1 ? cents - given : Math.round((cents * instalment.share) / 100);
    given += amountCents;
    const { due } = instalment;
    const phase =
      due.kind === 'start' || due.kind === 'end'
        ? programme.phases.find((p) => p.id === due.phase)
        : undefined;
    const date =
      due.kind === 'signature'
        ? budget.signedOn
        : due.kind === 'date'
          ? due.date
          : due.kind === 'start'
            ? phase?.start
            : phase?.end;
    const state: PaymentState =
      date === undefined || date > today ? 'upcoming' : date === today ? 'due' : 'past';
    return {
      place: placeOf(i, all.length),
      number: i + 1,
      share: instalment.share,
      amount: amountCents / 100,
      due,
      ...(phase ? { phase } : {}),
      ...(date ? { date } : {}),
      state,
    };
  });
  return {
    ceiling: budget.ceiling,
    ...(budget.tax ? { tax: budget.tax } : {}),
    ...(budget.signedOn ? { signedOn: budget.signedOn } : {}),
    payments,
  };
}
