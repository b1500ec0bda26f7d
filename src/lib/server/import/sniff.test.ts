import fs from 'node:fs';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from './test-files';
import { openImportFile } from './read-file';
import { MAX_IMPORT_BYTES, sniffFileKind } from './sniff';
import { concatBytes, encodeGb18030, failure, ORDER_HEADERS, orderRow, tempDir, toCsv, utf8 } from './test-files';

const tmp = tempDir('gridcase-sniff-');
afterAll(tmp.cleanup);

const CSV = toCsv([ORDER_HEADERS, orderRow(1), orderRow(2)]);
let png: Uint8Array;
let xlsx: Uint8Array<ArrayBuffer>;
beforeAll(async () => {
	png = new Uint8Array(
		await sharp({ create: { width: 4, height: 4, channels: 3, background: '#88aaff' } })
			.png()
			.toBuffer()
	);
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('工单').addRows([ORDER_HEADERS, orderRow(1), orderRow(2)]);
	xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
});

describe('sniffFileKind', () => {
	it('recognises xlsx by the zip signature and CSV text in every accepted encoding, whatever the name', () => {
		expect(sniffFileKind(xlsx, 'export.csv')).toBe('xlsx');
		expect(sniffFileKind(utf8(CSV), 'orders.csv')).toBe('csv');
		expect(sniffFileKind(utf8('\uFEFF' + CSV), 'orders.txt')).toBe('csv');
		expect(sniffFileKind(encodeGb18030(CSV), 'orders')).toBe('csv');
		// mixed is still text: the decoder then answers 'mixed_encoding' rather than 'not a CSV'
		expect(sniffFileKind(concatBytes(utf8('工单号,诉求人\n'), encodeGb18030('GD1,张三\n')), 'm.csv')).toBe('csv');
	});

	it('refuses a PNG renamed .csv, other binaries, markup, text named as a spreadsheet, and nothing', () => {
		expect(sniffFileKind(png, 'orders.csv')).toBeNull();
		expect(sniffFileKind(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'old.xls')).toBeNull();
		expect(sniffFileKind(utf8('%PDF-1.7\n'), 'a.csv')).toBeNull();
		expect(sniffFileKind(utf8('<html><table><tr><td>工单号</td></tr></table></html>'), 'a.csv')).toBeNull();
		expect(sniffFileKind(utf8(CSV), 'orders.xlsx')).toBeNull();
		expect(sniffFileKind(Uint8Array.of(0x61, 0x00, 0x62), 'a.csv')).toBeNull();
		expect(sniffFileKind(utf8('a\x01b\x02c\x03d\x04'), 'a.csv')).toBeNull();
		expect(sniffFileKind(new Uint8Array(0), 'a.csv')).toBeNull();
	});
});

describe('openImportFile', () => {
	it('opens CSV (UTF-8, BOM, GB18030) and XLSX from disk or a Blob, header apart from the rows', async () => {
		const sources = [
			tmp.file('u.csv', utf8(CSV)),
			tmp.file('b.csv', utf8('\uFEFF' + CSV)),
			tmp.file('g.csv', encodeGb18030(CSV)),
			tmp.file('x.xlsx', xlsx),
			new Blob([encodeGb18030(CSV)]),
			new Blob([xlsx])
		];
		for (const source of sources) {
			const file = await openImportFile(source, 'upload');
			expect(file.header).toEqual({ line: 1, cells: ORDER_HEADERS });
			const rows = await collect(file.rows);
			expect(rows.map((r) => r.line)).toEqual([2, 3]);
			expect(rows[1].cells[0]).toBe('GD202400000002');
			expect(rows[1].cells[7]).toBe('小区门口道路破损需要维修2');
		}
	});

	it("answers a 50 MB file with 'too_large' before reading it", async () => {
		const p = tmp.file('big.csv', utf8(CSV));
		fs.appendFileSync(p, Buffer.alloc(50 * 1024 * 1024, 'GD1,张三\n'));
		expect(fs.statSync(p).size).toBeGreaterThan(MAX_IMPORT_BYTES);
		expect(await failure(openImportFile(p, 'big.csv'))).toEqual({ code: 'too_large', line: undefined });
	});

	it("answers too many rows with 'too_large' at the first row over the limit", async () => {
		const file = await openImportFile(tmp.file('rows.csv', utf8(CSV)), 'rows.csv', { maxRows: 1 });
		expect(await failure(file.rows)).toEqual({ code: 'too_large', line: 3 });
	});

	it('answers empty, blank-only, PNG and text-renamed-.xlsx files with clear codes', async () => {
		expect((await failure(openImportFile(tmp.file('e.csv', ''), 'e.csv'))).code).toBe('empty');
		expect((await failure(openImportFile(tmp.file('blank.csv', '\uFEFF\r\n , \r\n'), 'blank.csv'))).code).toBe('empty');
		expect((await failure(openImportFile(tmp.file('p.csv', png), 'p.csv'))).code).toBe('not_csv_or_xlsx');
		expect((await failure(openImportFile(tmp.file('t.xlsx', CSV), 't.xlsx'))).code).toBe('not_csv_or_xlsx');
		const mixed = tmp.file('m.csv', concatBytes(utf8('工单号,诉求人\n'), encodeGb18030('GD1,张三\n')));
		expect(await failure(openImportFile(mixed, 'm.csv'))).toEqual({ code: 'mixed_encoding', line: 2 });
	});
});
