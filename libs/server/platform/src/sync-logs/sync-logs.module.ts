import { Global, Module } from '@nestjs/common';
import { SyncLogsRepository } from './sync-logs.repository';

/** Every process records its steps; global so features need not import it one by one. */
@Global()
@Module({ providers: [SyncLogsRepository], exports: [SyncLogsRepository] })
export class SyncLogsModule {}
