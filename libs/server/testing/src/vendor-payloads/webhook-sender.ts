import type { WebhookDelivery, WebhookVendor } from './webhook-delivery';

/**
 * How long each vendor waits for the 200 before it counts the delivery as failed and retries
 * (vendor-webhooks.md §1.4 and §2.7), so a slow answer fails here as it would in production.
 */
const VENDOR_TIMEOUT_MS: Record<WebhookVendor, number> = { livechat: 10_000, ringcentral: 3_000 };

/** POSTs one delivery to the platform at `baseUrl` (e.g. `http://localhost:3000`). */
export function deliver(baseUrl: string, delivery: WebhookDelivery): Promise<Response> {
  return fetch(`${baseUrl.replace(/\/+$/, '')}${delivery.path}`, {
    method: 'POST',
    headers: delivery.headers,
    body: JSON.stringify(delivery.body),
    signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS[delivery.vendor]),
  });
}

/** An answer (any status), or the error that kept the delivery from getting one (refused, timed out). */
export type DeliveryResult =
  | { delivery: WebhookDelivery; status: number; responseBody: string }
  | { delivery: WebhookDelivery; error: Error };

export interface DeliverAllOptions {
  /** Requests in flight at once. 1 (the default) sends in list order, each after the previous answer. */
  concurrency?: number;
  /** Called as each delivery settles, with how many have settled so far (for a progress line). */
  onSettled?: (result: DeliveryResult, settledCount: number) => void;
}

async function settle(baseUrl: string, delivery: WebhookDelivery): Promise<DeliveryResult> {
  try {
    const response = await deliver(baseUrl, delivery);
    return { delivery, status: response.status, responseBody: await response.text() };
  } catch (error) {
    return { delivery, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Sends every delivery and never throws; the results are in the order of `deliveries`. */
export async function deliverAll(
  baseUrl: string,
  deliveries: readonly WebhookDelivery[],
  { concurrency = 1, onSettled }: DeliverAllOptions = {},
): Promise<DeliveryResult[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const results: DeliveryResult[] = [];
  let nextIndex = 0;
  let settledCount = 0;
  const sendNext = async (): Promise<void> => {
    while (nextIndex < deliveries.length) {
      const index = nextIndex++;
      const result = await settle(baseUrl, deliveries[index] as WebhookDelivery);
      results[index] = result;
      onSettled?.(result, ++settledCount);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, sendNext));
  return results;
}
