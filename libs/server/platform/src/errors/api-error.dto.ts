import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, type ApiError, type ApiErrorDetail, type ErrorCode } from '@ccp/contracts';
import { DomainException } from './domain.exception';

export class ApiErrorDetailDto implements ApiErrorDetail {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

export class ApiErrorDto implements ApiError {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODES, example: 'VALIDATION_FAILED' })
  code!: ErrorCode;

  @ApiProperty({ example: 'The request is invalid' })
  message!: string;

  @ApiProperty({ type: [ApiErrorDetailDto], required: false })
  details?: ApiErrorDetailDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'INVALID_JSON or VALIDATION_FAILED (see details)',
  401: 'UNAUTHORIZED or INVALID_CREDENTIALS',
  403: 'FORBIDDEN: the caller lacks the role',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/** Documents the error responses a route can give, all in the shared error shape. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ApiErrorDto }),
    ),
  );

export const uuidParam = (): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () => new DomainException('VALIDATION_FAILED', 'The id must be a UUID'),
  });
