// Publishing a new 片区 boundary version (issue 6 §3). The upload is checked (boundary-input.ts),
// its effect previewed, then stored as a version in force from its date. Cases keep the 片区 they
// were filed in; only a date in the past, confirmed by the admin, moves the cases filed since then
// into the 片区 the new outlines give them (each with a case event, the statistics counts following).
import { checkBoundaries, parseBoundaryGeoJson, type BoundaryFeature, type BoundaryIssue } from '$lib/domain/boundary-input';
import { OPEN_STATUSES } from '$lib/domain/case-status';
import { locatePoint, pointInPolygon } from '$lib/domain/geo';
import { isValidDate, shanghaiMidnight } from '$lib/domain/working-days';
import type { Db } from '../db/create-database';
import { appendAudit } from '../repositories/audit';
import { appendEvent } from '../repositories/case-events';
import { loadGeography } from '../repositories/reference';
import { commitStats, statSnapshot } from './stats/counting';

export const MAX_BOUNDARY_BYTES = 2_000_000;

export interface MovedCase {
	id: number;
	code: string;
	open: boolean;
	fromArea: number;
	toArea: string;
	/** Filed on or after the effective date: moved on publishing (a date in the past only). */
	relocate: boolean;
	toAreaId: number | null;
	toCommunityId: number | null;
}

export interface BoundaryPreview {
	features: BoundaryFeature[];
	/** 片区 names: kept (same name as now), new, and no longer drawn. */
	kept: string[];
	added: string[];
	dropped: string[];
	moved: MovedCase[];
	communitiesMoved: { name: string; from: string; to: string }[];
	past: boolean;
}

export type PreviewResult = { ok: true; preview: BoundaryPreview } | { ok: false; issues: BoundaryIssue[] };

export async function previewBoundary(db: Db, text: string, effectiveFrom: string, today: string): Promise<PreviewResult> {
	if (!isValidDate(effectiveFrom)) return { ok: false, issues: [{ code: 'invalid_date' }] };
	if (effectiveFrom > today) return { ok: false, issues: [{ code: 'boundary_in_future' }] };
	const latest = await db.selectFrom('boundary_versions').select(['effective_from']).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
	if (latest && effectiveFrom <= latest.effective_from) return { ok: false, issues: [{ code: 'boundary_before_latest', area: latest.effective_from }] };
	if (text.length > MAX_BOUNDARY_BYTES) return { ok: false, issues: [{ code: 'file_too_large' }] };
	const parsed = parseBoundaryGeoJson(text);
	if (!parsed.ok) return parsed;
	const now = await loadGeography(db, today);
	const issues = checkBoundaries(parsed.features, now.boundary, now.communities);
	if (issues.length) return { ok: false, issues };

	const current = new Map(now.areas.map((a) => [a.name, a.id]));
	const names = parsed.features.map((f) => f.name);
	// Ids for the new outlines: the 片区 of the same name keeps its identity; a new name is a new 片区 (negative until stored).
	const shapes = parsed.features.map((f, i) => ({ id: current.get(f.name) ?? -(i + 1), name: f.name, rings: f.polygons.flat() }));
	const nameOf = new Map([...now.areas.map((a) => [a.id, a.name] as const), ...shapes.map((s) => [s.id, s.name] as const)]);
	// Each 居民区 marker belongs to the 片区 that now contains it.
	const communityArea = new Map(now.communities.map((c) => [c.id, shapes.find((s) => pointInPolygon([c.lng, c.lat], s.rings))?.id ?? c.areaId]));
	const communities = now.communities.map((c) => ({ ...c, areaId: communityArea.get(c.id)! }));
	const since = shanghaiMidnight(effectiveFrom);
	const past = effectiveFrom < today;
	const rows = await db.selectFrom('cases').select(['id', 'code', 'status', 'lng', 'lat', 'area_id', 'reported_at']).execute();
	const moved: MovedCase[] = [];
	for (const r of rows) {
		const at = locatePoint([r.lng, r.lat], now.boundary, shapes, communities);
		if (!at.ok || at.areaId === r.area_id) continue;
		moved.push({
			id: r.id,
			code: r.code,
			open: (OPEN_STATUSES as readonly string[]).includes(r.status),
			fromArea: r.area_id,
			toArea: nameOf.get(at.areaId) ?? '',
			relocate: past && r.reported_at >= since,
			toAreaId: at.areaId,
			toCommunityId: at.communityId
		});
	}
	return {
		ok: true,
		preview: {
			features: parsed.features,
			kept: names.filter((n) => current.has(n)),
			added: names.filter((n) => !current.has(n)),
			dropped: now.areas.map((a) => a.name).filter((n) => !names.includes(n)),
			moved,
			communitiesMoved: now.communities.filter((c) => communityArea.get(c.id) !== c.areaId).map((c) => ({ name: c.name, from: nameOf.get(c.areaId) ?? '', to: nameOf.get(communityArea.get(c.id)!) ?? '' })),
			past
		}
	};
}

export type PublishResult = { ok: true; versionId: number; relocated: number } | { ok: false; issues: BoundaryIssue[] };

/** Stores the version; a past date moves the cases filed since then, and only when `confirmPast` says the admin saw it. */
export async function publishBoundary(db: Db, adminId: number, input: { text: string; effectiveFrom: string; note: string; confirmPast: boolean }, today: string, now: number): Promise<PublishResult> {
	const checked = await previewBoundary(db, input.text, input.effectiveFrom, today);
	if (!checked.ok) return checked;
	const p = checked.preview;
	const note = input.note.trim().slice(0, 200);
	if (!note) return { ok: false, issues: [{ code: 'boundary_note_required' }] };
	const relocate = p.moved.filter((c) => c.relocate);
	if (p.past && !input.confirmPast) return { ok: false, issues: [{ code: 'boundary_confirm_past', value: relocate.length }] };
	return db.transaction().execute(async (trx) => {
		const version = await trx.insertInto('boundary_versions').values({ effective_from: input.effectiveFrom, note, created_at: now, created_by: adminId }).returning('id').executeTakeFirstOrThrow();
		const sub = await trx.selectFrom('areas').select('id').where('kind', '=', 'subdistrict').executeTakeFirstOrThrow();
		const previous = await trx.selectFrom('area_shapes').innerJoin('boundary_versions', 'boundary_versions.id', 'area_shapes.version_id').select('area_shapes.geometry').where('area_shapes.area_id', '=', sub.id).orderBy('boundary_versions.effective_from', 'desc').limit(1).executeTakeFirstOrThrow();
		await trx.insertInto('area_shapes').values({ version_id: version.id, area_id: sub.id, geometry: previous.geometry }).execute();
		const ids = new Map<string, number>();
		for (const f of p.features) {
			const existing = await trx.selectFrom('areas').select('id').where('kind', '=', 'area').where('name', '=', f.name).executeTakeFirst();
			const id = existing?.id ?? (await trx.insertInto('areas').values({ name: f.name, kind: 'area' }).returning('id').executeTakeFirstOrThrow()).id;
			ids.set(f.name, id);
			await trx.insertInto('area_shapes').values({ version_id: version.id, area_id: id, geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: f.polygons }) }).execute();
		}
		// 居民区 follow their markers into the new 片区, and grid workers follow their 居民区.
		const geo = await loadGeography(trx, today);
		for (const c of geo.communities) {
			const area = geo.areas.find((a) => pointInPolygon([c.lng, c.lat], a.rings));
			if (area && area.id !== c.areaId) {
				await trx.updateTable('communities').set({ area_id: area.id }).where('id', '=', c.id).execute();
				await trx.updateTable('users').set({ area_id: area.id }).where('community_id', '=', c.id).execute();
			}
		}
		if (relocate.length) {
			const stats = await statSnapshot(trx, 'case', relocate.map((c) => c.id));
			for (const c of relocate) {
				const toArea = ids.get(c.toArea)!;
				const row = await trx.selectFrom('cases').select(['status', 'community_id', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
				await trx.updateTable('cases').set({ area_id: toArea, community_id: c.toCommunityId!, version: row.version + 1, updated_at: now }).where('id', '=', c.id).execute();
				await appendEvent(trx, {
					caseId: c.id,
					at: now,
					actorId: adminId,
					action: 'relocate',
					from: row.status,
					to: row.status,
					note: note,
					payload: { boundaryVersion: version.id, effectiveFrom: input.effectiveFrom, fromArea: c.fromArea, toArea, fromCommunity: row.community_id, toCommunity: c.toCommunityId }
				});
			}
			await commitStats(trx, stats);
		}
		await appendAudit(trx, {
			at: now,
			actorId: adminId,
			action: 'boundary.publish',
			target: `boundary_version:${version.id}`,
			detail: { effectiveFrom: input.effectiveFrom, note, areas: p.features.map((f) => f.name), added: p.added, dropped: p.dropped, casesInOtherArea: p.moved.length, relocated: relocate.length, confirmedPast: p.past }
		});
		return { ok: true as const, versionId: version.id, relocated: relocate.length };
	});
}
