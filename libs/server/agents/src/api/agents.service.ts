import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Agent, Page, UnifiedStatus } from '@ccp/contracts';
import { DomainException, type Principal } from '@ccp/server-platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AgentEntity } from '../directory/agent.entity';
import { toAgent } from '../directory/agent.view';
import { PlaceholderAbsorption } from '../directory/placeholder-absorption';
import { PresenceService, type UnitOfWork } from '../presence/presence.service';
import type { AgentFieldsDto, AgentQueryDto, CreateAgentDto } from './agent.dto';

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  return candidate.code === UNIQUE_VIOLATION || candidate.driverError?.code === UNIQUE_VIOLATION;
}

/** Real agents keep their vendor ids: giving one to another agent must be undone on the first. */
function refuseMappedHolders(holders: AgentEntity[]): void {
  if (holders.some((holder) => holder.mapped)) {
    throw new DomainException(
      'CONFLICT',
      'These vendor ids already belong to other agents; map them on those agents instead',
    );
  }
}

/** The agent directory for the REST API: list, create (claiming placeholders), edit, set status. */
@Injectable()
export class AgentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
    private readonly absorption: PlaceholderAbsorption,
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
   * Creates an agent. Vendor ids that ingestion already met belong to unmapped placeholders: the
   * first becomes this agent and the others are folded into it, so their history stays with it.
   */
  create(fields: CreateAgentDto): Promise<Agent> {
    return this.write(async (work) => {
      const holders = await this.lockAgents(work.manager, fields);
      refuseMappedHolders(holders);
      const [agent = work.manager.create(AgentEntity, { name: fields.name }), ...placeholders] = holders;
      return this.map(work, agent, fields, placeholders);
    });
  }

  /** Edits an agent; a vendor id held by an unmapped placeholder folds that placeholder into it. */
  update(id: string, fields: AgentFieldsDto): Promise<Agent> {
    return this.write(async (work) => {
      const rows = await this.lockAgents(work.manager, fields, id);
      const agent = rows.find((row) => row.id === id);
      if (!agent) throw new DomainException('NOT_FOUND', 'No agent with this id');
      const placeholders = rows.filter((row) => row !== agent);
      refuseMappedHolders(placeholders);
      return this.map(work, agent, fields, placeholders);
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

  private async write<T>(run: (work: UnitOfWork) => Promise<T>): Promise<T> {
    try {
      return await this.inTransaction(run);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException('CONFLICT', 'Another agent already has this user or vendor id');
      }
      throw error;
    }
  }

  private async find(manager: EntityManager, id: string): Promise<AgentEntity> {
    const row = await manager.findOneBy(AgentEntity, { id });
    if (!row) throw new DomainException('NOT_FOUND', 'No agent with this id');
    return row;
  }

  /**
   * Locks the agent being edited and every agent holding one of the vendor ids it is given, in
   * id order so that two edits never wait on each other crosswise. FOR UPDATE also waits for
   * the worker transactions that just resolved a placeholder (they hold FOR KEY SHARE).
   */
  private lockAgents(manager: EntityManager, fields: AgentFieldsDto, id?: string): Promise<AgentEntity[]> {
    const conditions: string[] = [];
    if (id) conditions.push('agent.id = :id');
    if (fields.livechatAgentId) conditions.push('agent.livechatAgentId = :livechatAgentId');
    if (fields.ringcentralExtensionId) conditions.push('agent.ringcentralExtensionId = :extensionId');
    if (conditions.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(AgentEntity)
      .createQueryBuilder('agent')
      .where(conditions.join(' OR '), {
        id,
        livechatAgentId: fields.livechatAgentId,
        extensionId: fields.ringcentralExtensionId,
      })
      .orderBy('agent.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  private async map(
    work: UnitOfWork,
    agent: AgentEntity,
    fields: AgentFieldsDto,
    placeholders: AgentEntity[],
  ): Promise<Agent> {
    for (const placeholder of placeholders) await this.absorption.absorb(work.manager, agent, placeholder);
    Object.assign(agent, fields, { mapped: true });
    const saved = await work.manager.save(AgentEntity, agent);
    return this.presence.adminEdited(work, saved.id);
  }
}
