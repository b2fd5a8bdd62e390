/** Socket-level failures: the database host is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "try again later" rather than "this request is wrong": class 08
 * (connection exception), 57P01–57P03 (shutdown, crash recovery, cannot connect now) and 53300
 * (too many connections).
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** node-postgres reports a dropped or timed-out connection without a code. */
const POOL_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/i];

interface MaybeDatabaseError {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
}

/** True when the database cannot be reached right now, so the client should retry (503), not give up. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MaybeDatabaseError;
  // TypeORM wraps the driver's error.
  if (candidate.driverError && isDatabaseUnavailable(candidate.driverError)) return true;
  if (
    typeof candidate.code === 'string' &&
    (NETWORK_CODES.has(candidate.code) || isUnavailableState(candidate.code))
  ) {
    return true;
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  return POOL_MESSAGES.some((pattern) => pattern.test(message));
}

/** The SQLSTATE of a PostgreSQL error, whether TypeORM wrapped it or not. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as MaybeDatabaseError;
  const wrapped = candidate.driverError === undefined ? undefined : sqlStateOf(candidate.driverError);
  return wrapped ?? (typeof candidate.code === 'string' ? candidate.code : undefined);
}

/**
 * SQLSTATE class 22 (data exception: a value too long for its column, out of range, not a valid
 * date…). The same data fails the same way on every attempt, so retrying only delays the verdict.
 */
export function isDataException(error: unknown): boolean {
  return /^22[0-9A-Z]{3}$/.test(sqlStateOf(error) ?? '');
}

/**
 * A deadlock or serialization failure: PostgreSQL rolled this transaction back in favour of a
 * concurrent one. Nothing about the request is wrong; the same request is expected to succeed
 * when sent again.
 */
export function isConcurrencyConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === '40P01' || state === '40001';
}
