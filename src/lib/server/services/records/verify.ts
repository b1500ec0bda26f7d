// The records check shared by `npm run verify` and `npm run restore`: chains, then files.
import type { Db } from '../../db/create-database';
import { describeChainProblem, verifyChains } from './verify-chains';
import { describeFileProblem, verifyFiles, type FileRoots } from './verify-files';

/** Prints what it checked and every problem found (the first of each kind first); true when all match. */
export async function verifyRecords(db: Db, roots: FileRoots, log: (line: string) => void): Promise<boolean> {
	const started = performance.now();
	const chains = await verifyChains(db);
	const chainProblems = chains.problems.length + chains.moreProblems;
	log(`chains: ${chains.rows.toLocaleString('en')} sealed rows in ${chains.chains.toLocaleString('en')} chains, ${chainProblems ? `${chainProblems} not matching` : 'all match'}`);
	for (const p of chains.problems) log(`  ${describeChainProblem(p)}`);
	if (chains.moreProblems) log(`  … and ${chains.moreProblems} more`);
	const files = await verifyFiles(db, roots);
	const fileProblems = files.problems.length + files.moreProblems;
	log(`files: ${files.files.toLocaleString('en')} photos and evidence files (${(files.bytes / 1e6).toFixed(1)} MB) re-hashed, ${fileProblems ? `${fileProblems} not matching` : 'all match'}`);
	for (const p of files.problems) log(`  ${describeFileProblem(p)}`);
	if (files.moreProblems) log(`  … and ${files.moreProblems} more`);
	log(`checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return chainProblems === 0 && fileProblems === 0;
}
