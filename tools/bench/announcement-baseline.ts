import type { RealtimeEvent } from '@ccp/contracts';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { percentilesOf, type LatencyPercentiles } from './load-result';

export interface AnnouncementResult {
  announcements: number;
  recipients: number;
  delivered: number;
  /** Receive time on each socket minus the time the POST was sent. */
  latencyMs: LatencyPercentiles;
}

export interface AnnouncementLoad {
  baseUrl: string;
  /** A supervisor's token: only supervisors and admins may announce. */
  token: string;
  count: number;
  /** Sockets that must each receive every announcement. */
  recipients: number;
}

/** A socket that has not got an announcement by then is counted as missing it. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * The transport baseline: `POST /api/announcements` stores the event and publishes it through
 * Redis, and the api emits it to every socket, with no queue, worker or presence logic on the way.
 * One at a time, each once the previous has reached every socket (or timed out), after one that
 * warms the path up and is not counted.
 */
export class AnnouncementBaseline {
  private readonly sentAtByText = new Map<string, number>();
  private latenciesMs: number[] = [];

  readonly announcement = (event: RealtimeEvent<'announcement:created'>, receivedAt: number): void => {
    const sentAt = this.sentAtByText.get(event.data.text);
    // Someone else's announcement, on an installation the bench does not own.
    if (sentAt !== undefined) this.latenciesMs.push(receivedAt - sentAt);
  };

  async measure(load: AnnouncementLoad): Promise<AnnouncementResult> {
    await this.announce(load, 'warm-up');
    // Forgotten, so a straggler of the warm-up is not counted either.
    this.sentAtByText.clear();
    this.latenciesMs = [];
    for (let number = 1; number <= load.count; number++) {
      await this.announce(load, `${number} of ${load.count}`);
    }
    return {
      announcements: load.count,
      recipients: load.recipients,
      delivered: this.latenciesMs.length,
      latencyMs: percentilesOf(this.latenciesMs),
    };
  }

  private async announce({ baseUrl, token, recipients }: AnnouncementLoad, label: string): Promise<void> {
    const text = `bench:realtime announcement ${label} (${randomUUID()})`;
    const expected = this.latenciesMs.length + recipients;
    this.sentAtByText.set(text, performance.now());
    const response = await fetch(`${baseUrl}/api/announcements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    if (response.status !== 201) {
      throw new Error(`POST /api/announcements answered ${response.status}: ${await response.text()}`);
    }
    const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
    while (this.latenciesMs.length < expected && performance.now() < deadline) await delay(5);
  }
}
