// The words of the bot. French first; English must say the same things (the type makes sure).
import type { Locale } from '../core/programme.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';

export type Messages = typeof fr;

const catalogues: Record<Locale, Messages> = { fr, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

export const LOCALES: readonly Locale[] = ['fr', 'en'];
