import { mapHeaders, validateOrderRecord, type OrderColumnKey, type OrderInput, type OrderValidationContext } from '$lib/domain/hotline-order-input';
import { openImportFile } from '../../import/read-file';

export interface RowProblem {
	line: number;
	column: OrderColumnKey | null;
	code: string;
}

export type ScanHeader = { ok: true } | { ok: false; missing: string[]; duplicate: string[] };

/**
 * Reads an import file row by row (streamed, never whole in memory) and hands each valid order,
 * or each row's problems, to the callbacks. A repeated 工单号 inside the file is a problem of the
 * later row. File-level failures throw ImportFileError.
 */
export async function scanOrderFile(
	path: string,
	name: string,
	ctx: OrderValidationContext,
	on: {
		header?: (h: ScanHeader) => void;
		order: (order: OrderInput, line: number) => void | Promise<void>;
		problems: (problems: RowProblem[]) => void;
		progress?: (rows: number) => void | Promise<void>;
	}
): Promise<{ rows: number; headerOk: boolean }> {
	const file = await openImportFile(path, name);
	const mapping = mapHeaders(file.header.cells);
	if (!mapping.ok) {
		on.header?.({ ok: false, missing: mapping.missing, duplicate: mapping.duplicate ?? [] });
		return { rows: 0, headerOk: false };
	}
	on.header?.({ ok: true });
	const keys = Object.entries(mapping.index).filter(([, i]) => i >= 0) as [OrderColumnKey, number][];
	const seen = new Set<string>();
	let rows = 0;
	for await (const record of file.rows) {
		if (record.cells.every((c) => c.trim() === '')) continue; // blank lines, as spreadsheets leave them
		rows++;
		const raw: Partial<Record<OrderColumnKey, string>> = {};
		for (const [key, i] of keys) raw[key] = record.cells[i] ?? '';
		const checked = validateOrderRecord(raw, ctx);
		if (!checked.ok) on.problems(checked.errors.map((e) => ({ line: record.line, column: e.column, code: e.code })));
		else if (seen.has(checked.order.orderNo)) on.problems([{ line: record.line, column: 'orderNo', code: 'duplicate_in_file' }]);
		else {
			seen.add(checked.order.orderNo);
			await on.order(checked.order, record.line);
		}
		if (rows % 2000 === 0) await on.progress?.(rows);
	}
	return { rows, headerOk: true };
}
