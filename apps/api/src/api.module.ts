import { Module, type DynamicModule } from '@nestjs/common';
import { AgentsApiModule } from '@ccp/server-agents';
import { AnalyticsModule } from '@ccp/server-analytics';
import { ConversationsModule } from '@ccp/server-conversations';
import { CrmModule } from '@ccp/server-crm';
import { ApiPlatformModule, type AppConfig } from '@ccp/server-platform';
import { WebhooksModule } from '@ccp/server-webhooks';

/** Composition root of the HTTP process. Domain modules are added here as they arrive. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApiPlatformModule.forRoot(config),
        WebhooksModule,
        AgentsApiModule,
        ConversationsModule,
        CrmModule,
        AnalyticsModule,
      ],
    };
  }
}
