// Order-list export writers (CSV, XLSX), streamed, with spreadsheet formula injection neutralised.
// Both writers write the whole file and end `out`; they resolve once `out` has finished.
// spreadsheetResponse serves either as a download.
import { once } from 'node:events';
import { PassThrough, Readable, type Stream } from 'node:stream';
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

const CONTENT_TYPE = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * A file as a download, streamed as `write` writes it (which ends the stream) and never cached; a
 * failure while writing aborts the download. The file name's extension gives its type.
 */
export function downloadResponse(
	filename: `${string}.${keyof typeof CONTENT_TYPE}`,
	write: (out: NodeJS.WritableStream) => Promise<void>
): Response {
	const out = new PassThrough();
	write(out).catch((e) => out.destroy(e));
	const ext = filename.slice(filename.lastIndexOf('.') + 1) as keyof typeof CONTENT_TYPE;
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'Content-Type': CONTENT_TYPE[ext],
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'no-store'
		}
	});
}

/** The rows as a CSV (with a BOM) or XLSX download named `name` with the format's extension. */
export const spreadsheetResponse = (
	format: keyof typeof CONTENT_TYPE,
	rows: ExportRows,
	headers: readonly string[],
	name: string,
	opts: { sheetName?: string } = {}
): Response =>
	downloadResponse(`${name}.${format}`, (out) =>
		format === 'xlsx' ? writeXlsx(rows, headers, out, opts) : writeCsv(rows, headers, out, { bom: true })
	);
