import { UNIFIED_STATUSES, type UnifiedStatus } from '@ccp/contracts';

import { STATUS_LABELS } from '../shared/agent-status/agent-status.labels';

/**
 * What an agent can pick for themself: a status, or "automatic" to hand it back to the vendors (`null`
 * on the wire). A string rather than null, because a select treats a null option as "nothing chosen".
 */
export type StatusChoice = UnifiedStatus | 'automatic';

export const STATUS_CHOICES: readonly { readonly value: StatusChoice; readonly label: string }[] = [
  ...UNIFIED_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
  { value: 'automatic', label: 'Automatic' },
];

export function choiceOf(manualStatus: UnifiedStatus | null): StatusChoice {
  return manualStatus ?? 'automatic';
}

export function manualStatusOf(choice: StatusChoice): UnifiedStatus | null {
  return choice === 'automatic' ? null : choice;
}
