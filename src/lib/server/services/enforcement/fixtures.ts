// Test fixtures (imported by *.test.ts only): a camera, a pending alert with two stored frames, an
// enforcement case opened from such an alert, a shop.
import { evidenceDir } from '../../config';
import type { Db } from '../../db/create-database';
import { storeEvidence } from '../../evidence';
import { evidenceFileRow } from '../evidence-rows';
import { insertEvidenceFiles } from '../../repositories/enforcement';
import { actorOf, jpeg } from '../../test-db';
import { reviewAlert } from '../alerts/review';

export async function seedAlert(
	db: Db,
	opts: { categoryCode?: string; capturedAt?: number; now: number }
): Promise<number> {
	const c = await db.selectFrom('communities').selectAll().orderBy('id').executeTakeFirstOrThrow();
	await db
		.insertInto('cameras')
		.values({
			id: 'CAM-T1',
			name: '古美路平吉路口东',
			lng: c.lng,
			lat: c.lat,
			area_id: c.area_id,
			community_id: c.id,
			created_at: opts.now,
			updated_at: opts.now
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
	const alert = await db
		.insertInto('alerts')
		.values({
			camera_id: 'CAM-T1',
			captured_at: opts.capturedAt ?? opts.now - 60_000,
			category_code: opts.categoryCode ?? 'SH-JMZX-01',
			lng: c.lng,
			lat: c.lat,
			area_id: c.area_id,
			community_id: c.id,
			confidence: 0.93,
			external_id: null,
			status: 'pending',
			false_reason: null,
			review_note: null,
			case_id: null,
			enforcement_id: null,
			parent_alert_id: null,
			api_key_id: null,
			received_at: opts.now,
			reviewed_by: null,
			reviewed_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const name of ['f1.jpg', 'f2.jpg']) {
		const s = await storeEvidence(evidenceDir(), await jpeg(name), opts.now);
		await insertEvidenceFiles(db, [
			evidenceFileRow(s, {
				alert_id: alert.id,
				kind: 'frame',
				source: 'upload',
				camera_id: 'CAM-T1',
				captured_at: opts.capturedAt ?? opts.now - 60_000,
				created_at: opts.now
			})
		]);
	}
	return alert.id;
}

export async function seedShop(db: Db, createdBy: number, now: number, phone = '13912345678'): Promise<number> {
	const c = await db.selectFrom('communities').selectAll().orderBy('id').executeTakeFirstOrThrow();
	const r = await db
		.insertInto('shops')
		.values({
			sign_name: '老王水果店',
			credit_code: null,
			owner_name: '王建国',
			phone,
			address: '古美路 100 号',
			lng: c.lng,
			lat: c.lat,
			community_id: c.id,
			created_by: createdBy,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function versionOf(db: Db, id: number): Promise<number> {
	return (await db.selectFrom('enforcement_cases').select('version').where('id', '=', id).executeTakeFirstOrThrow())
		.version;
}

/** A pending alert that 调度 reviews into an enforcement case (流动摊贩 on the pavement). */
export async function enforcementFromAlert(db: Db, now: number) {
	const alertId = await seedAlert(db, { now });
	const r = await reviewAlert(
		db,
		await actorOf(db, 'diaodu'),
		alertId,
		1,
		{ kind: 'enforcement', categoryCode: 'SH-JMZX-01', description: '人行道上流动摊贩售卖水果' },
		now
	);
	if (!r.ok || !r.enforcementId) throw new Error(`review failed: ${JSON.stringify(r)}`);
	return { alertId, id: r.enforcementId, code: r.code };
}
