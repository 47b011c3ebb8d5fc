// What a person asked the bot to record, when the database refuses it: the storage error then says what they were
// doing, so that every platform tells them "your answer was not recorded" rather than "something went wrong" (or,
// worse, that it was recorded), and the log says why, with the error's code and nothing of what they typed.
import { AppError, isStorageError, type StorageAction } from '../core/errors.ts';
import type { AppContext } from './context.ts';

export async function recording<T>(
  ctx: AppContext,
  action: StorageAction,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Already said by the use case that met it first (a coaching log inside a command).
    if (!isStorageError(error) || error.params.action !== undefined) throw error;
    ctx.logger.error(
      { action, code: error.code, cause: error.params.cause },
      'storage: refused by the database, nothing recorded',
    );
    throw new AppError(error.code, { ...error.params, action });
  }
}
