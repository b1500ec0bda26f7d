// File-level import failures: the whole upload is refused with one code (and a line where known).
// Row-level problems (bad phone, unknown 诉求类型, ...) are not errors here: the validator reports them.

export type ImportFileErrorCode =
	| 'mixed_encoding' // part UTF-8, part GB18030 (or bytes that are neither)
	| 'malformed_csv' // unterminated quoted field
	| 'not_xlsx' // looked like a spreadsheet but is not a readable xlsx (or has no worksheet)
	| 'xlsx_inflates_too_much' // unpacks past MAX_XLSX_INFLATED_BYTES or MAX_XLSX_ENTRIES: a zip bomb, read no further
	| 'not_csv_or_xlsx' // neither text nor a zip container
	| 'too_large' // over MAX_IMPORT_BYTES (or MAX_IMPORT_ROWS)
	| 'empty' // zero bytes, or only a BOM / whitespace
	| 'no_header' // no non-blank first row
	| 'two_header_rows'; // a second row of column headers below the first (line: the second; otherLine: the first)

const MESSAGES: Record<ImportFileErrorCode, string> = {
	mixed_encoding: 'the file mixes UTF-8 and GB18030 text (or is in neither)',
	malformed_csv: 'a quoted CSV field is never closed',
	not_xlsx: 'the file is not a readable XLSX workbook',
	xlsx_inflates_too_much: 'the XLSX file unpacks to far more than a workbook of its size (a zip bomb?)',
	not_csv_or_xlsx: 'the file is neither CSV nor XLSX',
	too_large: 'the file is too large',
	empty: 'the file is empty',
	no_header: 'the file has no header row',
	two_header_rows: 'the file has a second header row'
};

export class ImportFileError extends Error {
	readonly code: ImportFileErrorCode;
	/** 1-based physical line (CSV) or sheet row (XLSX) where the problem was found, when known. */
	readonly line?: number;
	/** Another line the problem involves: the first header row, for 'two_header_rows'. */
	readonly otherLine?: number;
	constructor(code: ImportFileErrorCode, line?: number, options?: { cause?: unknown; otherLine?: number }) {
		super(line === undefined ? MESSAGES[code] : `${MESSAGES[code]} (line ${line})`, options);
		this.name = 'ImportFileError';
		this.code = code;
		if (line !== undefined) this.line = line;
		if (options?.otherLine !== undefined) this.otherLine = options.otherLine;
	}
}
