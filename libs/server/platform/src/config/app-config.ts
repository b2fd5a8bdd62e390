import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

/**
 * Every setting the platform reads, validated once at boot. Property names are the environment
 * variable names so an error message points straight at the variable to fix.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL printed in logs; defaults to http://localhost:PORT. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'] })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/contact_center';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  DATABASE_POOL_SIZE = 10;

  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'] })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key and channel, so several installations (or test runs) share one Redis. */
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  REDIS_PREFIX = 'ccp';

  /** Required in production; a development default keeps `npm start` a two-command affair. */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 12 * 60 * 60;

  /** Comma-separated list of allowed browser origins for CORS; empty means same-origin only. */
  @Transform(splitList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` needs the pino-pretty dev dependency; production images log JSON. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /** Bearer token that lets a Prometheus scraper read /metrics without a user account. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Upper bound for adding a job to Redis; a request never waits longer on the queue. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  QUEUE_ADD_TIMEOUT_MS = 250;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  EVENT_LOG_RETENTION_DAYS = 7;

  /** Processed, ignored and invalid webhooks with their raw bodies; dead and failed ones stay. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOK_EVENT_RETENTION_DAYS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SYNC_LOG_RETENTION_DAYS = 30;

  /**
   * How long a worker holds a job without renewing its lock. Shorter recovers a crashed worker's
   * jobs sooner; it must stay well above the event loop's worst pause, or live jobs run twice.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  JOB_LOCK_DURATION_MS = 30_000;

  /** First retry delay of a failed webhook; later retries back off exponentially from it. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_DELAY_MS = 1_000;

  /** How long in-flight requests and jobs may take to finish after SIGTERM. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  /**
   * Secrets LiveChat echoes in every webhook body (`secret_key`); several may be active while a
   * registration is rotated. Required in production; development uses the simulator's secret.
   */
  @Transform(splitList)
  @ValidateIf(
    (config: AppConfig) => config.NODE_ENV === 'production' || config.LIVECHAT_WEBHOOK_SECRETS !== undefined,
  )
  @IsString({ each: true })
  @MinLength(8, { each: true })
  LIVECHAT_WEBHOOK_SECRETS?: string[];

  /** The `Verification-Token` RingCentral sends on every notification. Required in production. */
  @ValidateIf(
    (config: AppConfig) =>
      config.NODE_ENV === 'production' || config.RINGCENTRAL_VERIFICATION_TOKEN !== undefined,
  )
  @IsString()
  @MinLength(8)
  RINGCENTRAL_VERIFICATION_TOKEN?: string;

  /** Base URL of the LiveChat APIs the platform calls (Agent Chat API, Configuration API). */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  LIVECHAT_API_URL = 'https://api.livechatinc.com';

  /** Personal access token (`<account id>:<token>`); without it LiveChat calls are logged as skipped. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  LIVECHAT_ACCESS_TOKEN?: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  RINGCENTRAL_SERVER_URL = 'https://platform.ringcentral.com';

  /** OAuth app credentials and the JWT used for the JWT-bearer grant; all three or RingCentral calls are skipped. */
  @IsOptional()
  @IsString()
  RINGCENTRAL_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  RINGCENTRAL_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  RINGCENTRAL_JWT?: string;

  /** Region for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  @IsString()
  @Matches(/^[A-Z]{2}$/, {
    message: 'DEFAULT_PHONE_COUNTRY must be a two-letter ISO country code such as US',
  })
  DEFAULT_PHONE_COUNTRY = 'US';

  /** RingCentral needs 15–30 s after a call ends before the call log has it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  CALL_LOG_FETCH_DELAY_MS = 45_000;

  /**
   * A call without a notification for this long is looked up in RingCentral's Call Control API,
   * and ended if RingCentral no longer has it: its last notification was lost (RingCentral does
   * not say whether it redelivers). Again after as long while it is still going.
   */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  CALL_RECONCILE_AFTER_MS = 15 * 60_000;

  /** Folder with the built console; the api serves it at `/` when it exists. */
  @IsString()
  CONSOLE_DIST_DIR = 'dist/console/browser';
}

const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';

export function jwtSecretOf(config: AppConfig): string {
  return config.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
}

/** Outside production the simulator's demo secrets work out of the box. */
export function livechatWebhookSecretsOf(config: AppConfig): string[] {
  return (
    config.LIVECHAT_WEBHOOK_SECRETS ?? (config.NODE_ENV === 'production' ? [] : ['demo-livechat-secret'])
  );
}

export function ringcentralVerificationTokenOf(config: AppConfig): string | undefined {
  return (
    config.RINGCENTRAL_VERIFICATION_TOKEN ??
    (config.NODE_ENV === 'production' ? undefined : 'demo-ringcentral-token')
  );
}

export function publicUrlOf(config: AppConfig): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
