// Walks every chain of the sealed tables (migration 016) and names the rows that do not match:
// a hash that is not the hash of the row's content and the row before it (the row was edited),
// a place out of turn (a row before it was removed, or the row was added past the triggers), or
// an event id out of order within its chain. An edited row is named alone: the walk goes on from
// the hash the row carries, so the rows after it still check. Given a backup's chain heads
// (verify-against.ts), each chain must also still hold the backup's last row, unchanged.
import type { Db } from '../../db/create-database';
import {
	chainOf,
	GENESIS,
	rowHash,
	ALL_SEALED_TABLE_NAMES,
	SEALED_TABLES,
	type SealedTable
} from '../../records/chain-spec';
import { streamChainRows } from '../../repositories/sealed';

export type ChainProblemKind = 'edited' | 'out_of_turn' | 'id_order' | 'gone_since_backup' | 'differs_from_backup';

/** A chain's last row in a backup. */
export interface ChainHead {
	table: SealedTable;
	chain: string;
	id: string | number;
	seq: number;
	hash: string;
}
/** A backup's chain heads by headKey(table, chain). */
export type ChainHeads = Map<string, ChainHead>;
export const headKey = (table: SealedTable, chain: string) => `${table}\u0000${chain}`;
export interface ChainProblem {
	table: SealedTable;
	/** The chain's key value (case id, order id, enforcement case id), '' for a table-wide chain. */
	chain: string;
	id: string | number;
	chainSeq: number | null;
	kind: ChainProblemKind;
}
export interface ChainReport {
	rows: number;
	chains: number;
	problems: ChainProblem[];
	/** Problems beyond those listed. */
	moreProblems: number;
}

const LISTED = 50;

export async function verifyChains(
	db: Db,
	tables: readonly SealedTable[] = ALL_SEALED_TABLE_NAMES,
	backup?: ChainHeads
): Promise<ChainReport> {
	const report: ChainReport = { rows: 0, chains: 0, problems: [], moreProblems: 0 };
	const found = new Set<string>();
	const flag = (p: ChainProblem) => (report.problems.length < LISTED ? report.problems.push(p) : report.moreProblems++);
	for (const table of tables) {
		const spec = SEALED_TABLES[table];
		let chain: string | null = null;
		let expected = 0;
		let previous = GENESIS;
		let lastId = -Infinity;
		for await (const row of streamChainRows(db, table)) {
			report.rows++;
			const rowChain = chainOf(table, row);
			if (rowChain !== chain) {
				chain = rowChain;
				report.chains++;
				expected = 0;
				previous = GENESIS;
				lastId = -Infinity;
			}
			const at = { table, chain: rowChain, id: row.id, chainSeq: row.chain_seq };
			if (row.chain_seq !== expected) flag({ ...at, kind: 'out_of_turn' });
			else if (row.hash !== rowHash(table, row, previous)) flag({ ...at, kind: 'edited' });
			else if (spec.autoId && Number(row.id) <= lastId) flag({ ...at, kind: 'id_order' });
			const head = backup?.get(headKey(table, rowChain));
			if (head && head.seq === row.chain_seq) {
				found.add(headKey(table, rowChain));
				if (head.hash !== row.hash) flag({ ...at, kind: 'differs_from_backup' });
			}
			expected = (row.chain_seq ?? expected - 1) + 1;
			previous = row.hash ?? previous;
			if (spec.autoId) lastId = Number(row.id);
		}
	}
	for (const [key, head] of backup ?? [])
		if (!found.has(key) && tables.includes(head.table))
			flag({ table: head.table, chain: head.chain, id: head.id, chainSeq: head.seq, kind: 'gone_since_backup' });
	return report;
}

export function describeChainProblem(p: ChainProblem): string {
	const where = `${p.table} row ${p.id}${p.chain ? ` (chain ${p.chain}` : ' (table chain'}, place ${p.chainSeq ?? 'none'})`;
	const why = {
		edited: 'its hash does not match its content and the row before it: the row was changed',
		out_of_turn: 'out of turn: a row before it is missing, or it was added past the triggers',
		id_order: 'its id is out of order in its chain',
		gone_since_backup: 'in the backup, gone from the database: rows were removed since',
		differs_from_backup: 'differs from the backup’s row at this place: the chain was rewritten since'
	}[p.kind];
	return `${where}: ${why}`;
}
