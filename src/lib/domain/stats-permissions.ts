import type { Actor, Role } from './permissions';

/**
 * Statistics: the 城运中心 and leadership read the rates and the live board, and drill
 * down to every case behind a figure; admins see them too. Exports mask personal data for all.
 */
export type StatsCapability = 'view_stats' | 'view_board' | 'export_stats';

export const STATS_ROLE_CAPABILITIES: Readonly<Record<Role, ReadonlySet<StatsCapability>>> = {
	leader: new Set<StatsCapability>(['view_stats', 'view_board', 'export_stats']),
	dispatcher: new Set<StatsCapability>(['view_stats', 'view_board', 'export_stats']),
	admin: new Set<StatsCapability>(['view_stats', 'export_stats']),
	handler: new Set<StatsCapability>(),
	grid_worker: new Set<StatsCapability>(),
	enforcer: new Set<StatsCapability>()
};

export function hasStatsCapability(actor: Actor, cap: StatsCapability): boolean {
	return STATS_ROLE_CAPABILITIES[actor.role]?.has(cap) ?? false;
}
