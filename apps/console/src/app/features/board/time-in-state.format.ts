/**
 * How long an agent has been in their status, to the second while that still matters ("3m 12s") and
 * coarser after ("2h 5m", "1d 3h"). A `since` ahead of this browser's clock reads as "0s".
 */
export function formatTimeInState(since: string, now: number): string {
  const started = Date.parse(since);
  if (Number.isNaN(started)) {
    return '';
  }
  const seconds = Math.max(0, Math.floor((now - started) / 1000));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${seconds % 60}s`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours}h ${minutes % 60}m`;
  }
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
