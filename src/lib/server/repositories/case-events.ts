import type { Db } from '../db/create-database';
import { eventColumns, type RecordEvent } from './record-events';
import { insertSealed, insertSealedRow, type Unsealed } from './sealed';

/** Appends to the case's event chain (the table refuses updates and deletes). */
export function appendEvent(db: Db, caseId: number, e: RecordEvent): Promise<number> {
	return insertSealedRow(db, 'case_events', { case_id: caseId, ...eventColumns(e) });
}

export function insertAttachments(db: Db, rows: Unsealed<'attachments'>[]): Promise<void> {
	return insertSealed(db, 'attachments', rows);
}

export async function listEvents(db: Db, caseId: number) {
	return db
		.selectFrom('case_events')
		.innerJoin('users', 'users.id', 'case_events.actor_id')
		.select([
			'case_events.id',
			'case_events.at',
			'case_events.action',
			'case_events.from_status',
			'case_events.to_status',
			'case_events.note',
			'case_events.payload',
			'users.display_name as actor_name',
			'users.role as actor_role'
		])
		.where('case_events.case_id', '=', caseId)
		.orderBy('case_events.id')
		.execute();
}

export async function listAttachments(db: Db, caseId: number) {
	return db
		.selectFrom('attachments')
		.select(['id', 'event_id', 'kind', 'width', 'height', 'captured_at', 'lng', 'lat', 'original_name'])
		.where('case_id', '=', caseId)
		.orderBy('created_at')
		.execute();
}

/** The stored files of a case's photos of one kind, oldest first. */
export async function listCasePhotoFiles(db: Db, caseId: number, kind: 'before' | 'after' | 'check', limit: number) {
	return db
		.selectFrom('attachments')
		.select(['path', 'id', 'captured_at'])
		.where('case_id', '=', caseId)
		.where('kind', '=', kind)
		.orderBy('created_at')
		.limit(limit)
		.execute();
}

export async function getAttachment(db: Db, id: string) {
	return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countEvents(db: Db, caseId: number): Promise<number> {
	const r = await db
		.selectFrom('case_events')
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.where('case_id', '=', caseId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}
