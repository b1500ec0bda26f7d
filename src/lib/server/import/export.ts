// Order-list export writers (CSV, XLSX), streamed, with spreadsheet formula injection neutralised.
// Both writers write the whole file and end `out`; they resolve once `out` has finished.
import { once } from 'node:events';
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';

export type ExportRows =
	Iterable<readonly (string | null | undefined)[]> | AsyncIterable<readonly (string | null | undefined)[]>;

const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * OWASP "CSV injection": a value starting with = + - @ TAB or CR (and, defensively, LF) would be read as
 * a formula by Excel/WPS/LibreOffice, so it gets a leading apostrophe: '=HYPERLINK("http://evil","x")'
 * → "'=HYPERLINK(...)". Exception: a plain negative decimal such as -12.5 stays as it is (a number is
 * not a formula, and amounts/coordinates must stay numbers). '+8613812345678' is prefixed (use the
 * national form for phones). Applied to every exported cell, headers included, in CSV and XLSX alike.
 */
export function neutralizeFormula(value: string): string {
	if (value === '') return value;
	const c = value.charCodeAt(0);
	if (c === 0x3d || c === 0x2b || c === 0x40 || c === 0x09 || c === 0x0d || c === 0x0a) return `'${value}`;
	if (c === 0x2d && !PLAIN_NEGATIVE_NUMBER.test(value)) return `'${value}`;
	return value;
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(v: string | null | undefined): string {
	const s = neutralizeFormula(v ?? '');
	return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (row: readonly (string | null | undefined)[]) => row.map(csvField).join(',') + '\r\n';

async function write(out: NodeJS.WritableStream, s: string): Promise<void> {
	if (!out.write(s)) await once(out, 'drain');
}

function end(out: NodeJS.WritableStream): Promise<void> {
	return new Promise((resolve, reject) => {
		out.once('error', reject);
		out.end(() => resolve());
	});
}

/**
 * RFC 4180 CSV, CRLF line ends, UTF-8 with a BOM by default (without it Excel in China reads the file
 * as GBK and the Chinese is garbled). Fields holding a comma, quote or line break are quoted.
 */
export async function writeCsv(
	rows: ExportRows,
	headers: readonly string[],
	out: NodeJS.WritableStream,
	opts: { bom: boolean } = { bom: true }
): Promise<void> {
	let buf = (opts.bom ? '\uFEFF' : '') + csvLine(headers);
	for await (const row of rows) {
		buf += csvLine(row);
		if (buf.length >= 65536) {
			await write(out, buf);
			buf = '';
		}
	}
	if (buf) await write(out, buf);
	await end(out);
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: every cell is a plain string (never a formula, so
 * 工单号 and phones keep their digits), neutralised like the CSV so the file stays safe if re-saved as
 * CSV. Rows are committed as they go; the writer waits for `out` to drain every 1,000 rows.
 */
export async function writeXlsx(
	rows: ExportRows,
	headers: readonly string[],
	out: NodeJS.WritableStream,
	opts: { sheetName?: string } = {}
): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out as unknown as Stream,
		useStyles: false,
		useSharedStrings: false
	});
	const sheet = workbook.addWorksheet(opts.sheetName ?? 'Sheet1');
	sheet.addRow(headers.map(neutralizeFormula)).commit();
	let n = 0;
	const writable = out as Partial<{ writableNeedDrain: boolean }>;
	for await (const row of rows) {
		sheet.addRow(row.map((v) => (v ? neutralizeFormula(v) : null))).commit();
		if (++n % 1000 === 0 && writable.writableNeedDrain) await once(out, 'drain');
	}
	sheet.commit();
	await workbook.commit();
}
