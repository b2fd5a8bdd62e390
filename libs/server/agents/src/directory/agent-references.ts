import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Re-points one domain's references from one agent to another, in the caller's transaction. */
export type AgentReferenceMover = (
  manager: EntityManager,
  fromAgentId: string,
  toAgentId: string,
) => Promise<void>;

/**
 * Libraries that keep agent ids in their tables (conversations, calls, messages) register how to
 * move them here, so that mapping a placeholder onto an agent takes its history along without
 * this library reaching into tables it does not own.
 */
@Injectable()
export class AgentReferences {
  private readonly movers: AgentReferenceMover[] = [];

  register(mover: AgentReferenceMover): void {
    this.movers.push(mover);
  }

  async move(manager: EntityManager, fromAgentId: string, toAgentId: string): Promise<void> {
    for (const mover of this.movers) await mover(manager, fromAgentId, toAgentId);
  }
}
