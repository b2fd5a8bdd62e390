import { describe, expect, it } from 'vitest';

import { describeChat, describePhone, reasonLabel } from './agent-status.labels';

const phone = (telephonyStatus: string | null, dndStatus: string | null) => ({
  presenceStatus: null,
  userStatus: null,
  telephonyStatus,
  dndStatus,
});

describe('reasonLabel', () => {
  it('says why in words, or nothing when there is no reason', () => {
    expect(reasonLabel('on_call')).toBe('on a call');
    expect(reasonLabel('manual')).toBe('set manually');
    expect(reasonLabel(null)).toBeNull();
  });
});

describe('describeChat', () => {
  it('names the LiveChat routing status, or says it is unknown', () => {
    expect(describeChat('not_accepting_chats')).toBe('Not accepting chats');
    expect(describeChat(null)).toBe('Unknown');
  });
});

describe('describePhone', () => {
  it('names the call state', () => {
    expect(describePhone(phone('CallConnected', 'TakeAllCalls'))).toBe('On a call');
  });

  it('adds do-not-disturb settings', () => {
    expect(describePhone(phone('NoCall', 'DoNotAcceptAnyCalls'))).toBe('No call · Do not disturb');
    expect(describePhone(phone('Ringing', 'DoNotAcceptDepartmentCalls'))).toBe('Ringing · No queue calls');
  });

  it('shows a state it has no words for as the vendor sent it', () => {
    expect(describePhone(phone('Conference', null))).toBe('Conference');
  });

  it('says it is unknown before RingCentral reported anything', () => {
    expect(describePhone(phone(null, null))).toBe('Unknown');
  });
});
