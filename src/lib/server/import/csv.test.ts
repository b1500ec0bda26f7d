import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { decodeImportText } from './encoding';
import { chunked, collect, encodeGb18030, failure, ORDER_HEADERS, orderRow, tempDir, toCsv, utf8 } from './test-files';

const tmp = tempDir('gridcase-csv-');
afterAll(tmp.cleanup);

const parse = (text: string, size = 1 << 16) => collect(parseCsv(chunked(text, size)));

describe('parseCsv', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks, and numbers physical lines', async () => {
		const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\r\n3,"three\nmore\nlines",\r\n4,,end';
		const expected = [
			{ line: 1, cells: ['a', 'b', 'c'] },
			{ line: 2, cells: ['1', 'x, y', 'say "hi"'] },
			{ line: 3, cells: ['2', 'two\r\nlines', 'z'] },
			{ line: 5, cells: ['3', 'three\nmore\nlines', ''] },
			{ line: 8, cells: ['4', '', 'end'] }
		];
		for (const size of [1, 2, 3, 5, 7, 1000]) expect(await parse(text, size)).toEqual(expected);
	});

	it('handles LF, CRLF, lone CR, a trailing newline and a BOM alike', async () => {
		const rows = [
			{ line: 1, cells: ['工单号', '诉求人'] },
			{ line: 2, cells: ['GD1', '张三'] }
		];
		for (const text of [
			'工单号,诉求人\nGD1,张三\n',
			'工单号,诉求人\r\nGD1,张三\r\n',
			'工单号,诉求人\rGD1,张三',
			'\uFEFF工单号,诉求人\r\nGD1,张三'
		]) {
			for (const size of [1, 4, 100]) expect(await parse(text, size)).toEqual(rows);
		}
	});

	it('skips blank lines and rows of empty cells but keeps counting lines', async () => {
		expect(await parse('a,b\n\n,,\n  , \n1,2\n\n\n')).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 5, cells: ['1', '2'] }
		]);
		expect(await parse('')).toEqual([]);
		expect(await parse('\uFEFF')).toEqual([]);
	});

	it('is lenient where Excel is: stray quotes in unquoted fields, text after a closing quote', async () => {
		expect(await parse('5" screen,"ab"cd,x\n')).toEqual([{ line: 1, cells: ['5" screen', 'abcd', 'x'] }]);
	});

	it('refuses an unterminated quote with the line where the field opens', async () => {
		for (const size of [1, 3, 100]) {
			expect(await failure(parseCsv(chunked('a,b\n1,2\n3,"never\nclosed,4\n', size)))).toEqual({
				code: 'malformed_csv',
				line: 3
			});
		}
		expect(await failure(parseCsv(chunked('a,"b""', 100)))).toEqual({ code: 'malformed_csv', line: 1 });
	});

	it('reads real CSV files in UTF-8, UTF-8 with BOM and GB18030 to the same records', async () => {
		const rows = [ORDER_HEADERS, ...Array.from({ length: 60 }, (_, i) => orderRow(i))];
		const text = toCsv(rows);
		const files = {
			utf8: tmp.file('orders-utf8.csv', utf8(text)),
			bom: tmp.file('orders-bom.csv', utf8('\uFEFF' + text)),
			gb: tmp.file('orders-gb18030.csv', encodeGb18030(text))
		};
		for (const p of Object.values(files)) {
			const records = await collect(parseCsv(decodeImportText(fs.createReadStream(p, { highWaterMark: 97 }))));
			expect(records.map((r) => r.cells)).toEqual(rows);
			expect(records[1].line).toBe(2);
			// rows 0 and 25 carry a line break inside quotes
			expect(records.slice(1, 4).map((r) => r.line)).toEqual([2, 4, 5]);
			expect(records.slice(26, 28).map((r) => r.line)).toEqual([28, 30]);
		}
	});

	it('parses a generated 200,000-row file (rate printed, not asserted)', async () => {
		const n = 200_000;
		const parts = [toCsv([ORDER_HEADERS])];
		for (let i = 0; i < n; i++) parts.push(toCsv([orderRow(i)]));
		const text = parts.join('');
		const p = tmp.file('orders-200k.csv', utf8(text));

		let t = performance.now();
		let count = 0;
		let last = 0;
		for await (const r of parseCsv(chunked(text, 1 << 16))) {
			count++;
			last = r.line;
		}
		const parseMs = performance.now() - t;
		expect(count).toBe(n + 1);
		expect(last).toBe(n + 1 + Math.floor((n - 1) / 25) + 1); // one extra physical line per 25th row

		t = performance.now();
		count = 0;
		for await (const r of parseCsv(decodeImportText(fs.createReadStream(p)))) count += r.cells.length === 12 ? 1 : 0;
		const fileMs = performance.now() - t;
		expect(count).toBe(n + 1);
		console.log(
			`CSV ${n} rows x 12 cols (${(text.length / 1e6).toFixed(1)}M chars): parse ${Math.round(n / (parseMs / 1000))} rows/s; ` +
				`file+decode+parse ${Math.round(n / (fileMs / 1000))} rows/s`
		);
	});
});
