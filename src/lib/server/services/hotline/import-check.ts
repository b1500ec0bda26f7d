// Checking an import's rows, the costly part of reading a file (the columns' rules and each order's
// fingerprint), a batch at a time: on this thread, or shared with an import worker (import-worker.ts)
// while this thread reads the file on and puts the checked rows together in file order
// (import-scan.ts). The preview of a large file then takes both cores instead of one.
import type { Worker } from 'node:worker_threads';
import {
	validateOrderRecord,
	type OrderColumnKey,
	type OrderInput,
	type OrderValidation,
	type OrderValidationContext
} from '$lib/domain/hotline-order-input';
import { validationContextFrom, type OrderValidationData } from '../../hotline-validation';
import { orderFingerprint } from './fingerprint';
import { giveBack, isReady, takeWorker } from './import-worker';

export type RawOrder = Partial<Record<OrderColumnKey, string>>;
/** Where each field is among a record's cells (from the header row). */
export type ColumnIndex = readonly (readonly [OrderColumnKey, number])[];
/** A row checked: its problems, or the order (or the part of it the reader needs), its notes and its fingerprint (fingerprint.ts). */
export type CheckedRow<O = OrderInput> =
	| Extract<OrderValidation, { ok: false }>
	| (Omit<Extract<OrderValidation, { ok: true }>, 'order'> & { order: O; fingerprint: string });
/** Checks a batch of rows, now or later; the answers come in the rows' order. */
export type Checker<O = OrderInput> = (
	cells: readonly (readonly string[])[],
	keys: ColumnIndex
) => CheckedRow<O>[] | Promise<CheckedRow<O>[]>;
/** What a preview needs of an order: its 工单号 (with its fingerprint, whether it is stored already). */
export type OrderNo = Pick<OrderInput, 'orderNo'>;

/** Checks records given as their cells (the records' own arrays go to a worker: cheaper to copy than objects). */
export function checkRows(
	cells: readonly (readonly string[])[],
	keys: ColumnIndex,
	ctx: OrderValidationContext
): CheckedRow[] {
	return cells.map((row) => {
		const raw: RawOrder = {};
		for (const [key, i] of keys) raw[key] = row[i] ?? '';
		const checked = validateOrderRecord(raw, ctx);
		return checked.ok ? { ...checked, fingerprint: orderFingerprint(checked.order) } : checked;
	});
}

/** What the worker is asked (import-prepare.ts answers it). */
export type CheckRequest =
	| { kind: 'context'; data: OrderValidationData }
	| { kind: 'check'; id: number; cells: readonly (readonly string[])[]; keys: ColumnIndex };
export type CheckReply = { kind: 'checked'; id: number; rows: CheckedRow<OrderNo>[] };

/** The rows checked for a preview: only the 工单号 of each order goes back (less to copy between threads). */
export const checkForPreview = (
	cells: readonly (readonly string[])[],
	keys: ColumnIndex,
	ctx: OrderValidationContext
): CheckedRow<OrderNo>[] =>
	checkRows(cells, keys, ctx).map((r) => (r.ok ? { ...r, order: { orderNo: r.order.orderNo } } : r));

/** Batches the worker may hold at once: one it checks, the others waiting, so it never idles between them. */
const AHEAD = 3;

/**
 * A checker that hands batches to an import worker while it has room and checks the others on this
 * thread (all of them until the worker has started). A worker that fails leaves its batches to this
 * thread: the answers are the same either way. `stop` hands the worker back for the next job.
 */
export function sharedChecker(
	data: OrderValidationData,
	/** The context of `data` on this thread, when the caller has made it already. */
	ctx: OrderValidationContext = validationContextFrom(data)
): { check: Checker<OrderNo>; stop(): void } {
	const here: Checker<OrderNo> = (cells, keys) => checkRows(cells, keys, ctx);
	let worker: Worker | null = takeWorker();
	type Batch = { cells: readonly (readonly string[])[]; keys: ColumnIndex };
	const waiting = new Map<number, Batch & { resolve: (r: CheckedRow<OrderNo>[]) => void }>();
	let next = 0;
	const onReply = (m: CheckReply | { kind: string }) => {
		if (m.kind !== 'checked') return;
		const { id, rows } = m as CheckReply;
		waiting.get(id)?.resolve(rows);
		waiting.delete(id);
	};
	const drop = () => {
		const w = worker;
		worker = null;
		w?.off('message', onReply).off('error', drop).off('exit', drop);
		for (const { cells, keys, resolve } of waiting.values()) resolve(checkRows(cells, keys, ctx));
		waiting.clear();
		return w;
	};
	worker.on('message', onReply).on('error', drop).on('exit', drop);
	worker.postMessage({ kind: 'context', data } satisfies CheckRequest);
	return {
		check(cells, keys) {
			if (!worker || !isReady(worker) || waiting.size >= AHEAD) return here(cells, keys);
			const id = next++;
			const answer = new Promise<CheckedRow<OrderNo>[]>((resolve) => waiting.set(id, { cells, keys, resolve }));
			worker.postMessage({ kind: 'check', id, cells, keys } satisfies CheckRequest);
			return answer;
		},
		stop() {
			// Nothing is waiting once the file is read. A reading that failed waits for nothing more: a
			// worker still busy with its batches is not handed on.
			const clean = waiting.size === 0;
			waiting.clear();
			const w = drop();
			if (w) giveBack(w, clean);
		}
	};
}
