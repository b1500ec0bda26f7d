// What an uploaded file is, by its bytes (the name is not trusted to say what it is).
import { detectEncoding } from './encoding';

/**
 * Accepted upload size. 20 MB holds ~60,000 orders of typical width in CSV (more in XLSX); a
 * 50 MB file is refused with 'too_large' before anything is parsed. Callers that import bigger batches
 * (the benchmark) call the parsers directly.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data rows per import; guards XLSX, whose 20 MB can unzip to far more rows than a 20 MB CSV. */
export const MAX_IMPORT_ROWS = 200_000;
/** How many leading bytes sniffFileKind looks at. */
export const SNIFF_HEAD_BYTES = 8 * 1024;

const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|et)$/i;
const BINARY_MAGIC: number[][] = [
	[0x25, 0x50, 0x44, 0x46], // %PDF
	[0x89, 0x50, 0x4e, 0x47], // PNG
	[0xff, 0xd8, 0xff], // JPEG
	[0x47, 0x49, 0x46, 0x38], // GIF8
	[0xd0, 0xcf, 0x11, 0xe0], // OLE2: legacy .xls/.doc
	[0x1f, 0x8b], // gzip
	[0x52, 0x61, 0x72, 0x21], // Rar!
	[0x37, 0x7a, 0xbc, 0xaf], // 7z
	[0xff, 0xfe], // UTF-16LE BOM ("Unicode text" from Excel): not supported
	[0xfe, 0xff] // UTF-16BE BOM
];

const startsWith = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((m, k) => b[k] === m);

/** UTF-8, GB18030, or a mix of both (which decodeImportText then reports as 'mixed_encoding'). */
function isText(b: Uint8Array): boolean {
	try {
		if (detectEncoding(b) !== 'gb18030') return true;
		new TextDecoder('gb18030', { fatal: true }).decode(b, { stream: true }); // a cut-off tail is fine
		return true;
	} catch (e) {
		return (e as { code?: string }).code === 'mixed_encoding';
	}
}

/**
 * 'xlsx' for a zip container (readXlsxRows then says 'not_xlsx' if it is some other zip); 'csv' for text
 * in UTF-8 or GB18030 without NUL bytes or many control characters in the first 8 KB; otherwise null
 * (→ 'not_csv_or_xlsx'). Also null: markup (HTML/XML "xls" exports) and text whose name claims a
 * spreadsheet format (.xls/.xlsx/.et), which would otherwise fail later as a confusing CSV.
 */
export function sniffFileKind(firstBytes: Uint8Array, name: string): 'csv' | 'xlsx' | null {
	const b = firstBytes.subarray(0, SNIFF_HEAD_BYTES);
	if (b.length === 0) return null;
	if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
	if (BINARY_MAGIC.some((m) => startsWith(b, m))) return null;
	let controls = 0;
	for (let i = 0; i < b.length; i++) {
		const c = b[i];
		if (c === 0) return null;
		if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) controls++;
	}
	if (controls * 100 > b.length) return null;
	if (!isText(b)) return null;
	if (SPREADSHEET_NAME.test(name)) return null;
	const start = new TextDecoder('latin1').decode(b.subarray(0, 64)).replace(/^(\xef\xbb\xbf)?\s*/, '');
	if (start.startsWith('<')) return null;
	return 'csv';
}
