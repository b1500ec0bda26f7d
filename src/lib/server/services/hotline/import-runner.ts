import { hostname } from 'node:os';
import type { Db } from '../../db/create-database';
import { listRunningImports, markImportInterrupted } from '../../repositories/hotline-imports';
import { deleteSetting, getSetting, setSetting } from '../../repositories/settings';
import { STALE_MS } from './import-progress';

// Which process runs an import's job ('host:pid', in settings under import.runner.<id>): a job whose
// process is gone (a crash, a kill -9 of the command-line import) is interrupted, while one whose
// process still runs (the server's, or a command-line import next to the running server) is left alone.
// On this machine the process table answers; a job of another server (several app servers on one
// PostgreSQL) is alive while its progress keeps being written (import-progress.ts' heartbeat).
const runnerKey = (id: number) => `import.runner.${id}`;
const thisProcess = () => `${hostname()}:${process.pid}`;

function isAlive(runner: string | undefined, progressAt: number | null, now: number): boolean {
	if (!runner) return false;
	const [host, pid] = [runner.slice(0, runner.lastIndexOf(':')), Number(runner.slice(runner.lastIndexOf(':') + 1))];
	if (host !== hostname()) return progressAt !== null && now - progressAt < STALE_MS;
	if (!Number.isInteger(pid)) return false;
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as { code?: string }).code === 'EPERM'; // alive, someone else's
	}
}

/** Records this process as the one running the import's job. */
export const claimImportJob = (db: Db, id: number) => setSetting(db, runnerKey(id), thisProcess());
/** The job has ended (finished or failed): nobody runs it any more. */
export const releaseImportJob = (db: Db, id: number) => deleteSetting(db, runnerKey(id));

/**
 * Jobs left 'analysing' or 'committing' by a process that is gone: its transaction guarantees nothing of
 * it was written. Run at server start, by the command-line import, and when an import page is opened.
 */
export async function markInterruptedImports(db: Db, onlyId?: number): Promise<number[]> {
	const stuck: number[] = [];
	for (const { id, progress_at } of await listRunningImports(db, onlyId)) {
		if (isAlive(await getSetting(db, runnerKey(id)), progress_at, Date.now())) continue;
		await markImportInterrupted(db, id);
		await deleteSetting(db, runnerKey(id));
		stuck.push(id);
	}
	return stuck;
}
