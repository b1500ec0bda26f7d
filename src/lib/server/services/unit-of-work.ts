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
import { applyCountChanges, applyCountChangesWithStatements } from '../repositories/stat-counts';
import { statRowsById, type StatKind } from '../repositories/stat-rows';
import { inTransaction } from '../repositories/sealed';
import { countEntries, FAR } from './stats/counting';

/** The record changed since it was read: the unit of work rolls back whole. */
export class StaleRecord extends Error {
	constructor(kind: StatKind, id: number) {
		super(`${kind} ${id} changed since it was read`);
	}
}

/** One event of a record's log: what happened, who did it, from which status to which. */
export interface RecordEvent {
	at: number;
	actorId: number;
	action: string;
	from: string | null;
	to: string;
	note: string | null;
	payload: Record<string, unknown>;
}

export type NewEnforcementRow = Insertable<EnforcementCaseTable>;
export type EnforcementUpdate = Updateable<EnforcementCaseTable>;

/** What a bulk import of new orders judged beforehand: their contribution to the counts, if every one is new. */
export interface Precounted {
	rows: number;
	counts: Map<string, number>;
}

/** The writes a unit of work offers. Updates check the version and throw StaleRecord when it moved. */
export interface RecordWriter {
	/** The transaction, for the rows that go with the record (photos, links, alerts, SMS records). */
	readonly trx: Db;
	createCase(row: NewCase, event: RecordEvent): Promise<{ id: number; eventId: number }>;
	updateCase(id: number, version: number, set: CaseUpdate, events: RecordEvent[]): Promise<number[]>;
	createOrders(rows: NewOrderRow[], receive: ReceiveEvent): Promise<{ id: number; order_no: string }[]>;
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

const KINDS: readonly StatKind[] = ['case', 'order', 'enforcement'];

class Writer implements RecordWriter {
	private readonly touched = new Map<StatKind, Set<number>>(KINDS.map((k) => [k, new Set()]));
	private readonly before = new Map<StatKind, Map<string, number>>(KINDS.map((k) => [k, new Map()]));
	private readonly bulkCreated: number[] = [];
	private sqlite: SqliteDatabase | null = null;

	constructor(readonly trx: Db) {}

	async willWrite(kind: StatKind, ids: number[]): Promise<void> {
		const seen = this.touched.get(kind)!;
		const fresh = [...new Set(ids)].filter((id) => !seen.has(id));
		if (!fresh.length) return;
		for (const id of fresh) seen.add(id);
		countEntries(await statRowsById(this.trx, kind, fresh), FAR, undefined, this.before.get(kind)!);
	}

	/** A new record contributed nothing before. */
	private created(kind: StatKind, ids: number[]): void {
		for (const id of ids) this.touched.get(kind)!.add(id);
	}

	async createCase(row: NewCase, e: RecordEvent) {
		const id = await insertCase(this.trx, row);
		this.created('case', [id]);
		return { id, eventId: await appendEvent(this.trx, { ...e, caseId: id }) };
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
		for (const e of events) {
			if (kind === 'case') ids.push(await appendEvent(this.trx, { ...e, caseId: id }));
			else if (kind === 'enforcement') ids.push(await appendEnforcementEvent(this.trx, { ...e, enforcementId: id }));
			else {
				const row = {
					at: e.at,
					actor_id: e.actorId,
					api_key_id: null,
					action: e.action,
					from_status: e.from,
					to_status: e.to,
					note: e.note,
					payload: JSON.stringify(e.payload)
				};
				ids.push(await appendOrderEvent(this.trx, id, row));
			}
		}
		return ids;
	}

	async createOrders(rows: NewOrderRow[], receive: ReceiveEvent) {
		const inserted = await insertOrders(this.trx, rows, receive);
		this.created(
			'order',
			inserted.map((r) => r.id)
		);
		return inserted;
	}

	createOrdersWithStatements(sqlite: SqliteDatabase, rows: NewOrderRow[], receive: ReceiveEvent) {
		this.sqlite = sqlite;
		const written = insertOrdersWithStatements(sqlite, rows, receive);
		const ids = written.created.map((c) => c.id);
		this.created('order', ids);
		this.bulkCreated.push(...ids);
		return written;
	}

	async updateOrder(id: number, version: number, set: OrderUpdate, events: RecordEvent[]) {
		await this.willWrite('order', [id]);
		if (!(await updateOrderIfVersion(this.trx, id, version, set))) throw new StaleRecord('order', id);
		return this.append('order', id, events);
	}

	async createEnforcement(row: NewEnforcementRow, e: RecordEvent) {
		const id = await insertEnforcementCase(this.trx, row);
		this.created('enforcement', [id]);
		return { id, eventId: await appendEnforcementEvent(this.trx, { ...e, enforcementId: id }) };
	}

	async updateEnforcement(id: number, version: number, set: EnforcementUpdate, events: RecordEvent[]) {
		await this.willWrite('enforcement', [id]);
		if (!(await updateEnforcementIfVersion(this.trx, id, version, set))) throw new StaleRecord('enforcement', id);
		return this.append('enforcement', id, events);
	}

	/** After every write: each touched record's counts now, less what it counted before. */
	async commit(precounted?: Precounted): Promise<void> {
		const changes = new Map<string, number>();
		const add = (key: string, n: number) => {
			const sum = (changes.get(key) ?? 0) + n;
			if (sum === 0) changes.delete(key);
			else changes.set(key, sum);
		};
		// A bulk import that judged its new orders beforehand: used when every row it offered was new.
		const skip = new Set(precounted && this.bulkCreated.length === precounted.rows ? this.bulkCreated : []);
		if (skip.size) for (const [key, n] of precounted!.counts) add(key, n);
		for (const kind of KINDS) {
			const ids = [...this.touched.get(kind)!].filter((id) => kind !== 'order' || !skip.has(id));
			for (const [key, n] of this.before.get(kind)!) add(key, -n);
			if (ids.length) for (const [key, n] of countEntries(await statRowsById(this.trx, kind, ids), FAR)) add(key, n);
		}
		if (this.sqlite) applyCountChangesWithStatements(this.sqlite, changes);
		else await applyCountChanges(this.trx, changes);
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
