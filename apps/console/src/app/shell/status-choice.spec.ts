import { describe, expect, it } from 'vitest';

import { STATUS_CHOICES, choiceOf, manualStatusOf } from './status-choice';

describe('status choices', () => {
  it('offers the four statuses and handing back to the vendors', () => {
    expect(STATUS_CHOICES.map((choice) => choice.label)).toEqual([
      'Available',
      'Busy',
      'Away',
      'Offline',
      'Automatic',
    ]);
  });

  it('maps no manual status to "automatic" and back', () => {
    expect(choiceOf(null)).toBe('automatic');
    expect(manualStatusOf('automatic')).toBeNull();
  });

  it('keeps a manual status as it is both ways', () => {
    expect(choiceOf('away')).toBe('away');
    expect(manualStatusOf('busy')).toBe('busy');
  });
});
