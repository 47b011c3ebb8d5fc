// Errors a user can act on carry a stable code; their sentence comes from the locale files (src/i18n), not from here.

export type ErrorCode =
  | 'programme_invalid'
  | 'programme_not_found'
  | 'week_invalid'
  | 'week_closed'
  | 'comment_too_long'
  | 'week_not_started'
  | 'week_not_over'
  | 'week_not_followed'
  | 'not_allowed'
  | 'unknown_person'
  | 'unknown_project'
  | 'not_intrapreneur'
  | 'coaching_log_syntax'
  | 'coaching_notes_too_long'
  | 'no_platform'
  | 'database_newer'
  | 'database_corrupt'
  | 'database_url_unsupported'
  | 'database_url_invalid'
  | StorageErrorCode
  | 'usage';

/**
 * The database refused a write (or a read): nothing was stored, and what was stored before is intact. The person is
 * told so in the words of what they did (`params.action`), the operator what to do (`params.path`, `params.cause`).
 */
export type StorageErrorCode =
  /** No space left on the disk (or the user's quota). */
  | 'storage_full'
  /** Another process held the write lock for longer than the bot waits (a backup, a long CLI verb). */
  | 'storage_busy'
  /** The file, its folder or the file system refuses writes (permissions, owner, immutable, read-only mount). */
  | 'storage_read_only'
  /** The file cannot be opened or written at all (an I/O error, a folder where the file should be…). */
  | 'storage_unavailable';

/** What the person was doing when the database refused it. */
export type StorageAction = 'answer' | 'comment' | 'coaching_log' | 'command';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;

  constructor(code: ErrorCode, params: Record<string, unknown> = {}, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

const STORAGE_ERRORS: readonly ErrorCode[] = [
  'storage_full',
  'storage_busy',
  'storage_read_only',
  'storage_unavailable',
] satisfies StorageErrorCode[];

export type StorageError = AppError & { readonly code: StorageErrorCode };

export function isStorageError(error: unknown): error is StorageError {
  return error instanceof AppError && STORAGE_ERRORS.includes(error.code);
}
