import { Injectable } from '@nestjs/common';
import { InboxService } from '../inbox/inbox.service';
import { parseRingCentralNotification, ringCentralEventKey } from '../parsing';

/** A party of a call as stored, which RingCentral no longer has. */
export interface VanishedParty {
  partyId: string;
  extensionId: string | null;
  direction: string;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
}

const RECONCILIATION_SUBSCRIPTION = 'ccp-reconciliation';

/**
 * Tells the platform what a lost RingCentral notification would have: that a call's remaining
 * parties are gone. The notification is written in RingCentral's format into the inbox, so it
 * takes the path of every other webhook (stored, queued, ordered by sequence, applied to the
 * call, its agents' presence and its call-log fetch), and its key is the one RingCentral's own
 * would have had, so asking twice stores it once.
 */
@Injectable()
export class RingCentralCallReconciliation {
  constructor(private readonly inbox: InboxService) {}

  async sessionEnded(
    telephonySessionId: string,
    sequence: number,
    parties: readonly VanishedParty[],
    /** When the call ended, as far as it is known. */
    endedAt: Date,
  ): Promise<void> {
    const body = {
      uuid: `${RECONCILIATION_SUBSCRIPTION}:${telephonySessionId}:${sequence}`,
      event: '/restapi/v1.0/account/~/telephony/sessions',
      timestamp: new Date().toISOString(),
      subscriptionId: RECONCILIATION_SUBSCRIPTION,
      body: {
        sequence,
        // Not stored with the call, and not used: the call is known by its telephony session.
        sessionId: telephonySessionId,
        telephonySessionId,
        eventTime: endedAt.toISOString(),
        origin: { type: 'Call' },
        parties: parties.map((party) => ({
          id: party.partyId,
          ...(party.extensionId === null ? {} : { extensionId: party.extensionId }),
          direction: party.direction,
          from: { phoneNumber: party.fromNumber ?? undefined, name: party.fromName ?? undefined },
          to: { phoneNumber: party.toNumber ?? undefined, name: party.toName ?? undefined },
          status: {
            code: 'Disconnected',
            reason: 'SessionGone',
            description: 'The Call Control API no longer has the session; its end was never notified',
          },
          missedCall: false,
        })),
      },
    };
    const notification = parseRingCentralNotification(body);
    await this.inbox.accept({
      vendor: 'ringcentral',
      eventKey: ringCentralEventKey(notification),
      type: notification.kind,
      status: 'received',
      rawBody: JSON.stringify(body),
    });
  }
}
