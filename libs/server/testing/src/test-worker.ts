import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AgentsWorkerModule } from '@ccp/server-agents';
import { ConversationsWorkerModule } from '@ccp/server-conversations';
import { CrmWorkerModule } from '@ccp/server-crm';
import { WorkerPlatformModule, type AppConfig } from '@ccp/server-platform';
import { WebhooksWorkerModule } from '@ccp/server-webhooks';

/**
 * The worker process's module graph, in-process, so a test can stop and restart it. It mirrors
 * apps/worker's WorkerModule, which an api test may not import; the worker refuses to start if a
 * job's handler is missing, so the two cannot silently drift apart.
 */
export function startTestWorker(config: AppConfig): Promise<INestApplicationContext> {
  class TestWorker {}
  return NestFactory.createApplicationContext(
    {
      module: TestWorker,
      imports: [
        WorkerPlatformModule.forRoot(config),
        WebhooksWorkerModule,
        AgentsWorkerModule,
        ConversationsWorkerModule,
        CrmWorkerModule,
      ],
    },
    { logger: false },
  );
}
