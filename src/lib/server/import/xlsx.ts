// Streaming XLSX reader: rows of the first worksheet as strings (exceljs WorkbookReader, bounded memory;
// exceljs parks worksheets that come before the shared strings in temp files, not in memory).
// Cell → string:
// - text as is; rich text → its runs joined; hyperlink → its text; formula → its cached result, never
//   the formula ('' when Excel saved no result); error → '#N/A' etc.; boolean → 'TRUE' / 'FALSE';
// - dates → 'YYYY-MM-DD HH:mm:ss' from the UTC fields (exceljs builds the wall-clock time as UTC),
//   rounded to the second, also for formula results in a date format;
// - numbers → plain decimal, never an exponent (13812345678 → '13812345678'); fractions are cut to
//   15 significant digits as Excel shows them (0.1 + 0.2 → '0.3').
// exceljs 4.4.0 garbles Chinese split across inflate chunks, hangs on truncated zips and cannot cap a zip
// bomb: all worked around behind exceljs-reader.ts (the tests read multi-chunk Chinese sheets, truncated
// files and bombs).
// Rows whose cells are all empty or spaces are skipped (trailing formatted rows, blank rows); `line` is the
// sheet row number. Known exceljs limit: an *inline* rich-text cell keeps only its last run (Excel and
// WPS store rich text as shared strings, which are read in full).
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { RowRecord } from './csv';
import { ImportFileError } from './errors';
import {
	MAX_XLSX_ENTRIES,
	MAX_XLSX_INFLATED_BYTES,
	openXlsxWorkbook,
	UnguardedXlsxReadError,
	type InflateLimits
} from './exceljs-reader';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const isZip = (b: Uint8Array) => b.length >= 4 && ZIP_MAGIC.every((m, k) => b[k] === m);

const plain = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
	const s = String(Number(n.toPrecision(15)));
	return s.includes('e') ? plain.format(n) : s;
}

export function dateText(d: Date): string {
	const t = Math.round(d.getTime() / 1000) * 1000;
	if (!Number.isFinite(t)) return '';
	const u = new Date(t);
	return (
		`${pad(u.getUTCFullYear(), 4)}-${pad(u.getUTCMonth() + 1)}-${pad(u.getUTCDate())} ` +
		`${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}:${pad(u.getUTCSeconds())}`
	);
}

/** exceljs's own test (utils.isDateFmt): a number format with y, m, d, h, s (outside quotes/brackets). */
function isDateFormat(fmt: string | undefined): boolean {
	return !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function valueText(v: unknown, numFmt: string | undefined, date1904: boolean): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') {
		// Plain numbers in a date format arrive as Date already; this is for formula results.
		if (numFmt && isDateFormat(numFmt))
			return dateText(new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 864e5)));
		return numberText(v);
	}
	if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
	if (v instanceof Date) return dateText(v);
	if (typeof v === 'object') {
		const o = v as Record<string, unknown>;
		if (Array.isArray(o.richText)) return o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
		if ('formula' in o || 'sharedFormula' in o || 'result' in o) return valueText(o.result, numFmt, date1904);
		if ('text' in o) return valueText(o.text, undefined, date1904);
		if (typeof o.error === 'string') return o.error;
	}
	return String(v);
}

/** A path, or any readable byte stream, checked for the zip signature without consuming it. */
async function openZip(input: string | NodeJS.ReadableStream): Promise<{ stream: Readable; close: () => void }> {
	if (typeof input === 'string') {
		const fh = await fs.promises.open(input, 'r');
		const head = new Uint8Array(4);
		try {
			await fh.read(head, 0, 4, 0);
		} finally {
			await fh.close();
		}
		if (!isZip(head)) throw new ImportFileError('not_xlsx');
		const stream = fs.createReadStream(input);
		return { stream, close: () => stream.destroy() };
	}
	const it = (input as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
	const head: Buffer[] = [];
	let size = 0;
	while (size < 4) {
		const r = await it.next();
		if (r.done) break;
		const b =
			typeof r.value === 'string'
				? Buffer.from(r.value)
				: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
		head.push(b);
		size += b.length;
	}
	const destroyInput = () => (input as Partial<Readable>).destroy?.();
	if (!isZip(Buffer.concat(head))) {
		destroyInput();
		throw new ImportFileError('not_xlsx');
	}
	const stream = Readable.from(
		(async function* () {
			yield* head;
			for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
		})(),
		{ objectMode: false }
	);
	return { stream, close: () => (stream.destroy(), destroyInput()) };
}

/** Rows of the first worksheet. Throws ImportFileError('not_xlsx') for anything that is not a readable xlsx. */
export async function* readXlsxRows(
	input: string | NodeJS.ReadableStream,
	limits: InflateLimits = { maxBytes: MAX_XLSX_INFLATED_BYTES, maxEntries: MAX_XLSX_ENTRIES }
): AsyncGenerator<RowRecord> {
	const { stream, close } = await openZip(input);
	const workbook = openXlsxWorkbook(stream, limits);
	let sawSheet = false;
	try {
		for await (const sheet of workbook.sheets()) {
			sawSheet = true;
			const date1904 = workbook.date1904();
			for await (const row of sheet) {
				const cells: string[] = [];
				let blank = true;
				row.eachCell((cell, col) => {
					const s = valueText(cell.value, cell.numFmt, date1904);
					if (s === '') return;
					while (cells.length < col - 1) cells.push('');
					cells[col - 1] = s;
					if (blank && s.trim() !== '') blank = false;
				});
				if (!blank) yield { line: row.number, cells };
			}
			break; // first worksheet only
		}
	} catch (e) {
		if (e instanceof ImportFileError || e instanceof UnguardedXlsxReadError) throw e;
		if (limits.exceeded) throw new ImportFileError('xlsx_inflates_too_much', 0, { cause: e });
		throw new ImportFileError('not_xlsx', undefined, { cause: e });
	} finally {
		close();
		workbook.discard();
	}
	if (!sawSheet) throw new ImportFileError('not_xlsx');
}
