// One entry point for an uploaded import file: size limit, sniffing, decoding, parsing.
// Accepts a path on disk or a Blob/File (what SvelteKit's request.formData() gives); both are streamed.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseCsv, type RowRecord } from './csv';
import { decodeImportText } from './encoding';
import { ImportFileError } from './errors';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, SNIFF_HEAD_BYTES, sniffFileKind } from './sniff';

export interface ImportFile {
	kind: 'csv' | 'xlsx';
	/** The first non-blank record. Mapping it to columns (and 'no_header') is the caller's. */
	header: RowRecord;
	/** The records after the header; throws ImportFileError ('mixed_encoding', 'malformed_csv', 'not_xlsx', 'too_large'). */
	rows: AsyncGenerator<RowRecord>;
	/**
	 * Lets go of the file, read to the end or not: its stream, and the temp file an XLSX reader parked
	 * the worksheet in. Call it when done (a reader that stops early, at a bad header say, would keep both).
	 */
	close(): Promise<void>;
}

export interface ImportLimits {
	maxBytes?: number;
	maxRows?: number;
}

async function head(source: string | Blob): Promise<{ size: number; first: Uint8Array }> {
	if (typeof source !== 'string') {
		return { size: source.size, first: new Uint8Array(await source.slice(0, SNIFF_HEAD_BYTES).arrayBuffer()) };
	}
	const fh = await fs.promises.open(source, 'r');
	try {
		const { size } = await fh.stat();
		const first = new Uint8Array(Math.min(size, SNIFF_HEAD_BYTES));
		await fh.read(first, 0, first.length, 0);
		return { size, first };
	} finally {
		await fh.close();
	}
}

const bytes = (source: string | Blob): Readable =>
	typeof source === 'string' ? fs.createReadStream(source) : Readable.fromWeb(source.stream() as WebReadableStream);

/**
 * A copy of a cell that does not pin the parser's text. V8 makes a slice of 13+ characters a view into
 * its parent string, so a kept cell (the import keeps every 工单号 to find duplicates in the file) would
 * keep its whole chunk of CSV text or worksheet XML alive: memory would grow with the file. Measured
 * with 100,000 orders: +80 MB (XLSX) / +26 MB (CSV) of pinned chunks without it. Only what a reader
 * keeps needs it (the other cells go with their chunk): copying every cell cost the preview's thread
 * more than a tenth of its time.
 */
export const detached = (s: string) => (s.length < 13 ? s : (' ' + s).slice(1));

async function* limited(rows: AsyncGenerator<RowRecord>, maxRows: number): AsyncGenerator<RowRecord> {
	let n = 0;
	for await (const row of rows) {
		if (++n > maxRows) throw new ImportFileError('too_large', row.line);
		yield row;
	}
}

/** XLSX rows; ExcelJS is loaded only when a workbook comes (an import's worker thread reading a CSV never loads it). */
async function* xlsxRows(input: Readable): AsyncGenerator<RowRecord> {
	const { readXlsxRows } = await import('./xlsx');
	yield* readXlsxRows(input);
}

/**
 * Opens an upload: 'empty' (no bytes, or no non-blank record), 'too_large' (over maxBytes, checked before
 * reading; or more than maxRows data rows, checked while streaming), 'not_csv_or_xlsx' (by content).
 */
export async function openImportFile(
	source: string | Blob,
	name: string,
	limits: ImportLimits = {}
): Promise<ImportFile> {
	const { size, first } = await head(source);
	if (size === 0) throw new ImportFileError('empty');
	if (size > (limits.maxBytes ?? MAX_IMPORT_BYTES)) throw new ImportFileError('too_large');
	const kind = sniffFileKind(first, name);
	if (!kind) throw new ImportFileError('not_csv_or_xlsx');
	const records = kind === 'csv' ? parseCsv(decodeImportText(bytes(source))) : xlsxRows(bytes(source));
	const firstRecord = await records.next();
	if (firstRecord.done) throw new ImportFileError('empty');
	const close = async () => void (await records.return(undefined));
	return { kind, header: firstRecord.value, rows: limited(records, limits.maxRows ?? MAX_IMPORT_ROWS), close };
}
