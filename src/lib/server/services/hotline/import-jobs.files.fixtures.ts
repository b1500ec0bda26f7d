// Shared test files of the import-jobs.*.test.ts files: rows, and files written to disk in each format the city
// platform exports. The database side: import-jobs.fixtures.ts.
import ExcelJS from 'exceljs';
import { ORDER_LEADING_HEADERS } from '$lib/domain/hotline-order-columns';
import { concatBytes, encodeGb18030, tempDir, toCsv, utf8 } from '../../import/test-files';

const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
/** The test files' folder (useImportJobsEnv removes it after the file's tests). */
export const tmp = tempDir('gridcase-import-jobs-');

export const HEADERS = [...ORDER_LEADING_HEADERS];
export type Row = [
	orderNo: string,
	channel: string,
	type: string,
	urgency: string,
	name: string,
	phone: string,
	address: string,
	content: string,
	receivedAt: string
];

export const valid = (
	orderNo: string,
	over: Partial<Record<'type' | 'phone' | 'content' | 'receivedAt', string>> = {}
): Row => [
	orderNo,
	'12345热线',
	over.type ?? '投诉',
	'一般',
	'欧阳娜娜',
	over.phone ?? '13812345678',
	'古美路 1000 弄 3 号',
	over.content ?? '楼道堆物，影响通行',
	over.receivedAt ?? '2026-09-28 09:15'
];

/**
 * The file every format is checked with (line numbers: header = 1):
 * 2 new, 3 same as stored, 4 no 工单号, 5 the 工单号 of line 2 with other content, 6 unknown 诉求类型, 7 2026-02-30,
 * 8 in the future, 9 a phone that is not one, 10 changed against the stored order.
 */
export function mixedRows(p: string): Row[] {
	return [
		valid(`${p}-001`),
		valid(`${p}-002`, { type: '咨询' }),
		valid(''),
		valid(`${p}-001`, { content: '另一件事：小区门口垃圾满溢' }),
		valid(`${p}-004`, { type: '表扬' }),
		valid(`${p}-005`, { receivedAt: '2026-02-30 10:00' }),
		valid(`${p}-006`, { receivedAt: '2026-10-01 10:00' }),
		valid(`${p}-007`, { phone: '12345' }),
		valid(`${p}-003`, { content: '夜间施工噪音，已持续一周' })
	];
}
export const EXPECTED_PROBLEMS = [
	{ line: 4, column: 'orderNo', code: 'required' },
	{ line: 5, column: 'orderNo', code: 'duplicate_in_file', params: { first: '2' } },
	{ line: 6, column: 'orderType', code: 'unknown_order_type' },
	{ line: 7, column: 'receivedAt', code: 'invalid_date' },
	{ line: 8, column: 'receivedAt', code: 'in_future' },
	{ line: 9, column: 'phone', code: 'invalid_phone' }
];

export type Format = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'xlsx';
export const FORMATS: Format[] = ['utf-8', 'utf-8-bom', 'gb18030', 'xlsx'];
/** 工单号 prefixes per format (none a prefix of another). */
export const CODE: Record<Format, string> = { 'utf-8': 'U8', 'utf-8-bom': 'BOM', gb18030: 'GB', xlsx: 'XL' };
let fileSerial = 0;

/** Writes `rows` under HEADERS (or `headers`) as a real file in the given format; returns its path. */
export async function writeFile(format: Format, rows: string[][], headers: string[] = HEADERS): Promise<string> {
	const name = `orders-${++fileSerial}-${format}.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
	if (format !== 'xlsx') {
		const text = toCsv([headers, ...rows]);
		const bytes =
			format === 'gb18030' ? encodeGb18030(text) : format === 'utf-8-bom' ? concatBytes(BOM, utf8(text)) : utf8(text);
		return tmp.file(name, bytes);
	}
	// As a person saves it from Excel: phones typed as numbers, a 派单时间 typed as a date.
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('工单');
	ws.addRow(headers);
	const phoneAt = headers.indexOf('联系电话');
	const timeAt = headers.indexOf('派单时间');
	for (const [i, r] of rows.entries()) {
		const cells: (string | number | Date)[] = [...r];
		if (phoneAt >= 0 && /^\d{11}$/.test(r[phoneAt])) cells[phoneAt] = Number(r[phoneAt]);
		const m = i === 0 && timeAt >= 0 ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(r[timeAt]) : null;
		if (m) cells[timeAt] = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])); // exceljs: wall clock as UTC
		const added = ws.addRow(cells);
		if (m) added.getCell(timeAt + 1).numFmt = 'yyyy-mm-dd hh:mm';
	}
	const p = tmp.file(name);
	await wb.xlsx.writeFile(p);
	return p;
}
