// Numbers and counts as each language writes them: Intl knows that French says « 0,5 jour » and « 1,5 jour » (the
// singular up to 2), where English says "0.5 days" (the singular for 1 alone), and which decimal separator to use.
import type { Locale } from '../core/programme.ts';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const rules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

/** `0,5` in French, `0.5` in English; two decimals at most. */
export function formatNumber(locale: Locale, n: number): string {
  let format = numbers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 });
    numbers.set(locale, format);
  }
  return format.format(n);
}

/** `one` or `other`, as the language agrees a word with `n`. */
export function agree(locale: Locale, n: number, one: string, other: string): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(TAGS[locale]);
    rules.set(locale, rule);
  }
  return rule.select(n) === 'one' ? one : other;
}

/** `n` and its word agreed: « 2 jours », « 0,5 jour », "0.5 days". */
export function count(locale: Locale, n: number, one: string, other: string): string {
  return `${formatNumber(locale, n)} ${agree(locale, n, one, other)}`;
}
