// The one door to exceljs's streaming WorkbookReader. exceljs 4.4.0 cannot cap what it inflates, garbles
// characters split across inflate chunks and hangs on a cut-off zip; the fixes (exceljs-zip-hooks.ts)
// wrap two of its internals, the `pipe` it calls on the source and the `push` of its zip parser, which
// it does not promise to keep. So exceljs is pinned to an exact version in package.json, only this
// module applies the hooks, and it refuses to read when they did not take hold: a later exceljs that
// reads the source some other way would otherwise read a zip bomb unguarded. exceljs-reader.test.ts
// pins the behaviour; run it first when upgrading exceljs.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
	hookExcelJsZip,
	MAX_XLSX_ENTRIES,
	MAX_XLSX_INFLATED_BYTES,
	removeSpooled,
	type InflateLimits
} from './exceljs-zip-hooks';

export { MAX_XLSX_ENTRIES, MAX_XLSX_INFLATED_BYTES, type InflateLimits };

/** exceljs read the workbook without passing through the hooks: a programming error, never the file's fault. */
export class UnguardedXlsxReadError extends Error {
	constructor() {
		super('exceljs read the xlsx without the zip hooks (was exceljs upgraded?): the inflate limits are not in force');
		this.name = 'UnguardedXlsxReadError';
	}
}

export interface XlsxWorkbook {
	/** The worksheets in file order. Rejects when the file is not a readable zip or passes the limits. */
	sheets(): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader>;
	/** Whether the workbook counts dates from 1904 (old Mac Excel); known once a worksheet has arrived. */
	date1904(): boolean;
	/** Deletes the temp files exceljs parked worksheets in: call it when done, whether read whole or not. */
	discard(): void;
}

/** Opens a zip byte stream as a workbook, with the inflate limits (`limits.exceeded` says which one stopped it). */
export function openXlsxWorkbook(
	source: Readable,
	limits: InflateLimits = { maxBytes: MAX_XLSX_INFLATED_BYTES, maxEntries: MAX_XLSX_ENTRIES }
): XlsxWorkbook {
	const count = hookExcelJsZip(source, limits);
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
		sharedStrings: 'cache',
		worksheets: 'emit',
		hyperlinks: 'ignore',
		styles: 'cache',
		entries: 'ignore'
	});
	return {
		async *sheets() {
			for await (const sheet of reader) {
				// A worksheet comes out of an inflated zip entry: if the hooks counted none, they were bypassed.
				if (!count.piped || count.entries === 0) throw new UnguardedXlsxReadError();
				yield sheet;
			}
		},
		date1904: () =>
			!!(reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904,
		discard: () => removeSpooled(count)
	};
}
