import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ApiErrorDetail } from '@ccp/contracts';
import { DomainException } from './domain.exception';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** Unknown fields are rejected, not silently dropped, so client typos surface immediately. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainException('VALIDATION_FAILED', 'The request is invalid', flattenValidationErrors(errors)),
  });
}
