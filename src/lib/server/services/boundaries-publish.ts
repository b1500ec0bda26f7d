// Storing a previewed boundary version (boundaries.ts): the outlines of every 片区 (and 居民区,
// where drawn) in force from its date; 居民区 and grid workers follow into their new 片区; a
// confirmed past date moves the cases filed since then, each with a case event, the statistics
// counts following. Audited.
import type { BoundaryIssue } from '$lib/domain/boundary-input';
import type { Db } from '../db/create-database';
import { auditedChange } from './audited-change';
import {
	getCommunityAreaId,
	getSubdistrictId,
	insertArea,
	insertAreaShape,
	insertBoundaryVersion,
	insertCommunityShape,
	latestBoundaryVersion,
	listAreaShapes,
	listCommunityShapes,
	moveCommunity
} from '../repositories/boundary-versions';
import { getCaseRow } from '../repositories/cases';
import { previewBoundary, type BoundaryLevel, type MovedCase } from './boundaries';
import { unitOfWork } from './unit-of-work';

export type PublishResult = { ok: true; versionId: number; relocated: number } | { ok: false; issues: BoundaryIssue[] };

export interface PublishInput {
	text: string;
	effectiveFrom: string;
	note: string;
	confirmPast: boolean;
	level?: BoundaryLevel;
}

export async function publishBoundary(
	db: Db,
	adminId: number,
	input: PublishInput,
	today: string,
	now: number
): Promise<PublishResult> {
	const level = input.level ?? 'area';
	const checked = await previewBoundary(db, input.text, input.effectiveFrom, today, level);
	if (!checked.ok) return checked;
	const p = checked.preview;
	const note = input.note.trim().slice(0, 200);
	if (!note) return { ok: false, issues: [{ code: 'boundary_note_required' }] };
	const relocate = p.moved.filter((c) => c.relocate);
	if (p.past && !input.confirmPast)
		return { ok: false, issues: [{ code: 'boundary_confirm_past', value: relocate.length }] };
	return auditedChange(
		db,
		{ actorId: adminId, at: now },
		async (trx) => {
			const previous = await latestBoundaryVersion(trx);
			if (!previous) throw new Error('no boundary version to follow');
			const version = {
				id: await insertBoundaryVersion(trx, {
					effective_from: input.effectiveFrom,
					note,
					created_at: now,
					created_by: adminId
				})
			};
			const drawn = new Map(
				p.features.map((f) => [f.name, JSON.stringify({ type: 'MultiPolygon', coordinates: f.polygons })])
			);
			const previousAreas = await listAreaShapes(trx, previous.id);
			const previousCommunities = await listCommunityShapes(trx, previous.id);
			// The subdistrict is never redrawn here; a 居民区 version keeps every 片区 outline as it was.
			const sub = { id: await getSubdistrictId(trx) };
			const areaIds = new Map<number, number>();
			if (level === 'community') {
				for (const r of previousAreas) await insertAreaShape(trx, version.id, r.area_id, r.geometry);
			} else {
				for (const r of previousAreas.filter((x) => x.area_id === sub.id))
					await insertAreaShape(trx, version.id, sub.id, r.geometry);
				// 片区: the same name keeps its identity, a new name is a new 片区.
				for (const a of p.next.areas) {
					const id = a.id > 0 ? a.id : await insertArea(trx, a.name);
					areaIds.set(a.id, id);
					await insertAreaShape(trx, version.id, id, drawn.get(a.name)!);
				}
			}
			const keptOutlines = new Map(
				level === 'area' && p.communityOutlines === 'kept'
					? previousCommunities.map((r) => [r.community_id, r.geometry])
					: []
			);
			for (const c of p.next.communities) {
				const geometry = level === 'community' ? drawn.get(c.name) : keptOutlines.get(c.id);
				if (geometry) await insertCommunityShape(trx, version.id, c.id, geometry);
				// 居民区 and their grid workers follow into the 片区 that now holds them.
				const areaId = areaIds.get(c.areaId) ?? c.areaId;
				if ((await getCommunityAreaId(trx, c.id)) !== areaId) await moveCommunity(trx, c.id, areaId);
			}
			if (relocate.length)
				await relocateCases(trx, relocate, areaIds, {
					adminId,
					versionId: version.id,
					effectiveFrom: input.effectiveFrom,
					note,
					now
				});
			return { ok: true as const, versionId: version.id, relocated: relocate.length };
		},
		(done) => ({
			action: 'boundary.publish',
			target: `boundary_version:${done.versionId}`,
			detail: {
				level,
				effectiveFrom: input.effectiveFrom,
				note,
				drawn: p.features.map((f) => f.name),
				added: p.added,
				dropped: p.dropped,
				casesInOtherPlace: p.moved.length,
				relocated: relocate.length,
				confirmedPast: p.past
			}
		})
	);
}

async function relocateCases(
	trx: Db,
	cases: MovedCase[],
	areaIds: Map<number, number>,
	v: { adminId: number; versionId: number; effectiveFrom: string; note: string; now: number }
) {
	await unitOfWork(trx, async (w) => {
		await w.willWrite(
			'case',
			cases.map((c) => c.id)
		);
		for (const c of cases) {
			const toArea = areaIds.get(c.toAreaId) ?? c.toAreaId;
			// Read in this transaction: the version check cannot fail, it keeps the write the one kind of case write.
			const row = (await getCaseRow(w.trx, c.id))!;
			const payload = {
				boundaryVersion: v.versionId,
				effectiveFrom: v.effectiveFrom,
				fromArea: c.fromArea,
				toArea,
				fromCommunity: c.fromCommunity,
				toCommunity: c.toCommunityId
			};
			await w.updateCase(c.id, row.version, { area_id: toArea, community_id: c.toCommunityId, updated_at: v.now }, [
				{ at: v.now, actorId: v.adminId, action: 'relocate', from: row.status, to: row.status, note: v.note, payload }
			]);
		}
	});
}
