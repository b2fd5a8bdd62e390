import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AgentsModule, DemoAgentSeeder } from '@ccp/server-agents';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DemoUsersSeeder,
  PlatformCoreModule,
  readConfigFromEnvironment,
} from '@ccp/server-platform';

/** Demo accounts on a fresh database, and the demo agent the simulator's webhooks belong to. */
async function main(): Promise<void> {
  class SeedModule {}
  const context = await NestFactory.createApplicationContext(
    { module: SeedModule, imports: [PlatformCoreModule.forRoot(readConfigFromEnvironment()), AgentsModule] },
    { logger: ['error', 'warn'] },
  );
  try {
    const created = await context.get(DemoUsersSeeder).seedIfEmpty();
    if (created === 0) {
      console.log('Users already exist; demo users not seeded.');
      return;
    }
    await context.get(DemoAgentSeeder).seed();
    console.log(
      `Created demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((user) => user.email).join(', ')}; ` +
        'agent@demo.local is the agent of `npm run simulate`.',
    );
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
