/**
 * Every error the system raises on purpose carries a stable code, so that the CLI,
 * the GraphQL layer (`extensions.code`) and tests can tell failures apart without
 * matching on message text.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_UNREADABLE'
  | 'MALFORMED_ROW'
  | 'MISSING_COLUMN'
  | 'DATABASE_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'AUDIT_UNAVAILABLE'
  | 'DATA_KEY_MISSING'
  | 'DATA_UNREADABLE';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Raised when configuration (environment or config file) fails validation. */
export class ConfigError extends AppError {
  readonly problems: string[];

  constructor(message: string, problems: string[]) {
    super('CONFIG_INVALID', `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Where in a source a record came from: a file line, a page, a primary key. */
export interface SourceLocation {
  source: string;
  /** Human-readable position such as `customers.csv:12` or `page 3`. */
  position: string;
  field?: string;
}

/** A failure tied to one source and place in it. The message always names both. */
export class SourceError extends AppError {
  readonly location: SourceLocation;

  constructor(code: ErrorCode, location: SourceLocation, detail: string, options?: { cause?: unknown }) {
    const field = location.field ? `, field "${location.field}"` : '';
    super(code, `source "${location.source}" at ${location.position}${field}: ${detail}`, options);
    this.location = location;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
