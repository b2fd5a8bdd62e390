/**
 * A webhook body that is not what the vendor documents: not an envelope, or a handled action whose
 * payload misses a field (or has it with the wrong type). `reason` names the field and the problem
 * and never contains payload values, so it is safe to log and to store as `lastError`.
 */
export class InvalidWebhookError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid webhook: ${reason}`);
    this.name = 'InvalidWebhookError';
  }
}
