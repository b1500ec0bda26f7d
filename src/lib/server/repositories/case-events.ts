import type { Db } from '../db/create-database';
import { inTransaction, sealRows, type Unsealed } from './sealed';

export interface NewEvent {
	caseId: number;
	at: number;
	actorId: number;
	action: string;
	from: string | null;
	to: string;
	note: string | null;
	payload: Record<string, unknown>;
}

/** Appends to the event log, chained to the case's last event (the table refuses updates and deletes). */
export async function appendEvent(db: Db, e: NewEvent): Promise<number> {
	const event = {
		case_id: e.caseId,
		at: e.at,
		actor_id: e.actorId,
		action: e.action,
		from_status: e.from,
		to_status: e.to,
		note: e.note,
		payload: JSON.stringify(e.payload)
	};
	return inTransaction(db, async (trx) => {
		const [sealed] = await sealRows(trx, 'case_events', [event]);
		return (await trx.insertInto('case_events').values(sealed).returning('id').executeTakeFirstOrThrow()).id;
	});
}

export async function insertAttachments(db: Db, rows: Unsealed<'attachments'>[]): Promise<void> {
	if (rows.length)
		await inTransaction(
			db,
			async (trx) =>
				void (await trx
					.insertInto('attachments')
					.values(await sealRows(trx, 'attachments', rows))
					.execute())
		);
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
