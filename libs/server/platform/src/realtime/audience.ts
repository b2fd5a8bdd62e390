import type { Principal } from '../auth/principal';

/** Socket.IO rooms. Events are addressed to rooms, and each socket joins the rooms of its principal. */
export const Audience = {
  everyone: 'all',
  supervisors: 'supervisors',
  user: (id: string) => `user:${id}`,
  team: (team: string) => `team:${team}`,
} as const;

export function roomsOf(principal: Principal): string[] {
  const rooms = [Audience.everyone, Audience.user(principal.id)];
  if (principal.team) rooms.push(Audience.team(principal.team));
  if (principal.role === 'supervisor' || principal.role === 'admin') rooms.push(Audience.supervisors);
  return rooms;
}
