import type { Verdict } from '$lib/domain/rates';
import type { Db } from '../../db/create-database';
import { periodEntries } from './compute';
import type { Entry, GroupKeys, RateKey, VolumeKey } from './judge';

/** The parts of a rate a person can open: the cases counted, the hits, the misses, the left-out, the open. */
export const PARTS = ['denominator', 'numerator', 'missed', 'excluded', 'undecided'] as const;
export type Part = (typeof PARTS)[number];

const PART_VERDICTS: Record<Part, readonly Verdict[]> = {
	denominator: ['on_time', 'late'],
	numerator: ['on_time'],
	missed: ['late'],
	excluded: ['excluded'],
	undecided: ['pending']
};

/** The ids behind one part of one rate in a period (optionally one group), exactly as counted. */
export async function drillDown(
	db: Db,
	q: { rate: RateKey; part: Part; from: string; to: string; group?: { by: keyof GroupKeys; key: string } },
	now: number
) {
	const entries = await periodEntries(db, q.from, q.to, now);
	const hits = entries.filter(
		(e): e is Extract<Entry, { type: 'rate' }> =>
			e.type === 'rate' &&
			e.rate === q.rate &&
			PART_VERDICTS[q.part].includes(e.verdict) &&
			(!q.group || e.keys[q.group.by] === q.group.key)
	);
	return {
		kind:
			hits[0]?.kind ??
			(q.rate === 'first_contact' || q.rate === 'hotline_on_time' || q.rate === 'satisfaction' || q.rate === 'return'
				? 'order'
				: 'case'),
		ids: hits.map((e) => e.id)
	};
}

/** The ids behind one volume of a period (optionally one group), exactly as counted. */
export async function drillVolume(
	db: Db,
	q: { volume: VolumeKey; from: string; to: string; group?: { by: keyof GroupKeys; key: string } },
	now: number
) {
	const entries = await periodEntries(db, q.from, q.to, now);
	const hits = entries.filter(
		(e): e is Extract<Entry, { type: 'volume' }> =>
			e.type === 'volume' && e.volume === q.volume && (!q.group || e.keys[q.group.by] === q.group.key)
	);
	const kind =
		hits[0]?.kind ??
		(q.volume.startsWith('orders') ? 'order' : q.volume.startsWith('enforcement') ? 'enforcement' : 'case');
	return { kind, ids: hits.map((e) => e.id) };
}
