export type DependencyStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  info: Record<string, { status: DependencyStatus; message?: string }>;
  error: Record<string, { status: DependencyStatus; message?: string }>;
}
