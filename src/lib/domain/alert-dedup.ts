// Duplicate camera alerts (重复告警): the same problem seen again near the same place and time is
// attached to what is already open instead of becoming new work. (GridCase rule: same category,
// within 50 m and 24 h either side by default; both numbers are settings.)
import { distanceMeters } from './geo';

export const DEFAULT_DEDUP_METERS = 50;
export const DEFAULT_DEDUP_MINUTES = 1440;

/** What an alert can be attached to: an open grid case, an open enforcement case, or a pending alert. */
export type DedupTargetKind = 'case' | 'enforcement' | 'alert';

export interface DedupSighting {
	categoryCode: string;
	lng: number;
	lat: number;
	/** ms UTC: capture time for alerts, report/creation time for cases. */
	at: number;
}

export interface DedupCandidate extends DedupSighting {
	kind: DedupTargetKind;
	id: number;
	code?: string | null;
}

export interface DedupOptions {
	meters?: number;
	minutes?: number;
}

export type DedupMatch = DedupCandidate & { distanceMeters: number };

/** On equal distance, prefer work already under way over another pending alert. */
const KIND_RANK: Record<DedupTargetKind, number> = { enforcement: 0, case: 1, alert: 2 };

/**
 * The open item a new alert belongs to, or null: same category, within `meters` and within
 * `minutes` before or after; the nearest wins (then the kind above, then the closest in time,
 * then the oldest id), so the answer does not depend on the order of `candidates`.
 */
export function pickDedupTarget(
	alert: DedupSighting,
	candidates: readonly DedupCandidate[],
	opts: DedupOptions = {}
): DedupMatch | null {
	const meters = opts.meters ?? DEFAULT_DEDUP_METERS;
	const windowMs = (opts.minutes ?? DEFAULT_DEDUP_MINUTES) * 60_000;
	let best: DedupMatch | null = null;
	for (const c of candidates) {
		if (c.categoryCode !== alert.categoryCode) continue;
		if (Math.abs(c.at - alert.at) > windowMs) continue;
		const d = distanceMeters([alert.lng, alert.lat], [c.lng, c.lat]);
		if (!(d <= meters)) continue; // also drops NaN from a bad point
		const match = { ...c, distanceMeters: d };
		if (!best || compare(match, best, alert.at) < 0) best = match;
	}
	return best;
}

function compare(a: DedupMatch, b: DedupMatch, at: number): number {
	return (
		a.distanceMeters - b.distanceMeters ||
		KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
		Math.abs(a.at - at) - Math.abs(b.at - at) ||
		a.id - b.id
	);
}

/** Degrees of latitude/longitude that cover `meters` around `lat`: a cheap box for the database query. */
export function boundingBox(
	lng: number,
	lat: number,
	meters: number
): { minLng: number; maxLng: number; minLat: number; maxLat: number } {
	const dLat = (meters / 111_000) * 1.01;
	const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
	return { minLng: lng - dLng, maxLng: lng + dLng, minLat: lat - dLat, maxLat: lat + dLat };
}
