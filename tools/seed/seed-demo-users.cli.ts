import 'reflect-metadata';
import { DEMO_PASSWORD, DEMO_USERS, readConfigFromEnvironment, seedDemoUsers } from '@ccp/server-platform';

async function main(): Promise<void> {
  const created = await seedDemoUsers(readConfigFromEnvironment());
  if (created > 0) {
    console.log(
      `Created demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((user) => user.email).join(', ')}`,
    );
  } else {
    console.log('Users already exist; demo users not seeded.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
