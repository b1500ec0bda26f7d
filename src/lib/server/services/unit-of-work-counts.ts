// The statistics side of a unit of work: each record's contribution to the kept counts before its
// first write, and, after the last write, the change (after − before) committed in the same
// transaction. Records created in the unit of work contributed nothing before.
import type { Db } from '../db/create-database';
import type { SqliteDatabase } from '../repositories/hotline-order-writes';
import { lockRecords, type RecordTable } from '../repositories/record-locks';
import { applyCountChanges, applyCountChangesWithStatements } from '../repositories/stat-counts';
import { statRowsById, type StatKind } from '../repositories/stat-rows';
import { countEntries, FAR } from './stats/counting';

/** What a bulk import of new orders judged beforehand: their contribution to the counts, if every one is new. */
export interface Precounted {
	rows: number;
	counts: Map<string, number>;
}

const KINDS: readonly StatKind[] = ['case', 'order', 'enforcement'];
const TABLE: Record<StatKind, RecordTable> = {
	case: 'cases',
	order: 'hotline_orders',
	enforcement: 'enforcement_cases'
};

export class CountChanges {
	private readonly touched = new Map<StatKind, Set<number>>(KINDS.map((k) => [k, new Set()]));
	private readonly before = new Map<StatKind, Map<string, number>>(KINDS.map((k) => [k, new Map()]));
	private readonly bulkCreated: number[] = [];

	constructor(private readonly trx: Db) {}

	/**
	 * Takes the snapshot of the records not seen yet (one read for all of them), holding their rows
	 * from here to the commit (PostgreSQL): no other writer changes what the snapshot counted before
	 * this unit of work's own change is counted against it.
	 */
	async willWrite(kind: StatKind, ids: number[]): Promise<void> {
		const seen = this.touched.get(kind)!;
		const fresh = [...new Set(ids)].filter((id) => !seen.has(id));
		if (!fresh.length) return;
		for (const id of fresh) seen.add(id);
		await lockRecords(this.trx, TABLE[kind], fresh);
		countEntries(await statRowsById(this.trx, kind, fresh), FAR, undefined, this.before.get(kind)!);
	}

	/** New records: nothing before; `bulk` for the orders of a bulk import, which may have been counted beforehand. */
	created(kind: StatKind, ids: number[], opts: { bulk?: boolean } = {}): void {
		for (const id of ids) this.touched.get(kind)!.add(id);
		if (opts.bulk) this.bulkCreated.push(...ids);
	}

	/** Each touched record's counts now, less what it counted before; on the bulk import's handle when it used one. */
	async commit(precounted: Precounted | undefined, sqlite: SqliteDatabase | null): Promise<void> {
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
		// On the bulk import's handle: in slices, the app's thread answering requests between them.
		if (sqlite) await applyCountChangesWithStatements(sqlite, changes, () => new Promise((r) => setImmediate(r)));
		else await applyCountChanges(this.trx, changes);
	}
}
