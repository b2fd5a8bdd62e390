import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '@ccp/contracts';
import { PasswordHasher } from './password.hasher';
import { UsersRepository } from './users.repository';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; team: string | null }> = [
  { email: 'admin@demo.local', name: 'Ada Admin', role: 'admin', team: null },
  { email: 'supervisor@demo.local', name: 'Sam Supervisor', role: 'supervisor', team: 'support' },
  { email: 'agent@demo.local', name: 'Alex Agent', role: 'agent', team: 'support' },
];

/**
 * Creates the demo accounts on a fresh installation only: once anyone exists, an operator owns the
 * user list and deleted demo accounts stay deleted.
 */
@Injectable()
export class DemoUsersSeeder {
  private readonly logger = new Logger(DemoUsersSeeder.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async seedIfEmpty(): Promise<number> {
    if ((await this.users.count()) > 0) return 0;
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    let created = 0;
    for (const user of DEMO_USERS) {
      if (await this.users.insertIfAbsent({ ...user, passwordHash })) created += 1;
    }
    this.logger.log(`created ${created} demo users (password ${DEMO_PASSWORD})`);
    return created;
  }
}
