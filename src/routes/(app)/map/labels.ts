import type { DeadlineState } from '$lib/domain/map-cluster';
import { m } from '$lib/paraglide/messages';

/** Marker colours by the current step's deadline; each dark enough for a cluster's white count to keep 4.5:1. */
export const STATE_COLORS: Record<DeadlineState, string> = {
	overdue: '#dc2626',
	due_soon: '#b45309',
	on_track: '#15803d',
	paused: '#4f46e5',
	done: '#64748b'
};

const STATE_LABELS: Record<DeadlineState, () => string> = {
	overdue: m.map_state_overdue,
	due_soon: m.map_state_due_soon,
	on_track: m.map_state_on_track,
	paused: m.map_state_paused,
	done: m.map_state_done
};
export const stateLabel = (k: DeadlineState) => STATE_LABELS[k]();

const TRACK_LABELS: Record<string, () => string> = {
	grid: m.map_track_grid,
	enforcement: m.map_track_enforcement,
	all: m.map_track_all
};
export const trackLabel = (k: string) => TRACK_LABELS[k]?.() ?? k;

/** What the map shows rather than which markers: the track, the shading and the boundary date. */
export const VIEW_PARAMS: readonly string[] = ['month', 'metric', 'shade', 'level', 'track', 'on'];
