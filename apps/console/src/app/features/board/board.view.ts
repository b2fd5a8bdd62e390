import {
  type Agent,
  type ChatRoutingStatus,
  type StatusReason,
  UNIFIED_STATUSES,
  type UnifiedStatus,
} from '@ccp/contracts';

import { STATUS_LABELS, describeChat, describePhone } from '../../shared/agent-status/agent-status.labels';

/** Filter values that are not team ids or statuses; symbols, so no team can be named like one. */
export const ANY = Symbol('any');
export const NO_TEAM = Symbol('no team');

export type TeamFilter = string | typeof ANY | typeof NO_TEAM;
export type StatusFilter = UnifiedStatus | typeof ANY;

export interface BoardFilter {
  readonly team: TeamFilter;
  readonly status: StatusFilter;
}

export interface FilterOption<T> {
  readonly value: T;
  readonly label: string;
}

const NO_TEAM_LABEL = 'No team';

/** One agent as the board shows it. */
export interface BoardRow {
  readonly id: string;
  readonly name: string;
  readonly mapped: boolean;
  readonly team: string;
  readonly status: UnifiedStatus;
  readonly statusReason: StatusReason | null;
  readonly statusSince: string;
  readonly chatStatus: ChatRoutingStatus | null;
  readonly chat: string;
  readonly telephonyStatus: string | null;
  readonly dndStatus: string | null;
  readonly phone: string;
  readonly capacity: string;
  readonly atCapacity: boolean;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byName(a: Agent, b: Agent): number {
  // Ids settle equal names, so rows never swap places between updates.
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function matches(agent: Agent, { team, status }: BoardFilter): boolean {
  const teamMatches = team === ANY || agent.teamId === (team === NO_TEAM ? null : team);
  return teamMatches && (status === ANY || agent.status === status);
}

function toRow(agent: Agent): BoardRow {
  return {
    id: agent.id,
    name: agent.name,
    mapped: agent.mapped,
    team: agent.teamId ?? NO_TEAM_LABEL,
    status: agent.status,
    statusReason: agent.statusReason,
    statusSince: agent.statusSince,
    chatStatus: agent.chatStatus,
    chat: describeChat(agent.chatStatus),
    telephonyStatus: agent.phoneStatus.telephonyStatus,
    dndStatus: agent.phoneStatus.dndStatus,
    phone: describePhone(agent.phoneStatus),
    capacity: `${agent.openChats} / ${agent.maxConcurrentChats}`,
    atCapacity: agent.openChats >= agent.maxConcurrentChats,
  };
}

/** The agents that pass the filter, by name. */
export function boardRows(agents: Iterable<Agent>, filter: BoardFilter): BoardRow[] {
  return [...agents]
    .filter((agent) => matches(agent, filter))
    .sort(byName)
    .map(toRow);
}

/** Every team that has agents, by name, with "No team" when some agent has none. */
export function teamOptions(agents: Iterable<Agent>): FilterOption<TeamFilter>[] {
  const teams = new Set<string>();
  let someUnassigned = false;
  for (const { teamId } of agents) {
    if (teamId === null) {
      someUnassigned = true;
    } else {
      teams.add(teamId);
    }
  }
  const options: FilterOption<TeamFilter>[] = [{ value: ANY, label: 'All teams' }];
  for (const team of [...teams].sort(collator.compare)) {
    options.push({ value: team, label: team });
  }
  if (someUnassigned) {
    options.push({ value: NO_TEAM, label: NO_TEAM_LABEL });
  }
  return options;
}

export const STATUS_OPTIONS: readonly FilterOption<StatusFilter>[] = [
  { value: ANY, label: 'All statuses' },
  ...UNIFIED_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
];
