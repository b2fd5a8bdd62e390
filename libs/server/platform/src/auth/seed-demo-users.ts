import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { AuthCoreModule } from './auth.module';
import { DemoUsersSeeder } from './demo-users.seeder';

@Module({ imports: [DatabaseModule, AuthCoreModule] })
class DemoSeedModule {}

/** Creates the demo accounts on a fresh database; used by `npm start`. Returns how many were created. */
export async function seedDemoUsers(config: AppConfig): Promise<number> {
  const context = await NestFactory.createApplicationContext(
    { module: DemoSeedModule, imports: [ConfigModule.forRoot(config)] },
    { logger: ['error', 'warn'] },
  );
  try {
    return await context.get(DemoUsersSeeder).seedIfEmpty();
  } finally {
    await context.close();
  }
}
