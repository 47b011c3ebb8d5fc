// The convention's instalments in words, the same for `/phase`, `coaching-bot status` and the dashboard:
// « Solde de 8 000 € exigible à la fin de la pré-incubation, le 26 février 2027 ».
import type { BudgetStatus, Payment } from '../core/budget.ts';
import type { Locale } from '../core/programme.ts';
import { messages } from '../i18n/index.ts';
import { dateLabel } from './format.ts';

const numberLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** An amount in euros as the locale writes it: « 8 000 € » (narrow no-break space between thousands), "€8,000". */
export function eurosLabel(amount: number, locale: Locale): string {
  const cents = !Number.isInteger(amount);
  return new Intl.NumberFormat(numberLocale[locale], {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(amount);
}

export function amountLabel(amount: number, budget: Pick<BudgetStatus, 'tax'>, locale: Locale): string {
  return messages(locale).status.budget.amount(eurosLabel(amount, locale), budget.tax);
}

/** « Plafond de 40 000 €, signée le 15 septembre 2026. » */
export function ceilingText(budget: BudgetStatus, locale: Locale): string {
  const t = messages(locale).status.budget;
  const signed = budget.signedOn ? dateLabel(budget.signedOn, locale) : undefined;
  return t.ceiling(amountLabel(budget.ceiling, budget, locale), signed);
}

export function paymentText(payment: Payment, budget: Pick<BudgetStatus, 'tax'>, locale: Locale): string {
  const t = messages(locale).status.budget;
  const { due } = payment;
  const when =
    due.kind === 'signature'
      ? t.when.signature
      : due.kind === 'date'
        ? undefined
        : t.when[due.kind](t.ofPhase(due.phase, payment.phase?.name ?? due.phase));
  return t.payment(
    t.place[payment.place](payment.number),
    amountLabel(payment.amount, budget, locale),
    when,
    payment.date ? dateLabel(payment.date, locale) : undefined,
  );
}

/** The ceiling, then one line per instalment; nothing when the programme file has no budget. */
export function budgetLines(budget: BudgetStatus | undefined, locale: Locale): string[] {
  if (!budget) return [];
  const t = messages(locale).status.budget;
  return [ceilingText(budget, locale), ...budget.payments.map((p) => t.line(paymentText(p, budget, locale)))];
}
