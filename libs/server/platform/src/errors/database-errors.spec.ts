import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDataException, isDatabaseUnavailable } from './database-errors';

/** What node-postgres throws: an Error with the SQLSTATE in `code`. */
function postgresError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDataException', () => {
  it.each([
    ['22001', 'value too long for type character varying(32)'],
    ['22003', 'value "3000000000" is out of range for type integer'],
    ['22P02', 'invalid input syntax for type uuid: "x"'],
    ['22008', 'date/time field value out of range'],
  ])('is true for SQLSTATE %s, wrapped by TypeORM or not', (code, message) => {
    const driverError = postgresError(code, message);
    expect(isDataException(driverError)).toBe(true);
    expect(isDataException(new QueryFailedError('INSERT …', [], driverError))).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['40P01', 'deadlock detected'],
    ['57P01', 'terminating connection due to administrator command'],
    ['220', 'not a SQLSTATE'],
  ])('is false for SQLSTATE %s', (code, message) => {
    expect(isDataException(new QueryFailedError('UPDATE …', [], postgresError(code, message)))).toBe(false);
  });

  it('is false for errors without a code', () => {
    expect(isDataException(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isDataException('22001')).toBe(false);
  });
});

describe('isDatabaseUnavailable', () => {
  it('is true for connection failures, and not for data exceptions', () => {
    expect(isDatabaseUnavailable(postgresError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], postgresError('57P03', 'starting up'))),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(postgresError('22001', 'value too long'))).toBe(false);
  });
});
