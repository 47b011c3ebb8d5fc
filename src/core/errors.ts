// Errors a user can act on carry a stable code; their sentence comes from the locale files (src/i18n), not from here.

export type ErrorCode =
  | 'programme_invalid'
  | 'programme_not_found'
  | 'week_invalid'
  | 'week_closed'
  | 'week_not_started'
  | 'week_not_over'
  | 'week_not_followed'
  | 'not_allowed'
  | 'unknown_person'
  | 'unknown_project'
  | 'not_intrapreneur'
  | 'coaching_log_syntax'
  | 'no_platform'
  | 'database_newer'
  | 'database_corrupt'
  | 'usage';

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
