import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type EntityList = NonNullable<DataSourceOptions['entities']>;
type MigrationList = (new () => MigrationInterface)[];

export interface DataSourceInputs {
  url: string;
  poolSize: number;
  entities: EntityList;
  migrations: MigrationList;
  applicationName: string;
}

/** The one definition of how the platform talks to PostgreSQL; used by the apps, the CLI and tests. */
export function buildDataSourceOptions(inputs: DataSourceInputs): DataSourceOptions {
  return {
    type: 'postgres',
    url: inputs.url,
    entities: inputs.entities,
    migrations: inputs.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    extra: {
      max: inputs.poolSize,
      application_name: inputs.applicationName,
      // A query that cannot get a connection fails fast instead of hanging a request.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
    },
  };
}
