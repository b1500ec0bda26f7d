// Map markers: each case's deadline state, and markers grouped into clusters where
// they are dense at the zoom shown, so thousands of cases draw as a few dozen shapes. Pure.

export const DEADLINE_STATES = ['overdue', 'due_soon', 'on_track', 'paused', 'done'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Open work past its step's deadline is overdue; past its warning instant (75 % used) due soon. */
export function deadlineState(
	p: { open: boolean; paused: boolean; deadlineAt: number | null; warnAt: number | null },
	now: number
): DeadlineState {
	if (!p.open) return 'done';
	if (p.paused) return 'paused';
	if (p.deadlineAt !== null && now > p.deadlineAt) return 'overdue';
	if (p.warnAt !== null && now >= p.warnAt) return 'due_soon';
	return 'on_track';
}

export interface MapPoint {
	kind: 'case' | 'enforcement';
	id: number;
	code: string;
	lng: number;
	lat: number;
	state: DeadlineState;
}

export interface Cluster {
	lng: number;
	lat: number;
	count: number;
	/** The most urgent state inside, which colours the cluster. */
	worst: DeadlineState;
	states: Partial<Record<DeadlineState, number>>;
	/** [west, south, east, north]: zooming to it splits the cluster. */
	bounds: [number, number, number, number];
}

/** Web Mercator pixel position at `zoom` (256-pixel tiles), as the map draws it. */
export function worldPixel(lng: number, lat: number, zoom: number): [number, number] {
	const size = 256 * 2 ** zoom;
	const phi = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
	return [((lng + 180) / 360) * size, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size];
}

/** From this zoom on every case is drawn on its own (a street corner holds few cases). */
export const NO_CLUSTER_ZOOM = 18;

/**
 * Grid clustering: points falling in the same `cellPx` square at `zoom` become one cluster; a
 * square holding one point keeps it as a marker. Order of the input does not matter.
 */
export function clusterPoints(
	points: readonly MapPoint[],
	zoom: number,
	cellPx = 60
): { clusters: Cluster[]; singles: MapPoint[] } {
	if (zoom >= NO_CLUSTER_ZOOM) return { clusters: [], singles: [...points] };
	const cells = new Map<string, MapPoint[]>();
	for (const p of points) {
		const [x, y] = worldPixel(p.lng, p.lat, zoom);
		const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
		const cell = cells.get(key);
		if (cell) cell.push(p);
		else cells.set(key, [p]);
	}
	const clusters: Cluster[] = [];
	const singles: MapPoint[] = [];
	for (const cell of cells.values()) {
		if (cell.length === 1) {
			singles.push(cell[0]);
			continue;
		}
		const states: Partial<Record<DeadlineState, number>> = {};
		let lng = 0;
		let lat = 0;
		const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const p of cell) {
			states[p.state] = (states[p.state] ?? 0) + 1;
			lng += p.lng;
			lat += p.lat;
			bounds[0] = Math.min(bounds[0], p.lng);
			bounds[1] = Math.min(bounds[1], p.lat);
			bounds[2] = Math.max(bounds[2], p.lng);
			bounds[3] = Math.max(bounds[3], p.lat);
		}
		const worst = DEADLINE_STATES.find((s) => states[s])!;
		clusters.push({ lng: lng / cell.length, lat: lat / cell.length, count: cell.length, worst, states, bounds });
	}
	return { clusters, singles };
}
