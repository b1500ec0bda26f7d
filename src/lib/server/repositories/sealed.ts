// Chaining rows of the sealed tables as they are inserted (migration 016). The chain's last row is
// read and the new rows written in the same transaction, holding the chain (holdChain) from that read
// to the commit: on SQLite the transaction's write lock already does, on PostgreSQL a second writer
// to the same chain (another request, another app server) waits there and then reads the first
// one's rows, so neither fails nor forks the chain. The unique (chain, chain_seq) index and the
// insert trigger refuse a fork whatever happens.
import type { Insertable } from 'kysely';
import type { Db } from '../db/create-database';
import type { DB } from '../db/schema';
import { lockKey, transact } from '../db/transact';
import { lockRecords, type RecordTable } from './record-locks';
import { chainOf, GENESIS, rowHash, SEALED_TABLES, storableRow, type SealedTable } from '../records/chain-spec';

export type Unsealed<T extends SealedTable> = Omit<Insertable<DB[T]>, 'chain_seq' | 'hash'>;
export type Sealed<T extends SealedTable> = Unsealed<T> & { chain_seq: number; hash: string };

/** The record a per-record chain belongs to; null for a chain over the whole table. */
const OWNER: Record<SealedTable, RecordTable | null> = {
	audit_log: null,
	evidence_files: null,
	case_events: 'cases',
	attachments: 'cases',
	hotline_events: 'hotline_orders',
	hotline_attachments: 'hotline_orders',
	enforcement_events: 'enforcement_cases',
	enforcement_documents: 'enforcement_cases'
};

/**
 * Holds a chain until the transaction ends: a per-record chain by its record's row (a row lock costs
 * PostgreSQL no shared memory, however many records one transaction writes), a whole-table chain
 * (the audit log, the evidence files) by a lock named after the table.
 */
async function holdChain(db: Db, table: SealedTable, chain: string): Promise<void> {
	const owner = OWNER[table];
	if (owner) await lockRecords(db, owner, [Number(chain)]);
	else await lockKey(db, `chain:${table}`);
}

/** The last place and hash of a chain, or null for a chain not started. */
async function chainHead(
	db: Db,
	table: SealedTable,
	chain: string
): Promise<{ chain_seq: number; hash: string } | null> {
	const key: string | null = SEALED_TABLES[table].chainKey;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let q = (db as any).selectFrom(table).select(['chain_seq', 'hash']);
	if (key !== null) q = q.where(key, '=', Number(chain));
	return (
		((await q.orderBy('chain_seq', 'desc').limit(1).executeTakeFirst()) as
			{ chain_seq: number; hash: string } | undefined) ?? null
	);
}

/**
 * The rows with their places and hashes, in the order given; insert them in this transaction
 * (and in this order). Throws outside a transaction, where another write could slip in between.
 */
export async function sealRows<T extends SealedTable>(
	db: Db,
	table: T,
	rows: readonly Unsealed<T>[]
): Promise<Sealed<T>[]> {
	if (!db.isTransaction) throw new Error(`sealRows(${table}): call inside the transaction that inserts the rows`);
	const heads = new Map<string, { next: number; hash: string }>();
	const sealed: Sealed<T>[] = [];
	for (const row of rows) {
		const chain = chainOf(table, row);
		let head = heads.get(chain);
		if (!head) {
			await holdChain(db, table, chain);
			const last = await chainHead(db, table, chain);
			head = last ? { next: last.chain_seq + 1, hash: last.hash } : { next: 0, hash: GENESIS };
		}
		const withSeq = { ...storableRow(row), chain_seq: head.next };
		const hash = rowHash(table, withSeq, head.hash);
		heads.set(chain, { next: head.next + 1, hash });
		sealed.push({ ...withSeq, hash } as Sealed<T>);
	}
	return sealed;
}

/** The first row of a new chain (a record just created): no look-up, for bulk loaders. */
export function sealFirstRow<T extends SealedTable>(table: T, row: Unsealed<T>): Sealed<T> {
	const withSeq = { ...storableRow(row), chain_seq: 0 };
	return { ...withSeq, hash: rowHash(table, withSeq, GENESIS) } as Sealed<T>;
}

/**
 * Runs `fn` in the caller's transaction, or in a new one: a chained insert is never split. A new one
 * is run again whole when PostgreSQL gives it up for a conflict with another writer (see transact).
 */
export function inTransaction<R>(db: Db, fn: (trx: Db) => Promise<R>): Promise<R> {
	return transact(db, fn);
}

/** Seals the rows and inserts them in this order, in the caller's transaction or a new one (nothing for no rows). */
export async function insertSealed<T extends SealedTable>(
	db: Db,
	table: T,
	rows: readonly Unsealed<T>[]
): Promise<void> {
	if (!rows.length) return;
	await inTransaction(db, async (trx) => {
		// A generic table name defeats Kysely's per-table typing; sealRows typed the rows for this table.
		await trx
			.insertInto(table)
			.values((await sealRows(trx, table, rows)) as never)
			.execute();
	});
}

/** Seals one row, inserts it and answers its id (an event, an issued document). */
export async function insertSealedRow<T extends SealedTable>(db: Db, table: T, row: Unsealed<T>): Promise<number> {
	return inTransaction(db, async (trx) => {
		const [sealed] = await sealRows(trx, table, [row]);
		const inserted = await trx
			.insertInto(table)
			.values(sealed as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		return Number(inserted.id);
	});
}

/** Every row of a sealed table in chain order (by chain, then place, then id), streamed: what a check of the hash chains reads. */
export function streamChainRows(
	db: Db,
	table: SealedTable
): AsyncIterable<Record<string, unknown> & { id: string | number; chain_seq: number | null; hash: string | null }> {
	const key: string | null = SEALED_TABLES[table].chainKey;
	// The tables differ in their columns; the chain spec says which one groups the rows.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let q = (db as any).selectFrom(table).selectAll();
	if (key !== null) q = q.orderBy(key);
	return q.orderBy('chain_seq').orderBy('id').stream(500);
}

/** The tables whose rows name a stored file (photo or evidence) with its SHA-256. */
export type FileTable = 'attachments' | 'hotline_attachments' | 'evidence_files';

/** The stored files a table names, streamed in chain order. */
export function streamFileRows(
	db: Db,
	table: FileTable
): AsyncIterable<{ id: string; path: string; thumb_path: string; sha256: string }> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (db as any).selectFrom(table).select(['id', 'path', 'thumb_path', 'sha256']).orderBy('chain_seq').stream(500);
}

/** Every file and thumbnail path a table names (what a sweep of the data folders must keep). */
export const listFilePaths = (db: Db, table: FileTable) =>
	db.selectFrom(table).select(['path', 'thumb_path']).execute();
