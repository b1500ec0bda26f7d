// Makes an import's rows ready on an import worker (import-worker.ts): reads the file, checks every
// row, makes each new order's stored row and what it adds to the statistics, and hands the rows over
// in batches while the app's thread writes the ones before (import-commit.ts). Reading and writing
// then take turns on two cores instead of one after the other on one, and the app's thread stays
// free for requests. Where no worker can start (Vitest), the same work runs on the calling thread
// and yields between batches.
import type { Worker } from 'node:worker_threads';
import { ImportFileError, type ImportFileErrorCode } from '../../import/errors';
import type { NewOrderRow } from '../../repositories/hotline-order-writes';
import { validationContextFrom, type OrderValidationData } from '../../hotline-validation';
import { countEntries, FAR } from '../stats/counting';
import { scanOrderFile } from './import-scan';
import { newOrderRow, orderStatsRow, type OrderOrigin } from './order-rows';
import { canFork, giveBack, takeWorker } from './import-worker';

export { canFork };

const EVER = { from: '0000-01-01', to: '9999-12-31' };
/** Rows handed over at a time (import-jobs.ts's BATCH; not imported, to keep the worker's modules few). */
const BATCH = 2000;
/** The first batch is smaller: the writing starts sooner. */
const FIRST_BATCH = 250;
const tick = () => new Promise((resolve) => setImmediate(resolve));

export interface PrepareInput {
	path: string;
	name: string;
	data: OrderValidationData;
	from: Omit<OrderOrigin, 'calendar'>;
	/** 居民区 id → its 片区 id. */
	areaOf: [number, number][];
}

/** Asking a worker to make an import's rows (import-worker-tasks.ts). */
export type PrepareRequest = { kind: 'prepare'; input: PrepareInput };
export type PrepareMessage =
	| { kind: 'rows'; rows: NewOrderRow[] }
	| { kind: 'problems' }
	| { kind: 'done'; rows: number; counted: [string, number][] }
	| { kind: 'failed'; message: string; code?: ImportFileErrorCode; line?: number; otherLine?: number };

/** The whole of the reading side; `send` hands each message over, `pause` lets the thread breathe. */
export async function produce(input: PrepareInput, send: (m: PrepareMessage) => void, pause: () => Promise<unknown>) {
	try {
		const ctx = validationContextFrom(input.data);
		const from = { ...input.from, calendar: input.data.calendar };
		const areaOf = new Map(input.areaOf);
		// What the new orders add to the statistics, judged from the rows themselves (a new order's
		// counts depend on nothing else); the unit of work uses it when every row turns out new.
		const counted = new Map<string, number>();
		let batch: NewOrderRow[] = [];
		let rows = 0;
		let problems = false;
		const flush = async () => {
			if (!batch.length) return;
			countEntries({ grid: [], enforcement: [], orders: batch.map(orderStatsRow) }, FAR, EVER, counted);
			send({ kind: 'rows', rows: batch });
			rows += batch.length;
			batch = [];
			await pause();
		};
		await scanOrderFile(input.path, input.name, ctx, {
			order: async (order, _line, fingerprint) => {
				batch.push(newOrderRow(order, fingerprint, from, areaOf));
				if (batch.length >= (rows ? BATCH : FIRST_BATCH)) await flush();
			},
			problems: () => {
				if (!problems) send({ kind: 'problems' });
				problems = true;
			}
		});
		await flush();
		send({ kind: 'done', rows, counted: [...counted] });
	} catch (e) {
		const file = e instanceof ImportFileError ? e : null;
		send({ kind: 'failed', message: String(e), code: file?.code, line: file?.line, otherLine: file?.otherLine });
	}
}

/** The rows of an import as they are made, and once they are all read, what the reading found. */
export interface PreparedRows {
	/**
	 * Batches of stored rows in file order; throws what reading the file threw. Once only: a batch is
	 * not kept once handed over (the memory stays flat; a transaction run again reads the file again).
	 */
	batches(): AsyncGenerator<NewOrderRow[]>;
	/** A row had a problem (seen so far; final once the batches ended). */
	readonly hadProblems: boolean;
	/** Once the batches ended: the rows made, and what they add to the statistics. */
	readonly rows: number;
	readonly counted: Map<string, number>;
	/** Stops the reading (idempotent). */
	stop(): void;
}

/** Starts reading `input` on a worker thread (or in this thread, see the top of the file). */
export function prepareImportRows(input: PrepareInput, fork = canFork): PreparedRows {
	// What the reader sent and the batches have not taken yet.
	const inbox: PrepareMessage[] = [];
	let wake: (() => void) | null = null;
	const deliver = (m: PrepareMessage) => {
		inbox.push(m);
		wake?.();
		wake = null;
	};
	let worker: Worker | null = null;
	let stopped = false;
	let finished = false;
	const onMessage = (m: PrepareMessage | { kind: 'ready' }) => {
		if (m.kind !== 'ready') deliver(m);
	};
	const onError = (e: Error) => deliver({ kind: 'failed', message: String(e) });
	// A reader that ends normally has said 'done' or 'failed' first.
	const onExit = (code: number) => {
		if (!stopped) deliver({ kind: 'failed', message: `import reader exited (${code})` });
	};
	if (fork) {
		worker = takeWorker().on('message', onMessage).on('error', onError).on('exit', onExit);
		worker.postMessage({ kind: 'prepare', input } satisfies PrepareRequest);
	} else void produce(input, deliver, () => (stopped ? Promise.reject(new Error('stopped')) : tick()));

	const state = { hadProblems: false, rows: 0, counted: new Map<string, number>() };
	/** Ends the job: a worker that read the whole file is kept for the next one, else it is ended. */
	const stop = () => {
		if (stopped) return;
		stopped = true;
		const w = worker;
		worker = null;
		w?.off('message', onMessage).off('error', onError).off('exit', onExit);
		if (w) giveBack(w, finished);
	};
	let taken = false;
	async function* batches(): AsyncGenerator<NewOrderRow[]> {
		if (taken) throw new Error('the rows of a reading are handed over once');
		taken = true;
		for (;;) {
			while (!inbox.length) await new Promise<void>((r) => (wake = r));
			const m = inbox.shift()!;
			if (m.kind === 'rows') yield m.rows;
			else if (m.kind === 'problems') state.hadProblems = true;
			else if (m.kind === 'done') {
				Object.assign(state, { rows: m.rows, counted: new Map(m.counted) });
				finished = true;
				stop();
				return;
			} else {
				stop();
				if (m.code) throw new ImportFileError(m.code, m.line, { otherLine: m.otherLine });
				throw new Error(m.message);
			}
		}
	}
	return {
		batches,
		get hadProblems() {
			return state.hadProblems;
		},
		get rows() {
			return state.rows;
		},
		get counted() {
			return state.counted;
		},
		stop
	};
}

/**
 * A reading for each attempt of the commit's transaction: the first starts at once (the worker reads
 * while the write waits for its turn), and an attempt run again (busy, or a conflict on PostgreSQL)
 * stops the one before and reads the file again. `current` is the latest.
 */
export function readingPerAttempt(start: () => PreparedRows): { read(): PreparedRows; readonly current: PreparedRows } {
	let current = start();
	let used = false;
	return {
		read() {
			if (used) {
				current.stop();
				current = start();
			}
			used = true;
			return current;
		},
		get current() {
			return current;
		}
	};
}
