// Walks every chain of the sealed tables (migration 016) and names the rows that do not match:
// a hash that is not the hash of the row's content and the row before it (the row was edited),
// a place out of turn (a row before it was removed, or the row was added past the triggers), or
// an event id out of order within its chain. An edited row is named alone: the walk goes on from
// the hash the row carries, so the rows after it still check.
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

export type ChainProblemKind = 'edited' | 'out_of_turn' | 'id_order';
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
	tables: readonly SealedTable[] = ALL_SEALED_TABLE_NAMES
): Promise<ChainReport> {
	const report: ChainReport = { rows: 0, chains: 0, problems: [], moreProblems: 0 };
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
			expected = (row.chain_seq ?? expected - 1) + 1;
			previous = row.hash ?? previous;
			if (spec.autoId) lastId = Number(row.id);
		}
	}
	return report;
}

export function describeChainProblem(p: ChainProblem): string {
	const where = `${p.table} row ${p.id}${p.chain ? ` (chain ${p.chain}` : ' (table chain'}, place ${p.chainSeq ?? 'none'})`;
	const why = {
		edited: 'its hash does not match its content and the row before it: the row was changed',
		out_of_turn: 'out of turn: a row before it is missing, or it was added past the triggers',
		id_order: 'its id is out of order in its chain'
	}[p.kind];
	return `${where}: ${why}`;
}
