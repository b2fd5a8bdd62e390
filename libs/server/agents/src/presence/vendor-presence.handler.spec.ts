import { describe, expect, it } from 'vitest';
import { telephonyStatusOfLeg } from './vendor-presence.handler';

describe('telephonyStatusOfLeg', () => {
  it('rings on an inbound leg being set up, and is busy dialling out', () => {
    expect(telephonyStatusOfLeg('Proceeding', 'Inbound')).toBe('Ringing');
    expect(telephonyStatusOfLeg('Setup', 'Outbound')).toBe('CallConnected');
  });

  it('follows the call through answer and hold', () => {
    expect(telephonyStatusOfLeg('Answered', 'Inbound')).toBe('CallConnected');
    expect(telephonyStatusOfLeg('Hold', 'Inbound')).toBe('OnHold');
  });

  it('ends the leg on disconnect, transfer away or voicemail, and on codes it does not know', () => {
    for (const code of ['Disconnected', 'Gone', 'VoiceMail', 'SomethingNew']) {
      expect(telephonyStatusOfLeg(code, 'Inbound')).toBeNull();
    }
  });
});
