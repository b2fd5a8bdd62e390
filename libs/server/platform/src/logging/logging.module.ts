import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';

/** Anything that can carry a credential. pino replaces these values before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["verification-token"]',
  'req.headers["validation-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret_key',
  '*.accessToken',
  '*.token',
];

const QUIET_ROUTES = ['/health', '/metrics'];

export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          // Fastify already assigned the id (from X-Request-Id or a new UUID); reuse it so both agree.
          genReqId: (request: IncomingMessage & { id?: unknown }) =>
            typeof request.id === 'string' ? request.id : requestIdOf(request),
          autoLogging: { ignore: (request: IncomingMessage) => QUIET_ROUTES.includes(request.url ?? '') },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              url: request.url,
            }),
          },
          ...(config.LOG_FORMAT === 'pretty'
            ? {
                transport: {
                  target: 'pino-pretty',
                  options: { singleLine: true, translateTime: 'HH:MM:ss.l' },
                },
              }
            : {}),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
