// The SQL that writes 12345 orders and their events. Only the unit of work
// (services/unit-of-work.ts) calls these: it keeps the statistics counts in step with every write.
import type Database from 'better-sqlite3';
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/create-database';
import { isPostgres } from '../db/postgres';
import type { HotlineOrderTable } from '../db/schema-hotline';
import { unnestRows } from './pg-unnest';
import { eventColumns, type RecordEvent } from './record-events';
import { chainStartHasher } from '../records/chain-spec';
import { insertSealedRow, sealFirstRow } from './sealed';

export type SqliteDatabase = Database.Database;
export type NewOrderRow = Insertable<HotlineOrderTable>;
export type OrderUpdate = Updateable<HotlineOrderTable>;
/** The shared part of every new order's first event (工单下派到街道). */
export interface ReceiveEvent {
	at: number;
	actor_id: number | null;
	api_key_id: number | null;
	payload: string;
}

/** A new order's first event: the first row of the order's chain (migration 016). */
const eventRow = (orderId: number, e: ReceiveEvent) =>
	sealFirstRow('hotline_events', {
		order_id: orderId,
		at: e.at,
		actor_id: e.actor_id,
		api_key_id: e.api_key_id,
		action: 'receive',
		from_status: null,
		to_status: 'received',
		note: null,
		payload: e.payload
	});

/** The first events of new orders: alike but for the order, so sealed around its id (chainStartHasher). */
function firstEvents(e: ReceiveEvent, orders: readonly { id: number }[]) {
	const base = eventRow(0, e);
	const sealFor = chainStartHasher('hotline_events', base);
	return orders.map((o) => ({ ...base, order_id: o.id, hash: sealFor(o.id) }));
}

/** Orders per multi-row VALUES at most: 26 columns × 400 stays under SQLite's 32,766 parameters. */
const VALUES_ROWS = 400;

/**
 * One INSERT for the orders and one for their events. An order whose 工单号 is stored already (an earlier
 * import, or a concurrent transaction of another writer on PostgreSQL) is left out rather than failing
 * the batch: only the inserted rows come back, and the caller looks the others up. On PostgreSQL the
 * rows go as one array per column (pg-unnest.ts), so a batch may be thousands of rows; elsewhere as a
 * multi-row VALUES, whose parameters the caller keeps under SQLite's limit.
 */
export async function insertOrders(
	db: Db,
	rows: NewOrderRow[],
	e: ReceiveEvent
): Promise<{ id: number; order_no: string }[]> {
	if (!rows.length) return [];
	const set = isPostgres(db) ? await unnestRows(db, 'hotline_orders', rows) : null;
	if (!set && rows.length > VALUES_ROWS) {
		// Rows of differing columns on PostgreSQL: as VALUES, in sets its parameter limit allows.
		const inserted: { id: number; order_no: string }[] = [];
		for (let i = 0; i < rows.length; i += VALUES_ROWS)
			inserted.push(...(await insertOrders(db, rows.slice(i, i + VALUES_ROWS), e)));
		return inserted;
	}
	const into = db.insertInto('hotline_orders');
	const inserted = await (
		set ? into.columns(set.columns as (keyof NewOrderRow)[]).expression(set.select) : into.values(rows)
	)
		.onConflict((oc) => oc.column('order_no').doNothing())
		.returning(['id', 'order_no'])
		.execute();
	if (!inserted.length) return inserted;
	const events = firstEvents(e, inserted);
	const eventSet = set ? await unnestRows(db, 'hotline_events', events) : null;
	const eventsInto = db.insertInto('hotline_events');
	await (
		eventSet
			? eventsInto.columns(eventSet.columns as (keyof (typeof events)[number])[]).expression(eventSet.select)
			: eventsInto.values(events)
	).execute();
	return inserted;
}

// Prepared once per handle and column set, then run per row: the bulk import spends its time in
// SQLite, not in building and preparing a new 10,000-parameter statement for every batch.
const cache = new WeakMap<SqliteDatabase, Map<string, Database.Statement>>();
function prepared(sqlite: SqliteDatabase, sql: string): Database.Statement {
	let byHandle = cache.get(sqlite);
	if (!byHandle) cache.set(sqlite, (byHandle = new Map()));
	let stmt = byHandle.get(sql);
	if (!stmt) byHandle.set(sql, (stmt = sqlite.prepare(sql)));
	return stmt;
}

/**
 * SQLite only, inside the caller's transaction on the same handle: one INSERT … ON CONFLICT DO
 * NOTHING per order; only an order that is already here costs a look-up (same or changed).
 */
export function insertOrdersWithStatements(
	sqlite: SqliteDatabase,
	rows: NewOrderRow[],
	e: ReceiveEvent
): { created: { orderNo: string; id: number }[]; same: string[]; changed: string[] } {
	const result = { created: [] as { orderNo: string; id: number }[], same: [] as string[], changed: [] as string[] };
	if (!rows.length) return result;
	const columns = Object.keys(rows[0]) as (keyof NewOrderRow)[];
	const insertOrder = prepared(
		sqlite,
		`INSERT INTO hotline_orders (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (order_no) DO NOTHING`
	);
	const values: unknown[] = new Array(columns.length);
	const existing = prepared(sqlite, 'SELECT fingerprint FROM hotline_orders WHERE order_no = ?');
	// Every first event is alike but for its order: its values and its hash are made once around the id.
	const base = eventRow(0, e);
	const eventColumns = Object.keys(base) as (keyof typeof base)[];
	const eventValues = eventColumns.map((c) => base[c]);
	const [idAt, hashAt] = [eventColumns.indexOf('order_id'), eventColumns.indexOf('hash')];
	const sealFor = chainStartHasher('hotline_events', base);
	const insertEvent = prepared(
		sqlite,
		`INSERT INTO hotline_events (${eventColumns.join(', ')}) VALUES (${eventColumns.map(() => '?').join(', ')})`
	);
	for (const row of rows) {
		for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]] ?? null;
		const written = insertOrder.run(values);
		if (written.changes === 0) {
			const known = (existing.get(row.order_no) as { fingerprint: string }).fingerprint;
			(known === row.fingerprint ? result.same : result.changed).push(row.order_no);
			continue;
		}
		const id = Number(written.lastInsertRowid);
		eventValues[idAt] = id;
		eventValues[hashAt] = sealFor(id);
		insertEvent.run(eventValues);
		result.created.push({ orderNo: row.order_no, id });
	}
	return result;
}

/** The stored fingerprints of the orders already here among these 工单号 (importing again never duplicates one). */
export async function findFingerprints(db: Db, orderNos: string[]): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('hotline_orders')
		.select(['order_no', 'fingerprint'])
		.where('order_no', 'in', orderNos)
		.execute();
	return new Map(rows.map((r) => [r.order_no, r.fingerprint]));
}

/** Optimistic concurrency: the update lands only if nobody changed the order since it was read. */
export async function updateOrderIfVersion(
	db: Db,
	id: number,
	version: number,
	changes: OrderUpdate
): Promise<boolean> {
	const r = await db
		.updateTable('hotline_orders')
		.set({ ...changes, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Appends to the order's event chain (the table refuses updates and deletes); a person's event, not an API key's. */
export function appendOrderEvent(db: Db, orderId: number, e: RecordEvent): Promise<number> {
	return insertSealedRow(db, 'hotline_events', { order_id: orderId, api_key_id: null, ...eventColumns(e) });
}
