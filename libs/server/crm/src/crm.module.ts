import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule, ConversationsWorkerModule } from '@ccp/server-conversations';
import { CustomerQueries } from './api/customer-queries';
import { CustomersController } from './api/customers.controller';
import { CustomerEntity } from './customers/customer.entity';
import { CustomerEventsHandler } from './customers/customer-events.handler';
import { CustomerIdentityEntity } from './identities/customer-identity.entity';
import { CustomerMatcher } from './identities/customer-matcher';

export const CRM_ENTITIES = [CustomerEntity, CustomerIdentityEntity];

@Module({
  imports: [TypeOrmModule.forFeature(CRM_ENTITIES), ConversationsModule],
  controllers: [CustomersController],
  providers: [CustomerQueries],
})
export class CrmModule {}

@Module({
  imports: [TypeOrmModule.forFeature(CRM_ENTITIES), ConversationsWorkerModule],
  providers: [CustomerMatcher, CustomerEventsHandler],
})
export class CrmWorkerModule {}
