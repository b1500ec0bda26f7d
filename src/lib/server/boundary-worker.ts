// Runs a boundary upload's check (domain/boundary-upload.ts) on a worker thread, so a detailed
// outline never holds up the requests of everyone else (one 45,000-vertex upload used to hold the
// only thread for 42 s), and gives up after a time.
//
// The worker is this same module, started again from its own file: in the built app that is the
// chunk Vite put it in (build/server/chunks/…), so nothing has to be bundled separately. Under
// Vitest the file is TypeScript that a bare worker cannot load, and the check runs in-thread.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { checkBoundaryUpload, type UploadCheck, type UploadContext } from '$lib/domain/boundary-upload';

const TASK = 'gridcase-boundary-check';
/** Longer than any upload within the limits takes; a file that needs more is refused as too complex. */
export const BOUNDARY_CHECK_MS = 20_000;

if (!isMainThread && (workerData as { task?: string } | null)?.task === TASK) {
	const { text, ctx } = workerData as { text: string; ctx: UploadContext };
	parentPort!.postMessage(checkBoundaryUpload(text, ctx));
}

const self = import.meta.url;
const canFork = self.startsWith('file:') && self.endsWith('.js');

export function checkUploadOffThread(
	text: string,
	ctx: UploadContext,
	timeoutMs = BOUNDARY_CHECK_MS
): Promise<UploadCheck> {
	if (!canFork) return Promise.resolve(checkBoundaryUpload(text, ctx));
	return new Promise((resolve, reject) => {
		const worker = new Worker(fileURLToPath(self), {
			workerData: { task: TASK, text, ctx },
			resourceLimits: { maxOldGenerationSizeMb: 512 }
		});
		const timer = setTimeout(() => {
			void worker.terminate();
			resolve({ ok: false, issues: [{ code: 'too_complex', value: Math.round(timeoutMs / 1000) }] });
		}, timeoutMs);
		worker.once('message', (result: UploadCheck) => {
			clearTimeout(timer);
			void worker.terminate();
			resolve(result);
		});
		worker.once('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
	});
}
