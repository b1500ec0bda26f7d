// `npm run verify -- --against DIR`: the chains checked against a backup. A chain shows a row changed
// without every later row of it rewritten, but not that its last rows are gone, nor that it was
// rewritten whole: nothing in the database itself can. A backup kept off the machine can: every
// chain of its snapshot must still be there, up to the row that was its last, at the same place and
// with the same hash.
import path from 'node:path';
import { openReadOnly, type Db } from '../../db/create-database';
import { ALL_SEALED_TABLE_NAMES, chainOf } from '../../records/chain-spec';
import { streamChainRows } from '../../repositories/sealed';
import { BACKUP_DB } from './backup';
import { checkAgainstManifest, readManifest, RestoreRefused } from './restore';
import { headKey, type ChainHeads } from './verify-chains';

/** Each chain's last row (rows come in chain order, so the last one seen is the head). */
export async function chainHeads(db: Db): Promise<ChainHeads> {
	const heads: ChainHeads = new Map();
	for (const table of ALL_SEALED_TABLE_NAMES)
		for await (const row of streamChainRows(db, table)) {
			if (row.chain_seq === null || row.hash === null) continue;
			const chain = chainOf(table, row);
			heads.set(headKey(table, chain), { table, chain, id: row.id, seq: row.chain_seq, hash: row.hash });
		}
	return heads;
}

/** A backup's chain heads, once its database file matches its manifest; RestoreRefused says why not. */
export async function backupHeads(dir: string): Promise<{ createdAt: string; heads: ChainHeads }> {
	const manifest = await readManifest(dir);
	const bad = await checkAgainstManifest(dir, [manifest.database]);
	if (bad.length) throw new RestoreRefused(`${dir}: ${bad.join('; ')}: not a backup to compare with`);
	const db = openReadOnly(path.join(dir, BACKUP_DB));
	try {
		return { createdAt: manifest.createdAt, heads: await chainHeads(db) };
	} finally {
		await db.destroy();
	}
}
