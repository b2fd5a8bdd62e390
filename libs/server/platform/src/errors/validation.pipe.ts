import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ApiErrorDetail } from '@ccp/contracts';
import { DomainException } from './domain.exception';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** Paths of the strings in `value` that contain U+0000, which PostgreSQL text cannot hold. */
function fieldsWithNulCharacters(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'value'] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    fieldsWithNulCharacters(child, path ? `${path}.${key}` : key),
  );
}

/**
 * Unknown fields are rejected, not silently dropped, so client typos surface immediately. Typed
 * input (DTOs, ids) with NUL characters is refused before it reaches a query that would fail on
 * it; untyped bodies (vendor webhooks) are the handler's to judge.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const typed = metadata.metatype !== undefined && metadata.metatype !== Object;
    if (
      typed &&
      metadata.type === 'body' &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      // The validator would fail on `null` itself (a 500) and report an array field by field.
      throw new DomainException('VALIDATION_FAILED', 'The request body must be a JSON object');
    }
    const fields = typed
      ? fieldsWithNulCharacters(value, metadata.type === 'param' ? (metadata.data ?? '') : '')
      : [];
    if (fields.length > 0) {
      throw new DomainException(
        'VALIDATION_FAILED',
        'The request is invalid',
        fields.map((field) => ({ field, message: `${field} must not contain NUL characters` })),
      );
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new DomainException('VALIDATION_FAILED', 'The request is invalid', flattenValidationErrors(errors)),
  });
}
