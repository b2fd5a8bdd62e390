import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port';
import { waitFor } from '../wait-for';
import { liveChatDelivery, ringCentralDelivery, type WebhookDelivery } from './webhook-delivery';
import { deliver, deliverAll } from './webhook-sender';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

describe('deliver and deliverAll', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const held: (() => void)[] = [];
  const HELD_AT = 4;

  beforeAll(async () => {
    server = createServer((request, response) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        received.push({ path: request.url ?? '', headers: request.headers, body });
        const answer = () => {
          inFlight--;
          response.writeHead(body['fail'] ? 503 : 200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: !body['fail'] }));
        };
        if (!body['hold']) return answer();
        // Held answers go out newest first once HELD_AT are waiting: later deliveries settle first.
        held.push(answer);
        if (held.length === HELD_AT) held.pop()?.();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body as JSON to the path, with the vendor headers', async () => {
    const response = await deliver(baseUrl, ringCentralDelivery({ uuid: '1' }, 'the-token'));
    expect(response.status).toBe(200);
    expect(received.at(-1)).toMatchObject({
      path: '/webhooks/ringcentral',
      headers: { 'verification-token': 'the-token', 'content-type': 'application/json; charset=UTF-8' },
      body: { uuid: '1' },
    });
  });

  it('keeps at most `concurrency` requests in flight and returns results in delivery order', async () => {
    mostInFlight = 0;
    const before = received.length;
    const deliveries: WebhookDelivery[] = Array.from({ length: 30 }, (_, index) =>
      liveChatDelivery({ index, hold: true }),
    );
    const settledIndexes: number[] = [];
    const settledCounts: number[] = [];
    const delivering = deliverAll(baseUrl, deliveries, {
      concurrency: HELD_AT,
      onSettled: (result, count) => {
        settledIndexes.push(deliveries.indexOf(result.delivery));
        settledCounts.push(count);
      },
    });
    await waitFor('every delivery to reach the server', () => received.length - before === deliveries.length);
    // The oldest few are still waiting: answer them last, newest first.
    while (held.length > 0) held.pop()?.();
    const results = await delivering;
    expect(mostInFlight).toBe(4);
    expect(settledIndexes).not.toEqual([...settledIndexes].sort((a, b) => a - b));
    expect(results.map((result) => result.delivery)).toEqual(deliveries);
    expect(results.every((result) => 'status' in result && result.status === 200)).toBe(true);
    expect(settledCounts).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });

  it('sends one at a time by default, in order', async () => {
    mostInFlight = 0;
    const before = received.length;
    await deliverAll(baseUrl, [
      liveChatDelivery({ n: 1 }),
      liveChatDelivery({ n: 2 }),
      liveChatDelivery({ n: 3 }),
    ]);
    expect(mostInFlight).toBe(1);
    expect(received.slice(before).map((request) => request.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('reports error statuses and unreachable targets as results instead of throwing', async () => {
    const delivery = liveChatDelivery({});
    const [failed] = await deliverAll(baseUrl, [liveChatDelivery({ fail: true })]);
    expect(failed).toMatchObject({ status: 503, responseBody: '{"ok":false}' });
    const [refused] = await deliverAll(`http://127.0.0.1:${await freePort()}`, [delivery]);
    expect(refused && 'error' in refused ? refused.error : undefined).toBeInstanceOf(Error);
    await expect(deliverAll(baseUrl, [delivery], { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
