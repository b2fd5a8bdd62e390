import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@ccp/contracts';

function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string' &&
    'message' in body &&
    typeof body.message === 'string'
  );
}

/** A sentence to show people: the API's own message when it sent one, otherwise what failed on the way. */
export function describeHttpError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong. Please try again.';
  }
  if (isApiError(error.error)) {
    return error.error.message;
  }
  if (error.status === 0) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  return `The request failed (HTTP ${error.status}). Please try again.`;
}
