// The words of the bot. French first; English must say the same things (the type makes sure).
import type { Locale } from '../core/programme.ts';
import { en } from './en/index.ts';
import { fr } from './fr/index.ts';
import type { Messages } from './messages.ts';

export type { Messages };

const catalogues: Record<Locale, Messages> = { fr, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

export const LOCALES: readonly Locale[] = ['fr', 'en'];
