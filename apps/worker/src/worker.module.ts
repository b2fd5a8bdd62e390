import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsWorkerModule } from '@ccp/server-agents';
import { ConversationsWorkerModule } from '@ccp/server-conversations';
import { CrmWorkerModule } from '@ccp/server-crm';
import { WorkerPlatformModule, type AppConfig } from '@ccp/server-platform';
import { WebhooksWorkerModule } from '@ccp/server-webhooks';

/** Composition root of the job-processing process: no HTTP, only queue processors. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        WorkerPlatformModule.forRoot(config),
        WebhooksWorkerModule,
        AgentsWorkerModule,
        ConversationsWorkerModule,
        CrmWorkerModule,
      ],
    };
  }
}
