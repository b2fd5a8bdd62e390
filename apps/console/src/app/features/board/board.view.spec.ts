import { describe, expect, it } from 'vitest';

import { anAgent } from '../../testing/agent.factory';
import { ANY, NO_TEAM, boardRows, teamOptions } from './board.view';

const agents = [
  anAgent({ id: 'a3', name: 'carol', teamId: 'sales', status: 'busy' }),
  anAgent({ id: 'a1', name: 'Alice', teamId: 'support', status: 'available' }),
  anAgent({ id: 'a4', name: 'Placeholder 101', teamId: null, mapped: false, status: 'offline' }),
  anAgent({ id: 'a2', name: 'Bob', teamId: 'support', status: 'busy' }),
];

const names = (rows: { name: string }[]): string[] => rows.map((row) => row.name);

describe('boardRows', () => {
  it('lists everyone by name, ignoring case, when nothing is filtered', () => {
    expect(names(boardRows(agents, { team: ANY, status: ANY }))).toEqual([
      'Alice',
      'Bob',
      'carol',
      'Placeholder 101',
    ]);
  });

  it('filters by team, by status, and by both', () => {
    expect(names(boardRows(agents, { team: 'support', status: ANY }))).toEqual(['Alice', 'Bob']);
    expect(names(boardRows(agents, { team: ANY, status: 'busy' }))).toEqual(['Bob', 'carol']);
    expect(names(boardRows(agents, { team: 'support', status: 'busy' }))).toEqual(['Bob']);
  });

  it('finds agents without a team', () => {
    expect(names(boardRows(agents, { team: NO_TEAM, status: ANY }))).toEqual(['Placeholder 101']);
  });

  it('keeps agents with the same name in a stable order', () => {
    const twins = [anAgent({ id: 'b', name: 'Sam' }), anAgent({ id: 'a', name: 'Sam' })];
    expect(boardRows(twins, { team: ANY, status: ANY }).map((row) => row.id)).toEqual(['a', 'b']);
  });

  it('describes chat, phone and capacity in words', () => {
    const [row] = boardRows(
      [
        anAgent({
          chatStatus: 'not_accepting_chats',
          phoneStatus: {
            presenceStatus: 'Busy',
            userStatus: 'Available',
            telephonyStatus: 'CallConnected',
            dndStatus: 'DoNotAcceptDepartmentCalls',
          },
          openChats: 3,
          maxConcurrentChats: 3,
          teamId: null,
        }),
      ],
      { team: ANY, status: ANY },
    );
    expect(row).toMatchObject({
      team: 'No team',
      chat: 'Not accepting chats',
      phone: 'On a call · No queue calls',
      telephonyStatus: 'CallConnected',
      dndStatus: 'DoNotAcceptDepartmentCalls',
      capacity: '3 / 3',
      atCapacity: true,
    });
  });
});

describe('teamOptions', () => {
  it('offers every team once, by name, then agents without a team', () => {
    expect(teamOptions(agents).map((option) => option.label)).toEqual([
      'All teams',
      'sales',
      'support',
      'No team',
    ]);
  });

  it('offers no "No team" when everyone has one', () => {
    expect(teamOptions(agents.slice(0, 2)).map((option) => option.value)).toEqual([ANY, 'sales', 'support']);
  });
});
