// A use case's refusal as the person who asked sees it. Entry points that return a result (a command's reply, a
// click's) turn an error the person can act on into this value here, once, so that no platform adapter catches
// `AppError` or writes its sentence itself.
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { Locale } from '../core/programme.ts';
import { errorText } from '../render/error-text.ts';
import type { AppContext } from './context.ts';

/** Nothing was done: the error's stable code (for the platform to choose where to show it) and its sentence. */
export interface Refusal {
  readonly ok: false;
  readonly code: ErrorCode;
  /** In the locale asked for; plain text, for the platform to escape as its markup needs. */
  readonly text: string;
}

export function refusalOf(ctx: AppContext, error: AppError, locale: Locale): Refusal {
  return { ok: false, code: error.code, text: errorText(ctx.programme, error, locale) };
}

/**
 * `work`'s value, or its refusal in `locale` when it threw an `AppError`. Anything else (a bug, a platform down) is
 * thrown on: the adapter logs it and says that something went wrong.
 */
export async function refusing<T>(
  ctx: AppContext,
  locale: Locale,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | Refusal> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return refusalOf(ctx, error, locale);
  }
}
