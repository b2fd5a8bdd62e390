import type { ApiErrorDetail, ErrorCode } from '@ccp/contracts';

/**
 * The one exception type services throw. It carries a stable code; the HTTP filter turns it into
 * `{ statusCode, code, message, details? }` so no service needs to know about HTTP.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_JSON: 400,
  INVALID_WEBHOOK: 400,
  WEBHOOK_UNAUTHORIZED: 401,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};
