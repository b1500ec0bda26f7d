// A new boundary version, for the 片区 or for the 居民区: the upload is checked
// (boundary-input.ts) and its effect previewed here; boundaries-publish.ts stores it. Cases keep the
// 片区 and 居民区 they were filed in; only a date in the past, confirmed by the admin, moves the
// cases filed since then.
import type { BoundaryFeature, BoundaryIssue } from '$lib/domain/boundary-input';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { interiorPoint, locatePoint, type LngLat } from '$lib/domain/geo';
import { indexedPointInPolygon as pointInPolygon } from '$lib/domain/polygon-index';
import { isValidDate, shanghaiMidnight } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { checkUploadOffThread } from '../boundary-worker';
import { latestBoundaryVersion, listAllAreas, listBoundaryVersions } from '../repositories/boundary-versions';
import { listCasePlaces } from '../repositories/cases';
import { loadGeography, type Geography } from '../repositories/reference';

export const MAX_BOUNDARY_BYTES = 2_000_000;
export const BOUNDARY_LEVELS = ['area', 'community'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

export interface MovedCase {
	id: number;
	code: string;
	open: boolean;
	fromArea: number;
	fromCommunity: number;
	toArea: string;
	toCommunity: string;
	/** Filed on or after the effective date: moved on publishing (a date in the past only). */
	relocate: boolean;
	toAreaId: number;
	toCommunityId: number;
}

export interface BoundaryPreview {
	level: BoundaryLevel;
	features: BoundaryFeature[];
	/** Names (片区 or 居民区): drawn now and again, newly drawn, drawn now but not any more. */
	kept: string[];
	added: string[];
	dropped: string[];
	moved: MovedCase[];
	communitiesMoved: { name: string; from: string; to: string }[];
	/** 居民区 outlines of the version in force: carried into a new 片区 version when they still fit. */
	communityOutlines: 'none' | 'kept' | 'dropped';
	past: boolean;
	/** The geography the new version gives (new 片区 have negative ids until stored). */
	next: Geography;
}

export type PreviewResult = { ok: true; preview: BoundaryPreview } | { ok: false; issues: BoundaryIssue[] };

/** Lets other requests in between the steps of a large preview. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

const outlineOf = (polygons: LngLat[][][]) => polygons.flat();

export async function previewBoundary(
	db: Db,
	text: string,
	effectiveFrom: string,
	today: string,
	level: BoundaryLevel = 'area'
): Promise<PreviewResult> {
	if (!isValidDate(effectiveFrom)) return { ok: false, issues: [{ code: 'invalid_date' }] };
	if (effectiveFrom > today) return { ok: false, issues: [{ code: 'boundary_in_future' }] };
	const latest = await latestBoundaryVersion(db);
	if (latest && effectiveFrom <= latest.effective_from)
		return { ok: false, issues: [{ code: 'boundary_before_latest', area: latest.effective_from }] };
	if (text.length > MAX_BOUNDARY_BYTES) return { ok: false, issues: [{ code: 'file_too_large' }] };
	const [now, allAreas] = await Promise.all([loadGeography(db, today), listAllAreas(db)]);
	// Parsed and checked on a worker thread: a detailed outline takes a while, and the server keeps answering meanwhile.
	const checked = await checkUploadOffThread(text, {
		level,
		subdistrict: now.boundary,
		areas: now.areas,
		communities: now.communities
	});
	if (!checked.ok) return checked;
	const features = checked.features;
	const names = features.map((f) => f.name);
	let next: Geography;
	let communityOutlines: BoundaryPreview['communityOutlines'];
	let before: string[];
	if (level === 'area') {
		// A 片区 of the same name (drawn now or in an older version) keeps its identity; a new name is a new 片区 (negative id until stored).
		const current = new Map(allAreas.filter((a) => a.kind === 'area').map((a) => [a.name, a.id]));
		const areas = features.map((f, i) => ({
			id: current.get(f.name) ?? -(i + 1),
			name: f.name,
			rings: outlineOf(f.polygons)
		}));
		// A detailed outline's index (built on first use) takes tens of milliseconds of this thread:
		// one 片区 at a time, with other requests answered in between.
		for (const a of areas) {
			pointInPolygon([0, 0], a.rings);
			await breathe();
		}
		// Each 居民区 belongs to the 片区 holding its outline (or, without one, its marker).
		const fit = checked.outlinesFit === true;
		communityOutlines = checked.outlinesFit === null ? 'none' : fit ? 'kept' : 'dropped';
		const communities = now.communities.map((c) => {
			const rings = fit ? c.rings : null;
			const probe: LngLat = (rings && interiorPoint(rings)) || [c.lng, c.lat];
			return { ...c, rings, areaId: areas.find((a) => pointInPolygon(probe, a.rings))?.id ?? c.areaId };
		});
		next = { boundary: now.boundary, areas, communities };
		before = now.areas.map((a) => a.name);
	} else {
		const byName = new Map(features.map((f) => [f.name, outlineOf(f.polygons)]));
		const communities = now.communities.map((c) => {
			const rings = byName.get(c.name) ?? null;
			const probe: LngLat = (rings && interiorPoint(rings)) || [c.lng, c.lat];
			return { ...c, rings, areaId: now.areas.find((a) => pointInPolygon(probe, a.rings))?.id ?? c.areaId };
		});
		communityOutlines = 'none';
		next = { boundary: now.boundary, areas: now.areas, communities };
		before = now.communities.filter((c) => c.rings).map((c) => c.name);
	}
	const areaName = new Map([...allAreas, ...next.areas].map((a) => [a.id, a.name]));
	const communityName = new Map(now.communities.map((c) => [c.id, c.name]));
	const since = shanghaiMidnight(effectiveFrom);
	const past = effectiveFrom < today;
	const rows = await listCasePlaces(db);
	const moved: MovedCase[] = [];
	for (const [i, r] of rows.entries()) {
		if (i % 1000 === 999) await breathe();
		const at = locatePoint([r.lng, r.lat], next.boundary, next.areas, next.communities, pointInPolygon);
		if (!at.ok || (at.areaId === r.area_id && at.communityId === r.community_id)) continue;
		moved.push({
			id: r.id,
			code: r.code,
			open: (OPEN_STATUSES as readonly string[]).includes(r.status),
			fromArea: r.area_id,
			fromCommunity: r.community_id,
			toArea: areaName.get(at.areaId) ?? '',
			toCommunity: communityName.get(at.communityId) ?? '',
			relocate: past && r.reported_at >= since,
			toAreaId: at.areaId,
			toCommunityId: at.communityId
		});
	}
	const nextArea = new Map(next.communities.map((c) => [c.id, c.areaId]));
	return {
		ok: true,
		preview: {
			level,
			features,
			kept: names.filter((n) => before.includes(n)),
			added: names.filter((n) => !before.includes(n)),
			dropped: level === 'area' ? before.filter((n) => !names.includes(n)) : [],
			moved,
			communitiesMoved: now.communities
				.filter((c) => nextArea.get(c.id) !== c.areaId)
				.map((c) => ({
					name: c.name,
					from: areaName.get(c.areaId) ?? '',
					to: areaName.get(nextArea.get(c.id)!) ?? ''
				})),
			communityOutlines,
			past,
			next
		}
	};
}

/** The boundary page: the outlines in force today for editing, and every published version. */
export async function loadBoundaryEditor(db: Db, today: string) {
	const [versions, geo] = await Promise.all([listBoundaryVersions(db), loadGeography(db, today)]);
	return {
		today,
		// Each ring as its own polygon: the editor draws no holes.
		editable: {
			boundary: geo.boundary,
			outlines: geo.areas.map((a) => ({ name: a.name, polygons: a.rings.map((r) => [r]) }))
		},
		versions
	};
}
