// The records check shared by `npm run verify` and `npm run restore`: chains, files, then issued documents.
import type { Db } from '../../db/create-database';
import { describeChainProblem, verifyChains, type ChainHeads } from './verify-chains';
import { describeFileProblem, verifyFiles, type FileRoots } from './verify-files';
import { verifyIssuedDocuments } from '../enforcement/documents';

/** A backup to hold the chains against (verify-against.ts). */
export interface BackupChains {
	createdAt: string;
	heads: ChainHeads;
}

/** Prints what it checked and every problem found (the first of each kind first); true when all match. */
export async function verifyRecords(
	db: Db,
	roots: FileRoots,
	log: (line: string) => void,
	backup?: BackupChains
): Promise<boolean> {
	const started = performance.now();
	const chains = await verifyChains(db, undefined, backup?.heads);
	const chainProblems = chains.problems.length + chains.moreProblems;
	log(
		`chains: ${chains.rows.toLocaleString('en')} sealed rows in ${chains.chains.toLocaleString('en')} chains, ${chainProblems ? `${chainProblems} not matching` : 'all match'}`
	);
	if (backup)
		log(
			`  held against the backup of ${backup.createdAt}: its ${backup.heads.size.toLocaleString('en')} chains, each up to its last row`
		);
	for (const p of chains.problems) log(`  ${describeChainProblem(p)}`);
	if (chains.moreProblems) log(`  … and ${chains.moreProblems} more`);
	const files = await verifyFiles(db, roots);
	const fileProblems = files.problems.length + files.moreProblems;
	log(
		`files: ${files.files.toLocaleString('en')} photos and evidence files (${(files.bytes / 1e6).toFixed(1)} MB) re-hashed, ${fileProblems ? `${fileProblems} not matching` : 'all match'}`
	);
	for (const p of files.problems) log(`  ${describeFileProblem(p)}`);
	if (files.moreProblems) log(`  … and ${files.moreProblems} more`);
	const docs = await verifyIssuedDocuments(db);
	log(
		`documents: ${docs.documents.toLocaleString('en')} issued 告知书/决定书 re-hashed, ${docs.problems.length ? `${docs.problems.length} not matching` : 'all match'}`
	);
	for (const p of docs.problems)
		log(
			`  enforcement_documents ${p.id} (${p.kind} ${p.documentNo}, enforcement case ${p.enforcementId}): its content or HTML differs from the SHA-256 recorded at issue`
		);
	log(`checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return chainProblems === 0 && fileProblems === 0 && docs.problems.length === 0;
}
