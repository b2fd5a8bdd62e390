import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Agent, Page, UnifiedStatus } from '@ccp/contracts';
import { DomainException, type Principal } from '@ccp/server-platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AgentEntity } from '../directory/agent.entity';
import { toAgent } from '../directory/agent.view';
import { PresenceService, type UnitOfWork } from '../presence/presence.service';
import type { AgentFieldsDto, AgentQueryDto, CreateAgentDto } from './agent.dto';

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  return candidate.code === UNIQUE_VIOLATION || candidate.driverError?.code === UNIQUE_VIOLATION;
}

/** The agent directory for the REST API: list, create (claiming placeholders), edit, set status. */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
  ) {}

  async list(query: AgentQueryDto): Promise<Page<Agent>> {
    const [rows, total] = await this.dataSource.getRepository(AgentEntity).findAndCount({
      where: {
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { name: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items: rows.map(toAgent), total };
  }

  async get(id: string): Promise<Agent> {
    return toAgent(await this.find(this.dataSource.manager, id));
  }

  async ofUser(userId: string): Promise<Agent> {
    const row = await this.dataSource.getRepository(AgentEntity).findOneBy({ userId });
    if (!row) throw new DomainException('NOT_FOUND', 'No agent is linked to this user');
    return toAgent(row);
  }

  /**
   * Creates an agent, or completes the unmapped placeholder ingestion made for one of its vendor
   * ids, so the conversations it already has stay its own.
   */
  create(fields: CreateAgentDto): Promise<Agent> {
    return this.write(async (manager) => {
      const placeholders = await manager
        .getRepository(AgentEntity)
        .createQueryBuilder('agent')
        .where('agent.livechatAgentId = :livechat OR agent.ringcentralExtensionId = :extension', {
          livechat: fields.livechatAgentId ?? null,
          extension: fields.ringcentralExtensionId ?? null,
        })
        .setLock('pessimistic_write')
        .getMany();
      if (placeholders.length > 1 || placeholders.some((agent) => agent.mapped)) {
        throw new DomainException(
          'CONFLICT',
          'These vendor ids already belong to other agents; map them on those agents instead',
        );
      }
      const target = placeholders[0] ?? manager.create(AgentEntity, { name: fields.name });
      Object.assign(target, fields, { mapped: true });
      return toAgent(await manager.save(AgentEntity, target));
    });
  }

  update(id: string, fields: AgentFieldsDto): Promise<Agent> {
    return this.write(async (manager) => {
      const agent = await this.find(manager, id, true);
      Object.assign(agent, fields, { mapped: true });
      return toAgent(await manager.save(AgentEntity, agent));
    });
  }

  /** Agents for themselves, supervisors for their team, admins for anyone. */
  async setStatus(principal: Principal, id: string, status: UnifiedStatus | null): Promise<Agent> {
    const agent = await this.find(this.dataSource.manager, id);
    const allowed =
      principal.role === 'admin' ||
      (principal.role === 'supervisor' && principal.team !== null && principal.team === agent.teamId) ||
      (principal.kind === 'user' && agent.userId === principal.id);
    if (!allowed) throw new DomainException('FORBIDDEN', "You may not change this agent's status");
    return this.inTransaction((work) => this.presence.manualStatusChosen(work, id, status));
  }

  /** Runs a presence change in its own transaction, then its after-commit effects. */
  async inTransaction<T>(change: (work: UnitOfWork) => Promise<T>): Promise<T> {
    const effects: (() => Promise<void>)[] = [];
    const result = await this.dataSource.transaction((manager) =>
      change({ manager, afterCommit: (effect) => effects.push(effect) }),
    );
    for (const effect of effects) await effect();
    return result;
  }

  private async write<T>(run: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(run);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException('CONFLICT', 'Another agent already has this user or vendor id');
      }
      throw error;
    }
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<AgentEntity> {
    const row = await manager.findOne(AgentEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new DomainException('NOT_FOUND', 'No agent with this id');
    return row;
  }
}
