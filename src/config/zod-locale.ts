// zod's own sentences in the reader's language. Given to each parse rather than set in zod's global configuration, so
// an English programme file gets English even when a French one was read just before.
import { z } from 'zod';
import type { Locale } from '../core/programme.ts';

const ERROR_MAPS: Record<Locale, z.core.$ZodErrorMap> = {
  fr: z.locales.fr().localeError,
  en: z.locales.en().localeError,
};

export function zodErrors(locale: Locale): z.core.$ZodErrorMap {
  return ERROR_MAPS[locale];
}
