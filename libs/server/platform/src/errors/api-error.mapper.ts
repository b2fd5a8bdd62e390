import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, ErrorCode } from '@ccp/contracts';
import { isConcurrencyConflict, isDataException, isDatabaseUnavailable } from './database-errors';
import { DomainException, STATUS_BY_CODE } from './domain.exception';

/** Fastify's own error codes for body parsing and routing, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

interface ErrorWithCode {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

function hasFastifyCode(error: unknown): error is ErrorWithCode & { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as ErrorWithCode).code === 'string';
}

/**
 * Turns anything thrown while serving a request into the public error body. Unknown errors become
 * a generic 500 whose message reveals nothing; the caller logs the original.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof DomainException) {
    return {
      statusCode: STATUS_BY_CODE[error.code],
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own errors (body parsing, size limit); their code is the precise one.
    if (hasFastifyCode(error.cause) && error.cause.code in FASTIFY_CODES) return toApiError(error.cause);
    const statusCode = error.getStatus();
    return {
      statusCode,
      code: CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'),
      message: error.message,
    };
  }
  if (hasFastifyCode(error) && error.code in FASTIFY_CODES) {
    const code = FASTIFY_CODES[error.code] as ErrorCode;
    const message =
      code === 'INVALID_JSON'
        ? 'The request body is not valid JSON'
        : typeof error.message === 'string'
          ? error.message
          : code;
    return { statusCode: STATUS_BY_CODE[code], code, message };
  }
  if (error instanceof SyntaxError && 'body' in error) {
    return { statusCode: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON' };
  }
  if (isDatabaseUnavailable(error)) {
    // A vendor (or any client) retries a 503; a 500 would say the request itself was at fault.
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; retry later',
    };
  }
  if (isConcurrencyConflict(error)) {
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The request collided with concurrent changes and was rolled back; retry it',
    };
  }
  if (isDataException(error)) {
    // Input a validator let through but the database cannot hold (a number beyond its column):
    // the request is at fault, and retrying it will not help.
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'A value in the request is out of range or malformed',
    };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' };
}
