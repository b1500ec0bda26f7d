// Pins what the XLSX import relies on in exceljs's internals (exceljs-zip-hooks.ts). When exceljs is
// upgraded and this file fails, the hooks need another look before anything else.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { openXlsxWorkbook, UnguardedXlsxReadError } from './exceljs-reader';
import { readXlsxRows } from './xlsx';
import { hookExcelJsZip } from './exceljs-zip-hooks';
import { ORDER_HEADERS, orderRow, tempDir } from './test-files';

const tmp = tempDir('gridcase-exceljs-reader-');
afterAll(tmp.cleanup);

const HOOKED_VERSION = '4.4.0';
const limits = () => ({ maxBytes: 256 * 1024, maxEntries: 1000 });

/** Every sheet's rows as arrays of cell values (exceljs's own shape: index 0 unused). */
async function readAll(file: string, l = limits()): Promise<unknown[][][]> {
	const out: unknown[][][] = [];
	const workbook = openXlsxWorkbook(fs.createReadStream(file), l);
	try {
		for await (const sheet of workbook.sheets()) {
			const rows: unknown[][] = [];
			for await (const row of sheet) rows.push((row.values as unknown[]).slice(1));
			out.push(rows);
		}
	} finally {
		workbook.discard();
	}
	return out;
}

let city: string;
let bomb: string;
beforeAll(async () => {
	// A 12345 export as the city platform's Excel writes it: shared strings, one sheet of orders.
	city = tmp.file('city.xlsx');
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('工单').addRows([ORDER_HEADERS, ...Array.from({ length: 200 }, (_, i) => orderRow(i))]);
	await wb.xlsx.writeFile(city);
	// Small zipped, large inflated: the same text repeated (a real bomb is the same, far larger).
	bomb = tmp.file('bomb.xlsx');
	const b = new ExcelJS.Workbook();
	const ws = b.addWorksheet('工单');
	for (let i = 0; i < 1500; i++) ws.addRow([`GD${i}`, `${'工单内容'.repeat(200)}${i}`]);
	await b.xlsx.writeFile(bomb);
});

describe('the exceljs the hooks were written for', () => {
	it(`is pinned exactly, and ${HOOKED_VERSION} is installed`, () => {
		const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
		expect(pkg.dependencies.exceljs).toBe(HOOKED_VERSION);
		const installed = JSON.parse(fs.readFileSync(path.join('node_modules', 'exceljs', 'package.json'), 'utf8'));
		expect(installed.version).toBe(HOOKED_VERSION);
	});

	it('reads the source through the hooked pipe, entry by entry', async () => {
		const source = fs.createReadStream(city);
		const count = hookExcelJsZip(source, limits());
		expect(count).toEqual({ piped: false, entries: 0, inflated: 0, spooled: new Set() });
		const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache' });
		for await (const sheet of reader) for await (const row of sheet) expect(row.number).toBeGreaterThan(0);
		expect(count.piped).toBe(true);
		expect(count.entries).toBeGreaterThanOrEqual(5); // content types, rels, workbook, shared strings, the sheet…
		expect(count.inflated).toBeGreaterThan(fs.statSync(city).size);
	});
});

describe('openXlsxWorkbook', () => {
	it('reads a city export whole, Chinese intact', async () => {
		const [rows] = await readAll(city, { maxBytes: 300 * 1024 * 1024, maxEntries: 1000 });
		expect(rows).toHaveLength(201);
		expect(rows[0]).toEqual(ORDER_HEADERS);
		expect(rows[25]).toEqual(orderRow(24).slice(0, 11)); // exceljs drops the empty last cell
	});

	it('refuses a zip bomb with the parser error, and says which limit stopped it', async () => {
		expect(fs.statSync(bomb).size).toBeLessThan(100_000);
		const l = limits();
		await expect(readAll(bomb, l)).rejects.toThrow('xlsx inflates past its bytes limit');
		expect(l).toMatchObject({ exceeded: 'bytes' });
	});

	it('refuses a workbook of more entries than the limit', async () => {
		const l = { maxBytes: 1024 * 1024 * 1024, maxEntries: 3 };
		await expect(readAll(city, l)).rejects.toThrow('xlsx inflates past its entries limit');
		expect(l).toMatchObject({ exceeded: 'entries' });
	});

	it('refuses to read when exceljs bypasses the hooks (as a later version might)', async () => {
		// Unhooked, the sheet exceljs parks is not seen to be deleted: park it in this file's own folder.
		const before = process.env.TMPDIR;
		process.env.TMPDIR = tmp.dir;
		onTestFinished(() => {
			if (before === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = before;
		});
		const source = fs.createReadStream(city);
		const workbook = openXlsxWorkbook(source, limits());
		source.pipe = Readable.prototype.pipe; // exceljs now reaches the bytes without the hooked pipe
		await expect(
			(async () => {
				for await (const sheet of workbook.sheets()) for await (const row of sheet) expect(row).toBeTruthy();
			})()
		).rejects.toBeInstanceOf(UnguardedXlsxReadError);
		workbook.discard();
	});
});

describe('worksheets exceljs parks in temp files (they hold callers’ names and phones)', () => {
	// exceljs parks a worksheet that comes before sharedStrings.xml (Excel's order, and its own writer's)
	// in a file of the system temp folder; each test gives it a folder of its own to look into.
	let parked: string;
	let before: string | undefined;
	beforeEach(() => {
		before = process.env.TMPDIR;
		parked = fs.mkdtempSync(path.join(tmp.dir, 'parked-'));
		process.env.TMPDIR = parked;
	});
	afterEach(() => {
		if (before === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = before;
	});
	const left = () => fs.readdirSync(parked);

	it('are deleted when the reader stops at the first sheet, as the import does', async () => {
		const workbook = openXlsxWorkbook(fs.createReadStream(city), limits());
		let rows = 0;
		let whileReading: string[] = [];
		for await (const sheet of workbook.sheets()) {
			whileReading = left();
			for await (const row of sheet) rows += row.number > 0 ? 1 : 0;
			break;
		}
		workbook.discard();
		expect(rows).toBe(201);
		expect(whileReading).toHaveLength(1); // exceljs did park the sheet: the case this test is about
		expect(left()).toEqual([]);
	}, 20_000);

	it('are left nowhere by readXlsxRows: read whole, abandoned after one row, or stopped by a limit', async () => {
		let n = 0;
		for await (const row of readXlsxRows(city)) n += row.cells.length > 0 ? 1 : 0;
		expect(n).toBe(201);
		expect(left()).toEqual([]);
		for await (const row of readXlsxRows(city)) {
			expect(row.line).toBe(1);
			break;
		}
		expect(left()).toEqual([]);
		await expect(
			(async () => {
				for await (const row of readXlsxRows(bomb, limits())) expect(row.line).toBeGreaterThan(0);
			})()
		).rejects.toThrow();
		expect(left()).toEqual([]);
	}, 20_000);
});

describe('the hooks stay behind the adapter', () => {
	it('no other module under src applies them or opens exceljs’s streaming reader', () => {
		const allowed = new Set(['exceljs-reader.ts', 'exceljs-reader.test.ts', 'exceljs-zip-hooks.ts']);
		const offenders: string[] = [];
		for (const rel of fs.readdirSync('src', { recursive: true }) as string[]) {
			if (!/\.(ts|svelte|js)$/.test(rel) || allowed.has(path.basename(rel))) continue;
			const text = fs.readFileSync(path.join('src', rel), 'utf8');
			if (/exceljs-zip-hooks|WorkbookReader\(/.test(text)) offenders.push(rel);
		}
		expect(offenders).toEqual([]);
	});
});
