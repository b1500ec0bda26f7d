import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { decodeImportText } from './encoding';
import { neutralizeFormula, writeCsv, writeXlsx } from './export';
import { collect, tempDir } from './test-files';
import { readXlsxRows } from './xlsx';

const tmp = tempDir('gridcase-export-');
afterAll(tmp.cleanup);

const EVIL = '=HYPERLINK("http://evil","x")';
const HEADERS = ['工单号', '诉求人', '诉求内容', '金额'];
const ROWS = [
	['GD001', '张三', EVIL, '-12.5'],
	['GD002', '@SUM(A1)', '路灯不亮，"很黑"\n请处理', '+1'],
	['GD003', '\t=1+1', "-2+3+cmd|' /C calc'!A0", '']
];
const SAFE = [
	['GD001', '张三', `'${EVIL}`, '-12.5'],
	['GD002', "'@SUM(A1)", '路灯不亮，"很黑"\n请处理', "'+1"],
	['GD003', "'\t=1+1", "'-2+3+cmd|' /C calc'!A0", '']
];

describe('neutralizeFormula', () => {
	it('prefixes values Excel would read as formulas, and nothing else', () => {
		expect(neutralizeFormula(EVIL)).toBe(`'${EVIL}`);
		for (const v of ['+1', '-1+1', '@x', '\tx', '\rx', '\nx', '-', '-1e5', '- 1'])
			expect(neutralizeFormula(v)).toBe(`'${v}`);
		for (const v of ['', 'GD001', '张三', '-12', '-12.5', '13812345678', ' =1', "'=1"])
			expect(neutralizeFormula(v)).toBe(v);
	});
});

describe('writeCsv', () => {
	it('writes UTF-8 with BOM, CRLF, quoting where needed, formulas neutralised', async () => {
		const p = tmp.file('orders.csv');
		await writeCsv(ROWS, HEADERS, fs.createWriteStream(p));
		const bytes = fs.readFileSync(p);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8');
		expect(text).toContain(`GD001,张三,"'=HYPERLINK(""http://evil"",""x"")",-12.5\r\n`);
		const back = await collect(parseCsv(decodeImportText(fs.createReadStream(p))));
		expect(back.map((r) => r.cells)).toEqual([HEADERS, ...SAFE]);
	});

	it('writes without a BOM on request, from an async source, respecting backpressure', async () => {
		async function* many() {
			for (let i = 0; i < 20_000; i++) yield [`GD${i}`, '张三', EVIL, String(i)];
		}
		const out = new PassThrough({ highWaterMark: 1024 });
		const done = writeCsv(many(), HEADERS, out, { bom: false });
		const chunks: Buffer[] = [];
		for await (const c of out) chunks.push(c as Buffer);
		await done;
		const text = Buffer.concat(chunks).toString('utf8');
		expect(text.startsWith('工单号,')).toBe(true);
		expect(text.split('\r\n').length).toBe(20_002);
	});
});

describe('writeXlsx', () => {
	it('writes plain string cells, never formulas, with the same neutralisation', async () => {
		const p = tmp.file('orders.xlsx');
		await writeXlsx(ROWS, HEADERS, fs.createWriteStream(p), { sheetName: '工单' });
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(p);
		const ws = wb.getWorksheet('工单')!;
		const cell = ws.getCell('C2');
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		expect(cell.value).toBe(`'${EVIL}`);
		expect(cell.formula).toBeUndefined();
		ws.eachRow((row) => row.eachCell((c) => expect(c.type).toBe(ExcelJS.ValueType.String)));
		const back = await collect(readXlsxRows(p));
		expect(back.map((r) => r.cells)).toEqual([HEADERS, ...SAFE.map((r) => (r[3] ? r : r.slice(0, 3)))]);
	});

	it('streams a large export', async () => {
		const p = tmp.file('many.xlsx');
		function* many() {
			for (let i = 0; i < 20_000; i++) yield [`GD${i}`, '张三', `地址${i}`, String(i)];
		}
		await writeXlsx(many(), HEADERS, fs.createWriteStream(p));
		let n = 0;
		for await (const r of readXlsxRows(p)) if (r.cells[2] === `地址${r.line - 2}`) n++;
		expect(n).toBe(20_000);
	});
});
