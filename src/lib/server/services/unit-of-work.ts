// The one way to write a case, a 12345 order or an enforcement case. In one transaction a unit of
// work takes the statistics snapshot of each record before its first write, writes the row (with
// the version check), appends the record's events to its sealed chain, lets the caller write what
// goes with them (photos, links, SMS records) and, last, commits the change of the kept counts.
// The write functions of the three repositories are called from here only; a test
// (unit-of-work.guard.test.ts) fails when any other file writes those tables or their events.
import type { Db } from '../db/create-database';
import type { CaseUpdate, NewCase } from '../db/schema';
import type { EnforcementCaseTable } from '../db/schema-enforcement';
import type { Insertable, Updateable } from 'kysely';
import { appendEvent } from '../repositories/case-events';
import { insertCase, updateCaseIfVersion } from '../repositories/cases';
import { appendEnforcementEvent, insertEnforcementCase, updateEnforcementIfVersion } from '../repositories/enforcement';
import {
	appendOrderEvent,
	insertOrders,
	insertOrdersWithStatements,
	updateOrderIfVersion,
	type NewOrderRow,
	type OrderUpdate,
	type ReceiveEvent,
	type SqliteDatabase
} from '../repositories/hotline-order-writes';
import type { StatKind } from '../repositories/stat-rows';
import { inTransaction } from '../repositories/sealed';
import type { RecordEvent } from '../repositories/record-events';
import { CountChanges, type Precounted } from './unit-of-work-counts';

export type { Precounted, RecordEvent };

/** The record changed since it was read: the unit of work rolls back whole. */
export class StaleRecord extends Error {
	constructor(kind: StatKind, id: number) {
		super(`${kind} ${id} changed since it was read`);
	}
}

export type NewEnforcementRow = Insertable<EnforcementCaseTable>;
export type EnforcementUpdate = Updateable<EnforcementCaseTable>;

/** The writes a unit of work offers. Updates check the version and throw StaleRecord when it moved. */
export interface RecordWriter {
	/** The transaction, for the rows that go with the record (photos, links, alerts, SMS records). */
	readonly trx: Db;
	createCase(row: NewCase, event: RecordEvent): Promise<{ id: number; eventId: number }>;
	updateCase(id: number, version: number, set: CaseUpdate, events: RecordEvent[]): Promise<number[]>;
	/** `bulk`: orders of a bulk import, whose counts the caller may have judged beforehand (Precounted). */
	createOrders(
		rows: NewOrderRow[],
		receive: ReceiveEvent,
		opts?: { bulk?: boolean }
	): Promise<{ id: number; order_no: string }[]>;
	/** SQLite only, on the transaction's own handle: the bulk import's prepared statements. */
	createOrdersWithStatements(
		sqlite: SqliteDatabase,
		rows: NewOrderRow[],
		receive: ReceiveEvent
	): ReturnType<typeof insertOrdersWithStatements>;
	updateOrder(id: number, version: number, set: OrderUpdate, events: RecordEvent[]): Promise<number[]>;
	createEnforcement(row: NewEnforcementRow, event: RecordEvent): Promise<{ id: number; eventId: number }>;
	updateEnforcement(id: number, version: number, set: EnforcementUpdate, events: RecordEvent[]): Promise<number[]>;
	/** Events that change nothing on the row itself (a link to another record); the version stays. */
	appendEvents(kind: StatKind, id: number, events: RecordEvent[]): Promise<number[]>;
	/** Snapshots many records at once before they are written one by one (one read instead of one per record). */
	willWrite(kind: StatKind, ids: number[]): Promise<void>;
}

/** Where each kind of record keeps its event log. */
const appendTo: Record<StatKind, (trx: Db, id: number, e: RecordEvent) => Promise<number>> = {
	case: appendEvent,
	order: appendOrderEvent,
	enforcement: appendEnforcementEvent
};

class Writer implements RecordWriter {
	private readonly counts: CountChanges;
	private sqlite: SqliteDatabase | null = null;

	constructor(readonly trx: Db) {
		this.counts = new CountChanges(trx);
	}

	willWrite(kind: StatKind, ids: number[]): Promise<void> {
		return this.counts.willWrite(kind, ids);
	}

	async createCase(row: NewCase, e: RecordEvent) {
		const id = await insertCase(this.trx, row);
		this.counts.created('case', [id]);
		return { id, eventId: await appendEvent(this.trx, id, e) };
	}

	async updateCase(id: number, version: number, set: CaseUpdate, events: RecordEvent[]) {
		await this.willWrite('case', [id]);
		if (!(await updateCaseIfVersion(this.trx, id, version, set))) throw new StaleRecord('case', id);
		return this.append('case', id, events);
	}

	async appendEvents(kind: StatKind, id: number, events: RecordEvent[]) {
		await this.willWrite(kind, [id]);
		return this.append(kind, id, events);
	}

	private async append(kind: StatKind, id: number, events: RecordEvent[]): Promise<number[]> {
		const ids: number[] = [];
		for (const e of events) ids.push(await appendTo[kind](this.trx, id, e));
		return ids;
	}

	async createOrders(rows: NewOrderRow[], receive: ReceiveEvent, opts: { bulk?: boolean } = {}) {
		const inserted = await insertOrders(this.trx, rows, receive);
		this.counts.created(
			'order',
			inserted.map((r) => r.id),
			opts
		);
		return inserted;
	}

	createOrdersWithStatements(sqlite: SqliteDatabase, rows: NewOrderRow[], receive: ReceiveEvent) {
		this.sqlite = sqlite;
		const written = insertOrdersWithStatements(sqlite, rows, receive);
		this.counts.created(
			'order',
			written.created.map((c) => c.id),
			{ bulk: true }
		);
		return written;
	}

	async updateOrder(id: number, version: number, set: OrderUpdate, events: RecordEvent[]) {
		await this.willWrite('order', [id]);
		if (!(await updateOrderIfVersion(this.trx, id, version, set))) throw new StaleRecord('order', id);
		return this.append('order', id, events);
	}

	async createEnforcement(row: NewEnforcementRow, e: RecordEvent) {
		const id = await insertEnforcementCase(this.trx, row);
		this.counts.created('enforcement', [id]);
		return { id, eventId: await appendEnforcementEvent(this.trx, id, e) };
	}

	async updateEnforcement(id: number, version: number, set: EnforcementUpdate, events: RecordEvent[]) {
		await this.willWrite('enforcement', [id]);
		if (!(await updateEnforcementIfVersion(this.trx, id, version, set))) throw new StaleRecord('enforcement', id);
		return this.append('enforcement', id, events);
	}

	/** After every write: the change of the kept counts, on the bulk import's handle when it used one. */
	commit(precounted?: Precounted): Promise<void> {
		return this.counts.commit(precounted, this.sqlite);
	}
}

/** The writer of the unit of work running in a transaction: a nested call joins it (the outer one commits the counts once). */
const active = new WeakMap<Db, Writer>();

/**
 * Runs `work` as one unit of work: in the caller's transaction or a new one, every case, order
 * and enforcement case written through `w` has its statistics counts committed with it. A thrown
 * error (StaleRecord included) rolls the whole of it back.
 */
export async function unitOfWork<R>(
	db: Db,
	work: (w: RecordWriter) => Promise<R>,
	opts: { precounted?: Precounted } = {}
): Promise<R> {
	const joined = active.get(db);
	if (joined) return work(joined);
	return inTransaction(db, async (trx) => {
		const writer = new Writer(trx);
		active.set(trx, writer);
		try {
			const result = await work(writer);
			await writer.commit(opts.precounted);
			return result;
		} finally {
			active.delete(trx);
		}
	});
}
