import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { resolve } from 'node:path';
import { AuthService } from '../auth/auth.service';
import type { AppConfig } from '../config/app-config';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { createValidationPipe } from '../errors/validation.pipe';
import { requestIdOf } from '../logging/logging.module';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue } from '../queue/job-queue.service';
import { consoleIndexExists } from './console.module';
import { parseJsonBody } from './json-body.parser';
import { registerQueueDashboard } from './queue-dashboard';
import { addSecurityHeaders } from './security-headers';
import { RealtimeIoAdapter } from './realtime-io.adapter';

type RootModule = Parameters<typeof NestFactory.create>[0];

function buildOpenApiDocument(app: NestFastifyApplication) {
  const document = new DocumentBuilder()
    .setTitle('Contact Center Platform API')
    .setDescription(
      'REST API of the contact-center platform. Authenticate with `Authorization: Bearer <JWT from POST /api/auth/login>` ' +
        'or an API key (`Authorization: Bearer ccp_...` or `X-API-Key`). Errors are always ' +
        '`{ statusCode, code, message, details? }`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, document);
}

/**
 * Builds the HTTP application around a root module: Fastify with the configured body limit,
 * request ids, helmet, CORS, one error shape, validation, OpenAPI, Socket.IO, the queue
 * dashboard and the built console. Used by the api's main and by the integration tests alike.
 */
export async function createApiApplication(
  rootModule: RootModule,
  config: AppConfig,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: requestIdOf,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Vendor webhooks keep the exact bytes they were sent, for inspection and replay.
    rawBody: true,
  });
  app.useBodyParser('application/json', { bodyLimit: config.BODY_LIMIT_BYTES }, parseJsonBody);
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  addSecurityHeaders(fastify);
  if (config.CORS_ORIGINS.length > 0) app.enableCors({ origin: config.CORS_ORIGINS, credentials: true });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config));
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await registerQueueDashboard(fastify, app.get(JobQueue), app.get(AuthService));

  const consoleDirectory = resolve(config.CONSOLE_DIST_DIR);
  if (consoleIndexExists(consoleDirectory)) {
    // Hashed asset files only; index.html is served by ConsoleController for every client route.
    await app.register(fastifyStatic, { root: consoleDirectory, wildcard: false, index: false, prefix: '/' });
  }
  return app;
}
