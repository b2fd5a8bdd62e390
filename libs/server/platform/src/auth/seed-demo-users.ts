import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { PlatformCoreModule } from '../platform.modules';
import { DemoUsersSeeder } from './demo-users.seeder';

/** Creates the demo accounts on a fresh database; used by `npm start`. Returns how many were created. */
export async function seedDemoUsers(config: AppConfig): Promise<number> {
  const context = await NestFactory.createApplicationContext(PlatformCoreModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await context.get(DemoUsersSeeder).seedIfEmpty();
  } finally {
    await context.close();
  }
}
