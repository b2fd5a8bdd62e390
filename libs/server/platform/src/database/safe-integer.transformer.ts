import type { ValueTransformer } from 'typeorm';

/**
 * For `bigint` columns that hold vendor counters: node-postgres returns bigint as a string so
 * that nothing above 2^53 is rounded, but these values were read as safe integers on the way
 * in, so a number is exact and keeps arithmetic and the API's types simple.
 */
export const safeIntegerTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
