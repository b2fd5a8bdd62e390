import { Injectable } from '@nestjs/common';
import type { Agent } from '@ccp/contracts';
import {
  CombinedWrite,
  findLockedRow,
  findLockedRows,
  RealtimePublisher,
  updateRowSql,
} from '@ccp/server-platform';
import type { EntityManager } from 'typeorm';
import { AgentEntity } from '../directory/agent.entity';
import { startStatusIntervals, type StatusChange } from '../timeline/agent-timeline';
import type { UnitOfWork } from './presence.service';

interface Held {
  /** The row as this transaction has it: what it last wrote, and every change staged since. */
  agent: AgentEntity;
  staged: boolean;
  statusChanges: StatusChange[];
}

interface StagedEvent {
  data: Agent;
  audience: string[];
  /** Whose commit broadcasts it: in a group, each webhook's effects run for its own job. */
  work: UnitOfWork;
}

interface TransactionHold {
  agents: Map<string, Held>;
  /** Across agents, in the order the changes were made: the event log keeps that order. */
  events: StagedEvent[];
}

/**
 * The agent rows a transaction has locked, kept in memory until it ends: a second change of one
 * agent takes the row it has instead of locking and reading it again. Changes are staged and
 * written by flush(): at once on every path but one, a group of presence webhooks, whose changes
 * stay staged until the group has applied its last one or anything else is about to run, and then
 * go to the database in one statement, however many agents and changes they are (the worker is
 * bound by its round trips). Anything else that writes an agent row in the transaction must tell
 * this class what it wrote (absorbWrite), or the next flush would write back the old values.
 */
@Injectable()
export class HeldAgents {
  /** Per transaction: a finished transaction's manager is dropped, and its rows with it. */
  private readonly byTransaction = new WeakMap<EntityManager, TransactionHold>();

  constructor(private readonly realtime: RealtimePublisher) {}

  /** FOR NO KEY UPDATE, in id order, as each change of an agent locks it (see PresenceService). */
  async lockByExtension(manager: EntityManager, extensionIds: string[]): Promise<void> {
    const agents = await findLockedRows(
      manager,
      AgentEntity,
      'ringcentralExtensionId',
      [...new Set(extensionIds)],
      'FOR NO KEY UPDATE',
    );
    // A row held already may have changes staged: it stays as this transaction has it.
    const held = this.transactionOf(manager).agents;
    for (const agent of agents) if (!held.has(agent.id)) this.hold(manager, agent);
  }

  /** The held row of the agent with this id or extension, locked and read first if it is not held. */
  async lock(
    manager: EntityManager,
    key: { id: string } | { ringcentralExtensionId: string },
  ): Promise<AgentEntity | undefined> {
    const agents = this.transactionOf(manager).agents;
    const held =
      'id' in key
        ? agents.get(key.id)
        : [...agents.values()].find(
            ({ agent }) => agent.ringcentralExtensionId === key.ringcentralExtensionId,
          );
    if (held) return held.agent;
    const locked = await findLockedRow(manager, AgentEntity, key, 'FOR NO KEY UPDATE');
    return locked && this.hold(manager, locked).agent;
  }

  /**
   * Records that the held row's agent changed (it has been mutated in place), with its new status
   * interval if the status changed and its event if the boards are to hear of it.
   */
  stage(
    work: UnitOfWork,
    agent: AgentEntity,
    change: { statusChange?: StatusChange; event?: { data: Agent; audience: string[] } },
  ): void {
    const transaction = this.transactionOf(work.manager);
    const held = transaction.agents.get(agent.id);
    if (held?.agent !== agent) throw new Error(`agent ${agent.id} is staged without being held`);
    held.staged = true;
    if (change.statusChange) held.statusChanges.push(change.statusChange);
    if (change.event) transaction.events.push({ ...change.event, work });
  }

  /**
   * Writes every staged change in one statement: each agent's row, its intervals, and the events,
   * whose broadcasts then wait for their work's commit.
   */
  async flush(manager: EntityManager): Promise<void> {
    const transaction = this.byTransaction.get(manager);
    const staged = [...(transaction?.agents.values() ?? [])].filter((held) => held.staged);
    if (!transaction || staged.length === 0) return;
    const write = new CombinedWrite();
    for (const { agent } of staged) {
      // The row is locked and held whole: every column as this transaction has it.
      const { id, createdAt, updatedAt, ...fields } = agent;
      write.with('agent', updateRowSql(manager, AgentEntity, id, fields, write));
    }
    startStatusIntervals(write, new Map(staged.map(({ agent, statusChanges }) => [agent.id, statusChanges])));
    const events = transaction.events;
    const recorded =
      events.length > 0
        ? this.realtime.recordAllWith(
            write,
            events.map(({ data, audience }) => ({ type: 'agent:status_changed', data, audience })),
          )
        : undefined;
    await write.run(manager);
    for (const held of staged) {
      held.staged = false;
      held.statusChanges = [];
    }
    transaction.events = [];
    recorded?.().forEach((event, index) => {
      events[index]?.work.afterCommit(() => this.realtime.broadcast(event));
    });
  }

  /** Other SQL of this transaction wrote these fields of the agent's row: the held row takes them. */
  absorbWrite(manager: EntityManager, agentId: string, fields: Partial<AgentEntity>): void {
    const held = this.byTransaction.get(manager)?.agents.get(agentId);
    if (held) Object.assign(held.agent, fields);
  }

  private hold(manager: EntityManager, agent: AgentEntity): Held {
    const held: Held = { agent, staged: false, statusChanges: [] };
    this.transactionOf(manager).agents.set(agent.id, held);
    return held;
  }

  private transactionOf(manager: EntityManager): TransactionHold {
    let transaction = this.byTransaction.get(manager);
    if (!transaction) {
      transaction = { agents: new Map(), events: [] };
      this.byTransaction.set(manager, transaction);
    }
    return transaction;
  }
}
