import type { Insertable, Updateable } from 'kysely';
import type { EnforcementStatus } from '$lib/domain/enforcement-status';
import type { Db } from '../db/create-database';
import { contains } from './like';
import type { EnforcementCaseTable } from '../db/schema-enforcement';
import { eventColumns, type RecordEvent } from './record-events';
import { insertSealed, insertSealedRow, type Unsealed } from './sealed';

export const ENFORCEMENT_PAGE_SIZE = 20;

export async function insertEnforcementCase(db: Db, row: Insertable<EnforcementCaseTable>): Promise<number> {
	const r = await db.insertInto('enforcement_cases').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function getEnforcementRow(db: Db, id: number) {
	return db.selectFrom('enforcement_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Optimistic concurrency: writes only when nobody changed the case since it was read. */
export async function updateEnforcementIfVersion(
	db: Db,
	id: number,
	version: number,
	set: Updateable<EnforcementCaseTable>
): Promise<boolean> {
	const r = await db
		.updateTable('enforcement_cases')
		.set({ ...set, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The 先行告知 SMS as claimed before the gateway is called (status `sending`). */
export async function insertSmsMessage(
	trx: Db,
	m: { enforcementId: number; phone: string; body: string; actorId: number; now: number }
): Promise<number> {
	const row = await trx
		.insertInto('sms_messages')
		.values({
			enforcement_id: m.enforcementId,
			phone: m.phone,
			body: m.body,
			provider: 'pending',
			provider_ref: null,
			status: 'sending',
			sent_by: m.actorId,
			sent_at: m.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function markSmsFailed(db: Db, smsId: number): Promise<void> {
	await db.updateTable('sms_messages').set({ status: 'failed' }).where('id', '=', smsId).execute();
}

export async function markSmsSentWith(
	trx: Db,
	smsId: number,
	receipt: { provider: string; ref: string }
): Promise<void> {
	await trx
		.updateTable('sms_messages')
		.set({ status: 'sent', provider: receipt.provider, provider_ref: receipt.ref })
		.where('id', '=', smsId)
		.execute();
}

/** Appends to the enforcement case's event chain (the table refuses updates and deletes). */
export function appendEnforcementEvent(db: Db, enforcementId: number, e: RecordEvent): Promise<number> {
	return insertSealedRow(db, 'enforcement_events', { enforcement_id: enforcementId, ...eventColumns(e) });
}

/** The 居民区 and 片区 names of the case's place. */
export async function getEnforcementPlace(db: Db, communityId: number) {
	return db
		.selectFrom('communities')
		.innerJoin('areas', 'areas.id', 'communities.area_id')
		.select(['communities.name', 'areas.name as area_name'])
		.where('communities.id', '=', communityId)
		.executeTakeFirst();
}

/** The alert the case was opened from (not its duplicates), if any. */
export async function getSourceAlert(db: Db, enforcementId: number) {
	return db
		.selectFrom('alerts')
		.select(['id', 'confidence', 'captured_at', 'camera_id'])
		.where('enforcement_id', '=', enforcementId)
		.where('parent_alert_id', 'is', null)
		.executeTakeFirst();
}

export async function listEnforcementEvents(db: Db, id: number) {
	return db
		.selectFrom('enforcement_events')
		.innerJoin('users', 'users.id', 'enforcement_events.actor_id')
		.select([
			'enforcement_events.id',
			'enforcement_events.at',
			'enforcement_events.action',
			'enforcement_events.from_status',
			'enforcement_events.to_status',
			'enforcement_events.note',
			'enforcement_events.payload',
			'users.display_name as actor_name'
		])
		.where('enforcement_events.enforcement_id', '=', id)
		.orderBy('enforcement_events.id')
		.execute();
}

/** A stored evidence file's row: a frame of a camera alert, a photo of a case, or an officer's upload. */
export type NewEvidenceFile = Unsealed<'evidence_files'>;

/** Evidence rows are sealed (hash-chained) as they are written, and never changed afterwards. */
export function insertEvidenceFiles(db: Db, rows: NewEvidenceFile[]): Promise<void> {
	return insertSealed(db, 'evidence_files', rows);
}

export async function listEvidence(db: Db, enforcementId: number) {
	// What a page needs: never the storage paths or where a frame was fetched from.
	return (
		db
			.selectFrom('evidence_files')
			.select(['id', 'kind', 'sha256', 'bytes', 'camera_id', 'captured_at', 'path'])
			// A case's own photos, and the frames of the alerts it was opened from (evidence rows never change, migration 016).
			.where((eb) =>
				eb.or([
					eb('enforcement_id', '=', enforcementId),
					eb(
						'alert_id',
						'in',
						eb.selectFrom('alerts').select('alerts.id').where('alerts.enforcement_id', '=', enforcementId)
					)
				])
			)
			.orderBy('created_at')
			.orderBy('seq')
			.execute()
	);
}

/** Numbers for codes and documents run per year: the count so far plus one. */
export async function countEnforcementSince(
	db: Db,
	column: 'created_at' | 'notice_at' | 'decision_at',
	fromMs: number,
	toMs: number
): Promise<number> {
	const r = await db
		.selectFrom('enforcement_cases')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where(column, '>=', fromMs)
		.where(column, '<', toMs)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function getEnforcementRule(db: Db, categoryCode: string) {
	return db.selectFrom('enforcement_rules').selectAll().where('category_code', '=', categoryCode).executeTakeFirst();
}

export interface EnforcementFilters {
	status?: EnforcementStatus[];
	overdue?: boolean;
	q?: string;
	page?: number;
}

export async function listEnforcementCases(db: Db, f: EnforcementFilters, now: number) {
	let q = db.selectFrom('enforcement_cases').leftJoin('shops', 'shops.id', 'enforcement_cases.shop_id');
	if (f.status?.length) q = q.where('enforcement_cases.status', 'in', f.status);
	if (f.overdue)
		q = q
			.where('enforcement_cases.stage_deadline_at', '<', now)
			.where('enforcement_cases.status', 'not in', ['closed', 'cancelled']);
	if (f.q) {
		const text = f.q;
		q = q.where((eb) =>
			eb.or([
				contains(eb.ref('enforcement_cases.code'), text),
				contains(eb.ref('enforcement_cases.address'), text),
				contains(eb.ref('shops.sign_name'), text)
			])
		);
	}
	const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
	const page = Math.max(1, f.page ?? 1);
	const rows = await q
		.innerJoin('categories', 'categories.code', 'enforcement_cases.category_code')
		.innerJoin('communities', 'communities.id', 'enforcement_cases.community_id')
		.select([
			'enforcement_cases.id',
			'enforcement_cases.code',
			'enforcement_cases.status',
			'enforcement_cases.outcome',
			'enforcement_cases.address',
			'enforcement_cases.created_at',
			'enforcement_cases.stage_started_at',
			'enforcement_cases.stage_deadline_at',
			'enforcement_cases.stage_warn_at',
			'enforcement_cases.fine',
			'categories.minor as category_name',
			'communities.name as community_name',
			'shops.sign_name'
		])
		// Open cases with the nearest deadline first, then the rest newest first.
		.orderBy((eb) => eb.case().when('enforcement_cases.stage_deadline_at', 'is', null).then(1).else(0).end())
		.orderBy('enforcement_cases.stage_deadline_at')
		.orderBy('enforcement_cases.id', 'desc')
		.limit(ENFORCEMENT_PAGE_SIZE)
		.offset((page - 1) * ENFORCEMENT_PAGE_SIZE)
		.execute();
	return { rows, total, page, pageSize: ENFORCEMENT_PAGE_SIZE };
}
