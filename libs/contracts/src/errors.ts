/** Stable, machine-readable error codes. Clients branch on these, never on messages. */
export const ERROR_CODES = [
  'INVALID_JSON',
  'INVALID_WEBHOOK',
  'WEBHOOK_UNAUTHORIZED',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** The body of every non-2xx response. */
export interface ApiError {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: ApiErrorDetail[];
}
