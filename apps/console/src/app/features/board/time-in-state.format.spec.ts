import { describe, expect, it } from 'vitest';

import { formatTimeInState } from './time-in-state.format';

const SINCE = '2025-01-01T12:00:00.000Z';
const after = (seconds: number): number => Date.parse(SINCE) + seconds * 1000;

describe('formatTimeInState', () => {
  it('counts seconds for the first minute', () => {
    expect(formatTimeInState(SINCE, after(0))).toBe('0s');
    expect(formatTimeInState(SINCE, after(59.9))).toBe('59s');
  });

  it('counts minutes and seconds within the hour', () => {
    expect(formatTimeInState(SINCE, after(192))).toBe('3m 12s');
    expect(formatTimeInState(SINCE, after(3599))).toBe('59m 59s');
  });

  it('drops the seconds after an hour and the minutes after a day', () => {
    expect(formatTimeInState(SINCE, after(2 * 3600 + 5 * 60 + 30))).toBe('2h 5m');
    expect(formatTimeInState(SINCE, after(27 * 3600 + 59 * 60))).toBe('1d 3h');
  });

  it('reads a start ahead of the local clock as just now', () => {
    expect(formatTimeInState(SINCE, after(-5))).toBe('0s');
  });

  it('shows nothing for a start it cannot read', () => {
    expect(formatTimeInState('not a date', after(5))).toBe('');
  });
});
