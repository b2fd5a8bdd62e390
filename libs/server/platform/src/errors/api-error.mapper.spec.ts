import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { toApiError } from './api-error.mapper';
import { DomainException } from './domain.exception';

const fastifyError = (code: string, statusCode: number) =>
  Object.assign(new Error('fastify says no'), { name: 'FastifyError', code, statusCode });

/** What TypeORM throws for a failed query: the driver's error, with its SQLSTATE, inside. */
const postgresFailure = (code: string) =>
  Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('pg'), { code }) });

describe('toApiError', () => {
  it('keeps domain codes, messages and details', () => {
    const error = new DomainException('VALIDATION_FAILED', 'bad', [{ field: 'email', message: 'required' }]);
    expect(toApiError(error)).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'bad',
      details: [{ field: 'email', message: 'required' }],
    });
  });

  it('maps Fastify body errors, also when Nest wrapped them', () => {
    expect(toApiError(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400)).code).toBe('INVALID_JSON');
    const wrapped = new HttpException('too big', 413, {
      cause: fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413),
    });
    expect(toApiError(wrapped)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('maps a value the database refuses as data to 400, and other database errors to 500', () => {
    expect(toApiError(postgresFailure('22003'))).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(toApiError(postgresFailure('42P01'))).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
  });

  it('maps a deadlock or serialization failure to 503, so the client retries', () => {
    expect(toApiError(postgresFailure('40P01'))).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(toApiError(postgresFailure('40001'))).toMatchObject({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toApiError(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(toApiError(new ForbiddenException()).code).toBe('FORBIDDEN');
    expect(toApiError(new BadRequestException()).code).toBe('VALIDATION_FAILED');
  });

  it('never leaks the message of an unexpected error', () => {
    expect(toApiError(new Error('password=hunter2 in SQL'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal server error',
    });
  });

  it('answers 503 when the database is unreachable, whoever wraps the error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('query failed'), { driverError: refused });
    const shuttingDown = Object.assign(new Error('terminating connection'), { code: '57P01' });
    for (const error of [refused, wrapped, shuttingDown, new Error('Connection terminated unexpectedly')]) {
      expect(toApiError(error)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    const constraint = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(toApiError(constraint).statusCode).toBe(500);
  });
});
