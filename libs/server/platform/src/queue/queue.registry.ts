import type { JobsOptions, RepeatOptions } from 'bullmq';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import type { AppConfig } from '../config/app-config';

/**
 * The single list of queues, jobs, payloads, job ids and retry options. A job exists only if it is
 * here; the worker refuses to start unless every job below has exactly one handler.
 */
export const QUEUE_NAMES = ['maintenance', 'webhooks', 'integrations'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Jobs each worker process runs at once, per queue. A webhook job spends most of its time waiting
 * for the database, and the processor commits the jobs that run at once together (group commit),
 * so more of them at once means larger groups, not more connections.
 */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = { maintenance: 8, webhooks: 32, integrations: 8 };

/** Delete what is older than this many days (a retention job). */
export class RetentionPayload {
  @IsInt()
  @Min(1)
  olderThanDays!: number;
}

/** A stored vendor webhook to process; everything else is read from the inbox row. */
export class ProcessWebhookPayload {
  @IsUUID()
  eventId!: string;

  @IsString()
  @MaxLength(300)
  eventKey!: string;
}

/** After a call's final Disconnected: read its RingCentral call-log record (result, recording). */
export class FetchCallLogPayload {
  @IsUUID()
  conversationId!: string;

  @IsString()
  @MaxLength(200)
  telephonySessionId!: string;
}

/**
 * Redo what is overdue by more than graceMs: its delayed job was lost (Redis down when it was due
 * to be added, or restarted without persistence). PostgreSQL knows what is due; Redis only when.
 */
export class SweepOverduePayload {
  @IsInt()
  @Min(0)
  graceMs!: number;
}

/** A RingCentral subscription-expiry reminder arrived: renew that subscription. */
export class RenewSubscriptionPayload {
  @IsString()
  @MaxLength(200)
  subscriptionId!: string;
}

/** Push an agent's LiveChat routing status (our own change; its webhook comes back as an echo). */
export class PushChatStatusPayload {
  @IsUUID()
  agentId!: string;

  @IsIn(['accepting_chats', 'not_accepting_chats', 'offline'])
  status!: 'accepting_chats' | 'not_accepting_chats' | 'offline';
}

/** Push an agent's RingCentral presence (DND and/or user status). */
export class PushPhoneStatusPayload {
  @IsUUID()
  agentId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  dndStatus?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  userStatus?: string;
}

/** The wrap-up after an agent's call is over: offer chats again if the phone is still free. */
export class RestoreAfterCallPayload {
  @IsUUID()
  agentId!: string;
}

export interface JobPayloads {
  'maintenance.trim-event-log': RetentionPayload;
  'maintenance.trim-webhook-events': RetentionPayload;
  'maintenance.trim-sync-logs': RetentionPayload;
  'webhooks.process': ProcessWebhookPayload;
  'calls.fetch-call-log': FetchCallLogPayload;
  'calls.sweep-call-log-fetches': SweepOverduePayload;
  'calls.sweep-silent-calls': SweepOverduePayload;
  'ringcentral.renew-subscription': RenewSubscriptionPayload;
  'presence.push-chat-status': PushChatStatusPayload;
  'presence.push-phone-status': PushPhoneStatusPayload;
  'presence.restore-after-call': RestoreAfterCallPayload;
  'presence.sweep-overdue-wrap-ups': SweepOverduePayload;
  'presence.sweep-unsent-pushes': SweepOverduePayload;
}

export type JobName = keyof JobPayloads;

export type JobRetryOptions = Pick<JobsOptions, 'attempts' | 'backoff'>;

export interface JobDefinition<N extends JobName> {
  queue: QueueName;
  /** Validated before the handler runs: stored payloads are input like any other. */
  payload: new () => JobPayloads[N];
  /** A deterministic id makes adding the same logical job twice a no-op. */
  jobId?: (payload: JobPayloads[N]) => string;
  /** Retry policy; a function when it depends on configuration. */
  options: JobRetryOptions | ((config: AppConfig) => JobRetryOptions);
  /** Present for jobs the worker schedules itself. */
  schedule?: {
    repeat: Pick<RepeatOptions, 'pattern' | 'every'>;
    payload: (config: AppConfig) => JobPayloads[N];
  };
}

/** After this many failed attempts a stored webhook is marked dead (and can be replayed by an admin). */
export const WEBHOOK_PROCESS_ATTEMPTS = 6;

const exponentialRetry = (attempts: number, delay: number): JobRetryOptions => ({
  attempts,
  // BullMQ applies ±jitter so retries of many jobs do not stampede together.
  backoff: { type: 'exponential', delay, jitter: 0.5 },
});

type RetentionJob =
  'maintenance.trim-event-log' | 'maintenance.trim-webhook-events' | 'maintenance.trim-sync-logs';

/** A retention job, hourly at its own minute so the trims do not run all at once. */
function hourlyRetention(minute: number, daysOf: (config: AppConfig) => number) {
  return {
    queue: 'maintenance',
    payload: RetentionPayload,
    options: exponentialRetry(5, 5_000),
    schedule: {
      repeat: { pattern: `${minute} * * * *` },
      payload: (config: AppConfig) => ({ olderThanDays: daysOf(config) }),
    },
  } satisfies JobDefinition<RetentionJob>;
}

/** A sweep for work whose delayed job was lost, once a minute. */
const everyMinuteOverdueSweep = {
  queue: 'maintenance',
  payload: SweepOverduePayload,
  options: exponentialRetry(3, 5_000),
  schedule: {
    repeat: { every: 60_000 },
    // Work that is running or about to retry is not overdue yet: leave it a minute.
    payload: () => ({ graceMs: 60_000 }),
  },
} satisfies JobDefinition<
  | 'calls.sweep-call-log-fetches'
  | 'calls.sweep-silent-calls'
  | 'presence.sweep-overdue-wrap-ups'
  | 'presence.sweep-unsent-pushes'
>;

export const JOBS: { [N in JobName]: JobDefinition<N> } = {
  'maintenance.trim-event-log': hourlyRetention(17, (config) => config.EVENT_LOG_RETENTION_DAYS),
  'maintenance.trim-webhook-events': hourlyRetention(27, (config) => config.WEBHOOK_EVENT_RETENTION_DAYS),
  'maintenance.trim-sync-logs': hourlyRetention(37, (config) => config.SYNC_LOG_RETENTION_DAYS),
  'webhooks.process': {
    queue: 'webhooks',
    payload: ProcessWebhookPayload,
    // The event key: a redelivered webhook that slipped past the inbox still runs once.
    jobId: (payload) => jobIdOfEventKey(payload.eventKey),
    options: (config) => exponentialRetry(WEBHOOK_PROCESS_ATTEMPTS, config.WEBHOOK_RETRY_DELAY_MS),
  },
  'calls.fetch-call-log': {
    queue: 'integrations',
    payload: FetchCallLogPayload,
    jobId: (payload) => `call-log/${payload.conversationId}`,
    // The record may take a while to appear in the call log, so retries wait longer.
    options: exponentialRetry(6, 30_000),
  },
  'calls.sweep-call-log-fetches': everyMinuteOverdueSweep,
  'calls.sweep-silent-calls': everyMinuteOverdueSweep,
  'ringcentral.renew-subscription': {
    queue: 'integrations',
    payload: RenewSubscriptionPayload,
    options: exponentialRetry(5, 10_000),
  },
  'presence.push-chat-status': {
    queue: 'integrations',
    payload: PushChatStatusPayload,
    options: exponentialRetry(5, 1_000),
  },
  'presence.push-phone-status': {
    queue: 'integrations',
    payload: PushPhoneStatusPayload,
    options: exponentialRetry(5, 1_000),
  },
  'presence.restore-after-call': {
    queue: 'integrations',
    payload: RestoreAfterCallPayload,
    options: exponentialRetry(5, 1_000),
  },
  'presence.sweep-overdue-wrap-ups': everyMinuteOverdueSweep,
  'presence.sweep-unsent-pushes': everyMinuteOverdueSweep,
};

/** BullMQ reserves ':' in job ids; event keys use it as a separator. */
export function jobIdOfEventKey(eventKey: string): string {
  return eventKey.replaceAll(':', '/');
}

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function retryOptionsOf(name: JobName, config: AppConfig): JobRetryOptions {
  const { options } = JOBS[name];
  return typeof options === 'function' ? options(config) : options;
}

/** Finished jobs are trimmed so Redis memory stays flat; PostgreSQL keeps the history that matters. */
export const RETENTION = {
  removeOnComplete: { age: 60 * 60, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60, count: 5_000 },
} as const;

export interface NewJobOptions {
  delayMs?: number;
  /** Defaults to the registry's id for the payload, if it has one. */
  jobId?: string;
}

/** What BullMQ is given for a job: its retry policy, retention, id and delay. */
export function jobOptionsOf<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  config: AppConfig,
  { delayMs, jobId = JOBS[name].jobId?.(payload) }: NewJobOptions = {},
): JobsOptions {
  return {
    ...retryOptionsOf(name, config),
    ...RETENTION,
    ...(jobId ? { jobId } : {}),
    ...(delayMs ? { delay: delayMs } : {}),
  };
}
