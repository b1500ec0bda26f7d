import { countKnownHeaders, HEADER_LIKE_MIN, isKnownHeader } from '$lib/domain/hotline-order-columns';
import {
	mapHeaders,
	type OrderColumnKey,
	type OrderInput,
	type OrderValidationContext
} from '$lib/domain/hotline-order-input';
import type { RowRecord } from '../../import/csv';
import { ImportFileError } from '../../import/errors';
import { detached, openImportFile, type ImportFile } from '../../import/read-file';
import { checkRows, type Checker, type CheckedRow, type OrderNo } from './import-check';

export interface RowProblem {
	line: number;
	column: OrderColumnKey | null;
	code: string;
	params?: Record<string, string>;
}

/** What the preview says about a row that is imported, not as written or not at all, without being wrong. */
export type RowNote = RowProblem;

export type ScanHeader =
	{ ok: true; line: number } | { ok: false; missing: string[]; duplicate: string[]; line: number };

/** Rows checked at a time, and batches checked ahead of the one being taken. */
const CHECK_BATCH = 500;
const CHECK_AHEAD = 4;

/** Rows above the header that may be titles ('12345市民服务热线工单导出', an export date): how far to look. */
const TITLE_ROWS = 10;

/**
 * The header row: the first row naming at least three of our columns among the first few, so title
 * rows above it are skipped (real exports have a merged title row); the first row when none does
 * (its missing columns are then reported). The rows read past while looking come back in `rest`.
 */
async function findHeader(
	first: RowRecord,
	rows: AsyncGenerator<RowRecord>
): Promise<{ header: RowRecord; titles: RowRecord[]; rest: RowRecord[] }> {
	const seen: RowRecord[] = [first];
	while (countKnownHeaders(seen[seen.length - 1].cells) < HEADER_LIKE_MIN && seen.length <= TITLE_ROWS) {
		const next = await rows.next();
		if (next.done) break;
		seen.push(next.value);
	}
	const at = seen.findIndex((r) => countKnownHeaders(r.cells) >= HEADER_LIKE_MIN);
	if (at < 0) return { header: first, titles: [], rest: seen.slice(1) };
	return { header: seen[at], titles: seen.slice(0, at), rest: seen.slice(at + 1) };
}

async function* concat(head: RowRecord[], tail: AsyncGenerator<RowRecord>): AsyncGenerator<RowRecord> {
	yield* head;
	yield* tail;
}

/**
 * Reads an import file row by row (streamed, never whole in memory) and hands each valid order,
 * or each row's problems, to the callbacks. A line repeating an earlier one (the same order, to the
 * letter) counts once and is noted; another order under a 工单号 already in the file is a problem of
 * the later row. A second header row is a file-level failure: two exports pasted into one, or a
 * header in two languages, would otherwise turn into rows of nonsense. File-level failures throw
 * ImportFileError.
 */
export interface ScanCallbacks<O extends OrderNo> {
	header?: (h: ScanHeader) => void;
	/** A valid order, with its line and fingerprint (fingerprint.ts). */
	order: (order: O, line: number, fingerprint: string) => void | Promise<void>;
	problems: (problems: RowProblem[]) => void;
	notes?: (notes: RowNote[]) => void;
	progress?: (rows: number) => void | Promise<void>;
	/** Who checks the rows (import-check.ts): this thread when not given. */
	check?: Checker<O>;
}

export async function scanOrderFile<O extends OrderNo = OrderInput>(
	path: string,
	name: string,
	ctx: OrderValidationContext,
	on: ScanCallbacks<O>
): Promise<{ rows: number; headerOk: boolean; repeated: number }> {
	const file = await openImportFile(path, name);
	try {
		return await scanRows(file, ctx, on);
	} finally {
		await file.close();
	}
}

async function scanRows<O extends OrderNo>(
	file: ImportFile,
	ctx: OrderValidationContext,
	on: ScanCallbacks<O>
): Promise<{ rows: number; headerOk: boolean; repeated: number }> {
	const { header, titles, rest } = await findHeader(file.header, file.rows);
	const mapping = mapHeaders(header.cells);
	if (!mapping.ok) {
		on.header?.({ ok: false, missing: mapping.missing, duplicate: mapping.duplicate ?? [], line: header.line });
		return { rows: 0, headerOk: false, repeated: 0 };
	}
	on.header?.({ ok: true, line: header.line });
	if (titles.length)
		on.notes?.(
			titles.map((t) => ({
				line: t.line,
				column: null,
				code: 'title_row_skipped',
				params: { header: String(header.line) }
			}))
		);
	const noColumn = mapping.index.orderNo;
	const keys = Object.entries(mapping.index).filter(([, i]) => i >= 0) as [OrderColumnKey, number][];
	// 工单号 → the line it was first on and what it said there (a short hash keeps memory flat).
	const seen = new Map<string, { line: number; print: number }>();
	let rows = 0;
	let repeated = 0;
	/** The rows of a checked batch, in file order: what each is, given the ones before. */
	const take = async (records: RowRecord[], results: CheckedRow<O>[]) => {
		for (let k = 0; k < records.length; k++) {
			const record = records[k];
			const checked = results[k];
			// A header row repeats a header where the 工单号 goes; only such a row is looked at whole. It
			// never passes as an order (a column name is no 受理时间), so a valid row is not looked at.
			if (
				!checked.ok &&
				isKnownHeader(record.cells[noColumn] ?? '') &&
				countKnownHeaders(record.cells) >= HEADER_LIKE_MIN
			)
				throw new ImportFileError('two_header_rows', record.line, { otherLine: header.line });
			rows++;
			if (!checked.ok) on.problems(checked.errors.map((e) => ({ line: record.line, column: e.column, code: e.code })));
			else {
				const first = seen.get(checked.order.orderNo);
				// 52 bits of the fingerprint as a number: nothing of the 64-character text is kept for it.
				const print = parseInt(checked.fingerprint.slice(0, 13), 16);
				if (first && first.print === print) {
					repeated++;
					on.notes?.([
						{ line: record.line, column: null, code: 'repeated_line', params: { first: String(first.line) } }
					]);
				} else if (first)
					on.problems([
						{ line: record.line, column: 'orderNo', code: 'duplicate_in_file', params: { first: String(first.line) } }
					]);
				else {
					// Kept to the end: a copy, not a view into the file's text (read-file.ts).
					seen.set(detached(checked.order.orderNo), { line: record.line, print });
					if (checked.notes.length) on.notes?.(checked.notes.map((n) => ({ line: record.line, ...n })));
					await on.order(checked.order, record.line, checked.fingerprint);
				}
			}
			if (rows % 2000 === 0) await on.progress?.(rows);
		}
	};
	// Without a checker of its own, the whole order (OrderInput, the default O).
	const check: Checker<O> = on.check ?? ((cells) => checkRows(cells, keys, ctx) as CheckedRow<O>[]);
	// Batches being checked (some perhaps by a worker, import-check.ts), taken in file order.
	const queue: { records: RowRecord[]; results: CheckedRow<O>[] | Promise<CheckedRow<O>[]> }[] = [];
	let batch: RowRecord[] = [];
	const send = () => {
		queue.push({
			records: batch,
			results: check(
				batch.map((r) => r.cells),
				keys
			)
		});
		batch = [];
	};
	for await (const record of concat(rest, file.rows)) {
		if (record.cells.every((c) => c.trim() === '')) continue; // blank lines, as spreadsheets leave them
		batch.push(record);
		if (batch.length < CHECK_BATCH) continue;
		send();
		while (queue.length > CHECK_AHEAD) {
			const { records, results } = queue.shift()!;
			await take(records, await results);
		}
	}
	if (batch.length) send();
	for (const { records, results } of queue) await take(records, await results);
	return { rows, headerOk: true, repeated };
}
