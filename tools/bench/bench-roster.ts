import type { Role } from '@ccp/contracts';
import { randomInt } from 'node:crypto';
import { withClient } from './bench-database';

/** One seeded agent: the user whose socket receives its events, and its RingCentral extension. */
export interface BenchAgent {
  agentId: string;
  userId: string;
  name: string;
  extensionId: string;
}

export interface BenchUser {
  userId: string;
  name: string;
  role: Role;
}

export interface BenchRoster {
  agents: BenchAgent[];
  /** Sends the announcements (a supervisor's right); has no socket, so gets no status events. */
  supervisor: BenchUser;
}

/** Nobody signs in with a password: the bench signs its users' tokens itself. No argon2 hash matches it. */
const NO_PASSWORD = '!bench';

/**
 * N agent users and their mapped agents, inserted in three statements however large N is. Every
 * agent starts signed in with an idle phone (NoCall, sequence 0), so each presence webhook the
 * bench sends flips its unified status and yields exactly one `agent:status_changed`. No team:
 * the event reaches the `supervisors` room and its own user's room only. The emails and extension
 * ids carry a random run number, so a run against a shared installation collides with nothing.
 */
export async function seedRoster(databaseUrl: string, agentCount: number): Promise<BenchRoster> {
  const run = randomInt(10_000, 100_000);
  const seeds = Array.from({ length: agentCount }, (_, index) => ({
    name: `Bench Agent ${index + 1}`,
    email: `bench-${run}-agent-${index + 1}@bench.invalid`,
    // Eleven digits, like RingCentral's extension ids.
    extensionId: `${run}${String(index + 1).padStart(6, '0')}`,
  }));
  const supervisorName = 'Bench Supervisor';

  return withClient(databaseUrl, async (client) => {
    const users = await client.query<{ id: string; email: string }>(
      `INSERT INTO users (email, name, password_hash, role)
       SELECT email, name, $3, 'agent' FROM unnest($1::text[], $2::text[]) AS seeded(email, name)
       RETURNING id, email`,
      [seeds.map((seed) => seed.email), seeds.map((seed) => seed.name), NO_PASSWORD],
    );
    const userIdByEmail = new Map(users.rows.map((row) => [row.email, row.id]));
    const supervisor = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, 'supervisor') RETURNING id`,
      [`bench-${run}-supervisor@bench.invalid`, supervisorName, NO_PASSWORD],
    );
    const supervisorId = supervisor.rows[0]?.id;
    if (!supervisorId) throw new Error('the bench supervisor was not inserted');

    const agents = await client.query<{ id: string; user_id: string }>(
      `INSERT INTO agents (name, email, user_id, ringcentral_extension_id, mapped, status,
                           phone_presence_status, phone_user_status, phone_telephony_status,
                           phone_dnd_status, phone_sequence)
       SELECT name, email, user_id, extension_id, true, 'available',
              'Available', 'Available', 'NoCall', 'TakeAllCalls', 0
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[])
         AS seeded(name, email, user_id, extension_id)
       RETURNING id, user_id`,
      [
        seeds.map((seed) => seed.name),
        seeds.map((seed) => seed.email),
        seeds.map((seed) => userIdByEmail.get(seed.email)),
        seeds.map((seed) => seed.extensionId),
      ],
    );
    const agentIdByUserId = new Map(agents.rows.map((row) => [row.user_id, row.id]));
    return {
      agents: seeds.map(({ name, email, extensionId }): BenchAgent => {
        const userId = userIdByEmail.get(email);
        const agentId = userId === undefined ? undefined : agentIdByUserId.get(userId);
        if (userId === undefined || agentId === undefined) throw new Error(`${email} was not inserted`);
        return { agentId, userId, name, extensionId };
      }),
      supervisor: { userId: supervisorId, name: supervisorName, role: 'supervisor' },
    };
  });
}

/**
 * Takes the roster out of an installation the bench does not own (--target). What the run left
 * in the event log and the webhook inbox stays, as it would after any traffic.
 */
export async function removeRoster(databaseUrl: string, roster: BenchRoster): Promise<void> {
  const agentIds = roster.agents.map((agent) => agent.agentId);
  const userIds = [...roster.agents.map((agent) => agent.userId), roster.supervisor.userId];
  await withClient(databaseUrl, async (client) => {
    await client.query('DELETE FROM agent_status_intervals WHERE agent_id = ANY($1::uuid[])', [agentIds]);
    await client.query('DELETE FROM agents WHERE id = ANY($1::uuid[])', [agentIds]);
    await client.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [userIds]);
  });
}
