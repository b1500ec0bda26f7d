// The import worker: a thread that reads and checks an import's rows (import-prepare.ts makes a
// commit's rows on it; import-check.ts shares a preview's checking with it). One is kept warm for a
// few minutes after a job, so the commit that follows a preview does not wait for a thread to start.
//
// The worker is this same module started again from its own file, as boundary-worker.ts does: in
// the built app the chunk Vite put it in; under tsx (the benchmarks, the CLI) the TypeScript file.
// Under Vitest, where a bare worker cannot load TypeScript, there is none: the callers do the work
// on their own thread (canFork).
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const TASK = 'gridcase-import-worker';
/** How long a worker with nothing to do is kept for the next job. */
const IDLE_MS = 5 * 60_000;

if (!isMainThread && (workerData as { task?: string } | null)?.task === TASK) {
	const port = parentPort!;
	// The tasks load after the thread has said it is up; what is asked meanwhile waits in the port.
	void import('./import-worker-tasks').then(({ serve }) => {
		port.on('message', (m) => serve(m, (reply) => port.postMessage(reply)));
		port.postMessage({ kind: 'ready' });
	});
}

const self = import.meta.url;
const underTsx = process.execArgv.some((a) => a.includes('tsx'));
/** Whether an import worker can be started here (in the built app and under tsx; not under Vitest). */
export const canFork = self.startsWith('file:') && (self.endsWith('.js') || (self.endsWith('.ts') && underTsx));

const ready = new WeakSet<Worker>();
let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;

function startWorker(): Worker {
	const data = { task: TASK };
	let worker: Worker;
	if (self.endsWith('.js')) worker = new Worker(fileURLToPath(self), { workerData: data });
	else {
		// Under tsx the worker registers tsx's loader itself (it is not inherited), then loads this file.
		const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`;
		worker = new Worker(boot, { eval: true, workerData: data });
	}
	worker.on('message', (m: { kind?: string }) => {
		if (m?.kind === 'ready') ready.add(worker);
	});
	worker.on('error', () => {}); // the job using it hears of it; an idle one is simply dropped
	worker.on('exit', () => {
		if (idle?.worker === worker) {
			clearTimeout(idle.timer);
			idle = null;
		}
	});
	return worker;
}

/** A worker for one job: the one kept warm, or a new one. Hand it back (giveBack) when the job ends. */
export function takeWorker(): Worker {
	const kept = idle;
	idle = null;
	if (kept) clearTimeout(kept.timer);
	const worker = kept?.worker ?? startWorker();
	worker.ref(); // while a job waits on it, the process stays up for it
	return worker;
}

/** Whether the worker has started and loaded its tasks (what is sent before waits until it has). */
export const isReady = (worker: Worker) => ready.has(worker);

/**
 * The job is over. A worker that finished cleanly is kept for the next job (one at most, for
 * IDLE_MS, never keeping the process up); one stopped mid-way, or a second one, is ended.
 */
export function giveBack(worker: Worker, clean: boolean): void {
	if (!clean || idle) {
		void worker.terminate();
		return;
	}
	worker.unref();
	const timer = setTimeout(() => {
		if (idle?.worker === worker) idle = null;
		void worker.terminate();
	}, IDLE_MS);
	timer.unref();
	idle = { worker, timer };
}

/** Starts an import worker and keeps it (as giveBack does), unless one is kept already: for a job about to come. */
export function warmImportWorker(): void {
	if (canFork && !idle) giveBack(takeWorker(), true);
}

/**
 * Copies what a bulk write added to SQLite's WAL into the database file, on an import worker, off
 * the app's thread (the import's own connection leaves it, see hotline-import-jobs.ts); resolves
 * when done. Passive: it waits for no reader or writer. Where no worker can start, the next commit of
 * the app's connection does it as usual.
 */
export function checkpointLater(file: string | null): Promise<void> {
	if (!file || !canFork) return Promise.resolve();
	const worker = takeWorker();
	worker.postMessage({ kind: 'checkpoint', file });
	return new Promise((resolve) => {
		const done = (m: { kind?: string }) => {
			if (m?.kind !== 'checkpointed') return;
			worker.off('message', done).off('exit', gone);
			giveBack(worker, true);
			resolve();
		};
		const gone = () => resolve();
		worker.on('message', done).on('exit', gone);
	});
}
