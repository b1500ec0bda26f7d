// The answers of file routes: a stored file with private caching (or the refusal as 403/404), and a
// download streamed as it is written.
import { PassThrough, Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { writeCsv, writeXlsx, type ExportRows } from './import/export';
import type { StoredFile } from './services/stored-files';

export function fileResponse(file: StoredFile, headers: Record<string, string> = {}): Response {
	if (file === 'not_found') error(404, m.err_photo_not_found());
	if (file === 'forbidden') error(403, m.err_forbidden());
	return new Response(new Uint8Array(file.body), {
		headers: {
			'Content-Type': file.mime,
			'Cache-Control': 'private, max-age=86400',
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff',
			...headers
		}
	});
}

const DOWNLOAD_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/** A file to save, streamed as `write` produces it (a large export never sits in memory whole). */
export function downloadResponse(
	format: keyof typeof DOWNLOAD_TYPES,
	name: string,
	write: (out: NodeJS.WritableStream) => Promise<void>
): Response {
	const out = new PassThrough();
	write(out).catch((e) => out.destroy(e));
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'Content-Type': DOWNLOAD_TYPES[format],
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store'
		}
	});
}

/** One table as CSV (with a BOM, so Excel reads the Chinese right) or as an XLSX sheet. */
export const tableDownload = (
	format: keyof typeof DOWNLOAD_TYPES,
	name: string,
	table: { headers: readonly string[]; rows: ExportRows; sheetName?: string }
) =>
	downloadResponse(format, name, (out) =>
		format === 'xlsx'
			? writeXlsx(table.rows, table.headers, out, { sheetName: table.sheetName })
			: writeCsv(table.rows, table.headers, out, { bom: true })
	);
