import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { PLATFORM_ENTITIES } from './platform.entities';

/**
 * The application's connection pool. Domain modules register their entities with
 * TypeOrmModule.forFeature; migrations are run by `npm run migration:run` (and `npm start`), never here.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          entities: PLATFORM_ENTITIES,
          migrations: [],
          applicationName: 'contact-center',
        }),
        autoLoadEntities: true,
        // Boot fails fast with a clear error instead of retrying silently for minutes.
        retryAttempts: 3,
        retryDelay: 1_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
