// Error codes and their HTTP status (DESIGN.md "HTTP API"); the message is always Chinese and written at the throw.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  MEMBER_ID_NUMBER_DUPLICATE: 409,
  ORG_CODE_DUPLICATE: 409,
  USERNAME_DUPLICATE: 409,
  BUSINESS_RULE: 422,
  ORG_MOVE_CYCLE: 422,
  ORG_CLOSED: 422,
  ORG_HAS_OPEN_CHILDREN: 422,
  ORG_HAS_MEMBERS: 422,
  MEMBER_TRANSFER_PENDING: 422,
  MEMBER_TRANSFER_SAME_ORG: 422,
  TRANSFER_NOT_PENDING: 422,
  PASSWORD_TOO_WEAK: 422,
  USER_DISABLED: 403,
  ACCOUNT_LOCKED: 429,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name → Chinese message, as the error body's `fields`. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  readonly extra: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldErrors, extra?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.extra = extra;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
