import { describe, expect, it } from 'vitest';
import { deriveUnifiedStatus, type PresenceFacts } from './unified-status';

const idle: PresenceFacts = {
  manualStatus: null,
  chatStatus: 'accepting_chats',
  telephonyStatus: 'NoCall',
  presenceStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  openChats: 0,
  maxConcurrentChats: 3,
  wrappingUp: false,
};

describe('deriveUnifiedStatus', () => {
  it('is available when LiveChat offers chats and the phone is free', () => {
    expect(deriveUnifiedStatus(idle)).toEqual({ status: 'available', reason: null });
  });

  it.each([
    ['Ringing', 'ringing'],
    ['CallConnected', 'on_call'],
    ['OnHold', 'on_hold'],
  ])('is busy while the phone is %s', (telephonyStatus, reason) => {
    expect(deriveUnifiedStatus({ ...idle, telephonyStatus, chatStatus: 'not_accepting_chats' })).toEqual({
      status: 'busy',
      reason,
    });
  });

  it('is busy during wrap-up and at chat capacity', () => {
    expect(deriveUnifiedStatus({ ...idle, wrappingUp: true }).reason).toBe('wrap_up');
    expect(deriveUnifiedStatus({ ...idle, openChats: 3 })).toEqual({
      status: 'busy',
      reason: 'chats_at_capacity',
    });
  });

  it("puts the agent's own away or offline above everything else", () => {
    expect(deriveUnifiedStatus({ ...idle, manualStatus: 'away', telephonyStatus: 'CallConnected' })).toEqual({
      status: 'away',
      reason: 'manual',
    });
    expect(deriveUnifiedStatus({ ...idle, manualStatus: 'offline' }).status).toBe('offline');
  });

  it('lets a call outrank a manual "available"', () => {
    expect(
      deriveUnifiedStatus({ ...idle, manualStatus: 'available', telephonyStatus: 'Ringing' }).status,
    ).toBe('busy');
    expect(deriveUnifiedStatus({ ...idle, manualStatus: 'available', chatStatus: 'offline' })).toEqual({
      status: 'available',
      reason: 'manual',
    });
  });

  it('is away when not accepting chats, and offline when nothing is known', () => {
    expect(deriveUnifiedStatus({ ...idle, chatStatus: 'not_accepting_chats' }).status).toBe('away');
    const unknown = {
      ...idle,
      chatStatus: null,
      telephonyStatus: null,
      presenceStatus: null,
      dndStatus: null,
    };
    expect(deriveUnifiedStatus(unknown)).toEqual({ status: 'offline', reason: 'signed_out' });
  });
});
