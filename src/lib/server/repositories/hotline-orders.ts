// One 12345 order and what hangs on it: its row, its events and attachments, and the stored
// fingerprints an import compares with. The lists and counts: hotline-order-lists.ts.
import { sqliteHandle, type Db } from '../db/create-database';
import { insertSealed, type Unsealed } from './sealed';

export async function getOrderDetail(db: Db, id: number) {
	return db
		.selectFrom('hotline_orders')
		.leftJoin('departments', 'departments.id', 'hotline_orders.department_id')
		.leftJoin('communities', 'communities.id', 'hotline_orders.community_id')
		.leftJoin('categories', 'categories.code', 'hotline_orders.category_code')
		.selectAll('hotline_orders')
		.select([
			'departments.name as department_name',
			'communities.name as community_name',
			'categories.minor as category_name'
		])
		.where('hotline_orders.id', '=', id)
		.executeTakeFirst();
}

/** The stored row of one order, as the write services read it before deciding. */
export async function getOrderRow(db: Db, id: number) {
	return db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** 退单 evidence and the like, sealed in the order's attachment chain; inside the caller's transaction. */
export function insertOrderAttachments(trx: Db, files: Unsealed<'hotline_attachments'>[]): Promise<void> {
	return insertSealed(trx, 'hotline_attachments', files);
}

/** The stored files of an order's first photos (those a case opened from it carries over). */
export async function listOrderPhotoFiles(db: Db, orderId: number, limit: number) {
	return db
		.selectFrom('hotline_attachments')
		.select(['id', 'path'])
		.where('order_id', '=', orderId)
		.orderBy('created_at')
		.limit(limit)
		.execute();
}

export async function listOrderEvents(db: Db, orderId: number) {
	return db
		.selectFrom('hotline_events')
		.leftJoin('users', 'users.id', 'hotline_events.actor_id')
		.leftJoin('api_keys', 'api_keys.id', 'hotline_events.api_key_id')
		.select([
			'hotline_events.id',
			'hotline_events.at',
			'hotline_events.action',
			'hotline_events.from_status',
			'hotline_events.to_status',
			'hotline_events.note',
			'hotline_events.payload',
			'users.display_name as actor_name',
			'users.role as actor_role',
			'api_keys.name as api_key_name'
		])
		.where('hotline_events.order_id', '=', orderId)
		.orderBy('hotline_events.id')
		.execute();
}

export async function listOrderAttachments(db: Db, orderId: number) {
	return db.selectFrom('hotline_attachments').select(['id', 'event_id']).where('order_id', '=', orderId).execute();
}

/** Every order of a list, in id order, a page at a time (exports stream; memory stays flat). */
/** One 退单 evidence file with the department of its order (whoever may see the order may see it). */
export async function getOrderAttachment(db: Db, id: string) {
	return db
		.selectFrom('hotline_attachments')
		.innerJoin('hotline_orders', 'hotline_orders.id', 'hotline_attachments.order_id')
		.select(['hotline_attachments.path', 'hotline_orders.department_id'])
		.where('hotline_attachments.id', '=', id)
		.executeTakeFirst();
}

/**
 * On SQLite, one prepared statement for a batch of 工单号 handed over as one JSON array (faster than
 * a look-up per order, and than IN (…) queries built by Kysely): the stored fingerprints of those
 * already here. Null on any other dialect (findFingerprints serves it).
 */
export function fingerprintsLookup(db: Db): ((orderNos: string[]) => Map<string, string>) | null {
	const statement = sqliteHandle(db)
		?.prepare('SELECT order_no, fingerprint FROM hotline_orders WHERE order_no IN (SELECT value FROM json_each(?))')
		.raw();
	if (!statement) return null;
	return (orderNos) => new Map(statement.all(JSON.stringify(orderNos)) as [string, string][]);
}
