import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateText, numberText, readXlsxRows } from './xlsx';
import { collect, failure, ORDER_HEADERS, orderRow, tempDir } from './test-files';

const tmp = tempDir('gridcase-xlsx-');
afterAll(tmp.cleanup);

let sample: string;
beforeAll(async () => {
	// A workbook as a person would make it in Excel: shared strings, styles, a second sheet.
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('工单');
	ws.addRow(['工单号', '诉求人', '联系电话', '派单时间', '备注', '链接', '其他']);
	ws.addRow([
		'GD001',
		{ richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] },
		13812345678,
		new Date(Date.UTC(2024, 4, 6, 7, 8, 9)),
		{ formula: 'HYPERLINK("http://x","y")', result: 'y' },
		{ text: '查看', hyperlink: 'http://example.com/a' },
		true
	]);
	ws.getCell('D2').numFmt = 'yyyy-mm-dd hh:mm:ss';
	ws.addRow([]); // a blank row in the middle (row 3) is skipped
	ws.addRow([
		'GD002',
		'李四',
		'021-12345678',
		new Date(Date.UTC(2024, 0, 31, 23, 59, 59, 600)),
		0.1 + 0.2,
		1e21,
		{ formula: 'D4+1', result: 45323.5 }
	]);
	ws.getCell('D4').numFmt = 'yyyy/m/d h:mm';
	ws.getCell('G4').numFmt = 'yyyy-mm-dd hh:mm';
	ws.getCell('A6').value = '   ';
	for (let r = 7; r <= 12; r++)
		ws.getCell(`B${r}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
	wb.addWorksheet('说明').addRow(['这张表不导入']);
	sample = tmp.file('sample.xlsx');
	await wb.xlsx.writeFile(sample);
});

/** Two 3,000-row Chinese workbooks (~0.5 MB of XML each: many 16 KB inflate chunks), made once. */
let big: Promise<{ n: number; streamed: string; shared: string }> | null = null;
const bigFiles = () =>
	(big ??= (async () => {
		const n = 3000;
		const streamed = tmp.file('big-streamed.xlsx'); // inline strings, no sharedStrings → exceljs temp file
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: streamed });
		const ws = writer.addWorksheet('s');
		ws.addRow(ORDER_HEADERS).commit();
		for (let i = 0; i < n; i++) ws.addRow(orderRow(i)).commit();
		await writer.commit();
		const shared = tmp.file('big-shared.xlsx'); // Chinese in sharedStrings.xml
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('s').addRows([ORDER_HEADERS, ...Array.from({ length: n }, (_, i) => orderRow(i))]);
		await wb.xlsx.writeFile(shared);
		return { n, streamed, shared };
	})());

describe('readXlsxRows', () => {
	const expected = [
		{ line: 1, cells: ['工单号', '诉求人', '联系电话', '派单时间', '备注', '链接', '其他'] },
		{ line: 2, cells: ['GD001', '张三', '13812345678', '2024-05-06 07:08:09', 'y', '查看', 'TRUE'] },
		{
			line: 4,
			cells: [
				'GD002',
				'李四',
				'021-12345678',
				'2024-02-01 00:00:00',
				'0.3',
				'1000000000000000000000',
				'2024-02-01 12:00:00'
			]
		}
	];

	it(`reads the first sheet as strings: dates (UTC fields), phones, rich text, formula results, links (TZ=${process.env.TZ ?? 'unset'})`, async () => {
		expect(await collect(readXlsxRows(sample))).toEqual(expected);
	});

	it('reads from a stream as well as from a path', async () => {
		expect(await collect(readXlsxRows(fs.createReadStream(sample, { highWaterMark: 100 })))).toEqual(expected);
	});

	it('never returns a formula, even when Excel saved no cached result', async () => {
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('s').addRow(['a', { formula: 'HYPERLINK("http://evil","x")' }, { formula: '1+1', result: 2 }]);
		const p = tmp.file('formula.xlsx');
		await wb.xlsx.writeFile(p);
		expect(await collect(readXlsxRows(p))).toEqual([{ line: 1, cells: ['a', '', '2'] }]);
	});

	it('reads a file made by the streaming writer (inline strings, no shared strings)', async () => {
		const p = tmp.file('streamed.xlsx');
		const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p });
		const ws = wb.addWorksheet('s');
		ws.addRow(ORDER_HEADERS).commit();
		for (let i = 0; i < 50; i++) ws.addRow(orderRow(i)).commit();
		await wb.commit();
		const rows = await collect(readXlsxRows(p));
		expect(rows.length).toBe(51);
		expect(rows[26]).toEqual({ line: 27, cells: orderRow(25).slice(0, 11) }); // the empty last cell is not padded
	});

	it('keeps Chinese whole across inflate chunks, in both zip layouts (exceljs decodes each chunk on its own)', async () => {
		const { n, streamed, shared } = await bigFiles();
		const expected = [ORDER_HEADERS, ...Array.from({ length: n }, (_, i) => orderRow(i).slice(0, 11))];
		for (const p of [streamed, shared]) {
			expect((await collect(readXlsxRows(p))).map((r) => r.cells)).toEqual(expected);
			const fromStream = await collect(readXlsxRows(fs.createReadStream(p, { highWaterMark: 4096 })));
			expect(fromStream.map((r) => r.cells)).toEqual(expected);
		}
	});

	it("refuses a text file renamed .xlsx, a truncated xlsx and an empty file with 'not_xlsx'", async () => {
		const text = tmp.file('orders.xlsx', '工单号,诉求人\nGD001,张三\n');
		expect(await failure(readXlsxRows(text))).toEqual({ code: 'not_xlsx', line: undefined });
		expect((await failure(readXlsxRows(fs.createReadStream(text)))).code).toBe('not_xlsx');
		const truncated = tmp.file('truncated.xlsx', fs.readFileSync(sample).subarray(0, 600));
		expect((await failure(readXlsxRows(truncated))).code).toBe('not_xlsx');
		expect((await failure(readXlsxRows(tmp.file('empty.xlsx', '')))).code).toBe('not_xlsx');
	});

	it("answers truncated and corrupted large files with 'not_xlsx' instead of hanging", async () => {
		const { streamed, shared } = await bigFiles();
		for (const [name, file] of Object.entries({ streamed, shared })) {
			const bytes = fs.readFileSync(file);
			for (const cut of [0.3, 0.6, 0.9]) {
				const p = tmp.file(`cut-${cut}-${name}`, bytes.subarray(0, Math.floor(bytes.length * cut)));
				expect((await failure(readXlsxRows(p))).code).toBe('not_xlsx');
				expect((await failure(readXlsxRows(fs.createReadStream(p, { highWaterMark: 1000 })))).code).toBe('not_xlsx');
			}
			const corrupt = Buffer.from(bytes);
			for (let i = 2000; i < corrupt.length - 2000; i += 997) corrupt[i] ^= 0x5a;
			expect((await failure(readXlsxRows(tmp.file(`corrupt-${name}`, corrupt)))).code).toBe('not_xlsx');
		}
	});

	it('stops cleanly when the caller stops early', async () => {
		for await (const row of readXlsxRows(sample)) {
			expect(row.line).toBe(1);
			break;
		}
	});
});

describe('cell text helpers', () => {
	it('numberText writes plain decimals', () => {
		expect(numberText(13812345678)).toBe('13812345678');
		expect(numberText(110101199001011230)).toBe('110101199001011230');
		expect(numberText(-0)).toBe('0');
		expect(numberText(1e-7)).toBe('0.0000001');
		expect(numberText(1.5)).toBe('1.5');
		expect(numberText(NaN)).toBe('');
	});

	it('dateText uses the UTC fields and rounds to the second', () => {
		expect(dateText(new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 499)))).toBe('2024-12-31 23:59:59');
		expect(dateText(new Date(Date.UTC(2024, 11, 31, 23, 59, 59, 500)))).toBe('2025-01-01 00:00:00');
		expect(dateText(new Date(NaN))).toBe('');
	});
});

describe('a zip bomb', () => {
	// Rows of one long repeated text: a few KB zipped, megabytes unpacked (a real bomb is the same at 300×).
	let bomb: string;
	beforeAll(async () => {
		bomb = tmp.file('bomb.xlsx');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('工单');
		const long = '工单内容'.repeat(200);
		for (let i = 0; i < 4000; i++) ws.addRow([`GD${i}`, `${long}${i}`]);
		await wb.xlsx.writeFile(bomb);
	});

	it('stops reading once the unpacked bytes pass the limit, with a file-level (row 0) error', async () => {
		expect(fs.statSync(bomb).size).toBeLessThan(200_000);
		const limits = { maxBytes: 1024 * 1024, maxEntries: 1000 };
		let rows = 0;
		const err = await (async () => {
			try {
				for await (const r of readXlsxRows(bomb, limits)) if (r) rows++;
			} catch (e) {
				return e as { code: string; line?: number };
			}
			return null;
		})();
		expect(err?.code).toBe('xlsx_inflates_too_much');
		expect(err?.line).toBe(0);
		expect(limits).toMatchObject({ exceeded: 'bytes' });
		expect(rows).toBeLessThan(4000);
	});

	it('reads the same file whole within the default limits', async () => {
		let rows = 0;
		for await (const r of readXlsxRows(bomb)) if (r) rows++;
		expect(rows).toBe(4000);
	});

	it('refuses a workbook of more parts than the limit', async () => {
		const limits = { maxBytes: 1024 * 1024 * 1024, maxEntries: 3 };
		await expect(collect(readXlsxRows(sample, limits))).rejects.toMatchObject({ code: 'xlsx_inflates_too_much' });
		expect(limits).toMatchObject({ exceeded: 'entries' });
	});
});
