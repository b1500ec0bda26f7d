import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validateOrderRecord, type OrderColumnKey } from '$lib/domain/hotline-order-input';
import { concatBytes, encodeGb18030, tempDir, toCsv, utf8 } from '../../import/test-files';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { createTestDb, type TestDb } from '../../test-db';
import { analyseImport, commitImport, type ImportMode } from './import-jobs';
import { ingestOrders } from './ingest';
import { importFilePath, registerImportFile, startCommit, startImport } from './import-upload';

/** Asia/Shanghai wall time, explicit +08:00 so the process TZ never matters. */
const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-09-29 10:00');
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

const tmp = tempDir('gridcase-import-jobs-');
const saved = { IMPORT_DIR: process.env.IMPORT_DIR, DATABASE_PATH: process.env.DATABASE_PATH };
beforeAll(() => {
	process.env.IMPORT_DIR = path.join(tmp.dir, 'imports');
});
afterAll(() => {
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	tmp.cleanup();
});

// ---------------------------------------------------------------------------------------------
// Test files, written to disk in each format the issue names.

const HEADERS = ['工单号', '来源渠道', '诉求类型', '紧急程度', '诉求人', '联系电话', '地址', '诉求内容', '派单时间'];
type Row = [orderNo: string, channel: string, type: string, urgency: string, name: string, phone: string, address: string, content: string, receivedAt: string];

const valid = (orderNo: string, over: Partial<Record<'type' | 'phone' | 'content' | 'receivedAt', string>> = {}): Row => [
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
 * 2 new, 3 same as stored, 4 no 工单号, 5 duplicate of line 2, 6 unknown 诉求类型, 7 2026-02-30,
 * 8 in the future, 9 a phone that is not one, 10 changed against the stored order.
 */
function mixedRows(p: string): Row[] {
	return [
		valid(`${p}-001`),
		valid(`${p}-002`, { type: '咨询' }),
		valid(''),
		valid(`${p}-001`),
		valid(`${p}-004`, { type: '表扬' }),
		valid(`${p}-005`, { receivedAt: '2026-02-30 10:00' }),
		valid(`${p}-006`, { receivedAt: '2026-10-01 10:00' }),
		valid(`${p}-007`, { phone: '12345' }),
		valid(`${p}-003`, { content: '夜间施工噪音，已持续一周' })
	];
}
const EXPECTED_PROBLEMS = [
	{ line: 4, column: 'orderNo', code: 'required' },
	{ line: 5, column: 'orderNo', code: 'duplicate_in_file' },
	{ line: 6, column: 'orderType', code: 'unknown_order_type' },
	{ line: 7, column: 'receivedAt', code: 'invalid_date' },
	{ line: 8, column: 'receivedAt', code: 'in_future' },
	{ line: 9, column: 'phone', code: 'invalid_phone' }
];

type Format = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'xlsx';
const FORMATS: Format[] = ['utf-8', 'utf-8-bom', 'gb18030', 'xlsx'];
/** 工单号 prefixes per format (none a prefix of another). */
const CODE: Record<Format, string> = { 'utf-8': 'U8', 'utf-8-bom': 'BOM', gb18030: 'GB', xlsx: 'XL' };
let fileSerial = 0;

/** Writes `rows` under HEADERS (or `headers`) as a real file in the given format; returns its path. */
async function writeFile(format: Format, rows: string[][], headers: string[] = HEADERS): Promise<string> {
	const name = `orders-${++fileSerial}-${format}.${format === 'xlsx' ? 'xlsx' : 'csv'}`;
	if (format !== 'xlsx') {
		const text = toCsv([headers, ...rows]);
		const bytes = format === 'gb18030' ? encodeGb18030(text) : format === 'utf-8-bom' ? concatBytes(BOM, utf8(text)) : utf8(text);
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

// ---------------------------------------------------------------------------------------------

let t: TestDb;
let actorId: number;

async function register(file: string) {
	const r = await registerImportFile(t.db, file, actorId, NOW);
	if (!r.ok) throw new Error(r.code);
	return r.imp;
}
const importRow = (id: number) => t.db.selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const reportOf = async (id: number) => JSON.parse((await importRow(id)).report ?? 'null');
const orders = (prefix: string) => t.db.selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}-%`).orderBy('order_no').execute();
const countOrders = async () => Number((await t.db.selectFrom('hotline_orders').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const countEvents = async () => Number((await t.db.selectFrom('hotline_events').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function analyse(file: string) {
	const imp = await register(file);
	await analyseImport(t.db, imp, file, NOW);
	return { imp, row: await importRow(imp.id), report: await reportOf(imp.id) };
}

async function commit(file: string, mode: ImportMode) {
	const { imp } = await analyse(file);
	await commitImport(t.db, imp, file, mode, actorId, NOW);
	return { imp, row: await importRow(imp.id), report: await reportOf(imp.id) };
}

/** Stores orders as if an earlier import had brought them in. */
async function store(rows: Row[]) {
	const ctx = await orderValidationContext(t.db, NOW);
	const inputs = rows.map((r) => {
		const raw = Object.fromEntries(['orderNo', 'channel', 'orderType', 'urgency', 'citizenName', 'phone', 'address', 'content', 'receivedAt'].map((k, i) => [k, r[i]])) as Partial<Record<OrderColumnKey, string>>;
		const v = validateOrderRecord(raw, ctx);
		if (!v.ok) throw new Error(JSON.stringify(v.errors));
		return v.order;
	});
	await ingestOrders(t.db, inputs, { origin: 'api', importId: null, actorId: null, apiKeyId: null, now: NOW, calendar: await loadCalendar(t.db) });
}

beforeAll(async () => {
	t = await createTestDb();
	actorId = t.users.get('diaodu')!;
});
afterAll(async () => {
	await t.cleanup();
});

describe.each(FORMATS)('analyseImport, %s file', (format) => {
	const p = `AN${CODE[format]}`;

	beforeAll(async () => {
		// Already stored: -002 identical to the file's row, -003 with other content.
		await store([valid(`${p}-002`, { type: '咨询' }), valid(`${p}-003`)]);
	});

	it('counts total/valid/error/new/same/changed and reports each bad row by line, column and code', async () => {
		const before = { orders: await countOrders(), events: await countEvents() };
		const { row, report } = await analyse(await writeFile(format, mixedRows(p)));
		expect(row).toMatchObject({
			status: 'previewed',
			file_kind: format === 'xlsx' ? 'xlsx' : 'csv',
			total_rows: 9,
			valid_rows: 3,
			error_rows: 6,
			new_rows: 1,
			same_rows: 1,
			changed_rows: 1,
			written_rows: 0,
			finished_at: null
		});
		expect(report).toEqual({ problems: EXPECTED_PROBLEMS, more: 0, changed: [`${p}-003`] });
		// Analysing writes nothing but the import's own report.
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it('a file missing a required column → failed, missing_columns', async () => {
		const headers = HEADERS.filter((h) => h !== '派单时间');
		const rows = mixedRows(`${p}-MC`).map((r) => r.slice(0, 8));
		const { row, report } = await analyse(await writeFile(format, rows, headers));
		expect(row).toMatchObject({ status: 'failed', total_rows: 0, valid_rows: 0, finished_at: NOW });
		expect(report).toEqual({ fileError: 'missing_columns', columns: ['派单时间'] });
	});
});

describe('analyseImport: file-level failures', () => {
	it('a CSV that is part UTF-8, part GB18030 → failed, mixed_encoding', async () => {
		const [first, ...rest] = mixedRows('ME').slice(0, 3);
		const bytes = concatBytes(utf8(toCsv([HEADERS, first])), encodeGb18030(toCsv(rest)));
		const { row, report } = await analyse(tmp.file('mixed.csv', bytes));
		expect(row.status).toBe('failed');
		expect(report).toEqual({ fileError: 'mixed_encoding', line: 3 });
		expect(await orders('ME')).toEqual([]);
	});

	it('two columns meaning the same field (工单号 and 工单编号) → failed, duplicate_columns (not "missing" with no column named)', async () => {
		const headers = [...HEADERS, '工单编号'];
		const rows = [[...valid('DC-001'), 'DC-001']];
		const { row, report } = await analyse(await writeFile('utf-8', rows, headers));
		expect(row).toMatchObject({ status: 'failed', total_rows: 0 });
		expect(report).toEqual({ fileError: 'duplicate_columns', columns: ['工单编号'] });
	});

	it('blank lines are skipped and do not shift the reported line numbers', async () => {
		const text = toCsv([HEADERS, valid('BL-001'), ['', '', '', '', '', '', '', '', ''], valid('BL-002', { phone: 'abc' })]).replace('\r\n', '\r\n\r\n');
		const { row, report } = await analyse(tmp.file('blank.csv', text));
		expect(row).toMatchObject({ status: 'previewed', total_rows: 2, valid_rows: 1, error_rows: 1 });
		expect(report.problems).toEqual([{ line: 5, column: 'phone', code: 'invalid_phone' }]);
	});

	it('registering refuses a file that is neither CSV nor XLSX, or empty', async () => {
		expect(await registerImportFile(t.db, tmp.file('photo.csv', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3)), actorId, NOW)).toEqual({ ok: false, code: 'not_csv_or_xlsx' });
		expect(await registerImportFile(t.db, tmp.file('empty.csv', ''), actorId, NOW)).toEqual({ ok: false, code: 'empty' });
	});
});

describe('commitImport', () => {
	it('all_or_nothing with errors writes nothing, even after whole batches were inserted (failed, import_has_errors)', async () => {
		// 2,500 valid rows first, so a 2,000-row batch is inside the transaction before the bad row is met.
		const rows = Array.from({ length: 2500 }, (_, i) => valid(`AON-${String(i).padStart(5, '0')}`));
		rows.push(valid('AON-BAD', { type: '表扬' }));
		const file = await writeFile('utf-8', rows);
		const before = { orders: await countOrders(), events: await countEvents() };
		const { imp } = await analyse(file);
		await commitImport(t.db, imp, file, 'all_or_nothing', actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'failed', written_rows: 0 });
		expect(await reportOf(imp.id)).toEqual({ fileError: 'import_has_errors', line: null });
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it.each(FORMATS)('valid_only writes exactly the valid rows, each with its receive event (%s)', async (format) => {
		const p = `VO${CODE[format]}`;
		const { imp, row } = await commit(await writeFile(format, mixedRows(p)), 'valid_only');
		expect(row).toMatchObject({ status: 'committed', mode: 'valid_only', written_rows: 3, new_rows: 3, error_rows: 6 });
		const stored = await orders(p);
		expect(stored.map((o) => o.order_no)).toEqual([`${p}-001`, `${p}-002`, `${p}-003`]);
		for (const o of stored) {
			expect(o).toMatchObject({ origin: 'file', import_id: imp.id, status: 'received', citizen_name: '欧阳娜娜', phone: '13812345678', address: '古美路 1000 弄 3 号' });
		}
		expect(stored.map((o) => o.content)).toEqual(['楼道堆物，影响通行', '楼道堆物，影响通行', '夜间施工噪音，已持续一周']);
		expect(stored[0].received_at).toBe(at('2026-09-28 09:15'));
		const events = await t.db.selectFrom('hotline_events').selectAll().where('order_id', 'in', stored.map((o) => o.id)).execute();
		expect(events.map((e) => [e.action, e.actor_id])).toEqual(stored.map(() => ['receive', actorId]));
	});

	it('the four formats of one file give identical orders (decoding and XLSX cells agree)', async () => {
		const pick = (o: Awaited<ReturnType<typeof orders>>[number]) => {
			// Every field is a column; the fingerprint hashes the 工单号 too, so it differs by design.
			const { id: _id, order_no, import_id: _imp, fingerprint: _fp, ...rest } = o;
			return { ...rest, order_no: order_no.replace(/^VO[A-Z0-9]+-/, '') };
		};
		const byFormat = await Promise.all(FORMATS.map(async (f) => (await orders(`VO${CODE[f]}`)).map(pick)));
		expect(byFormat[0]).toHaveLength(3);
		for (const other of byFormat.slice(1)) expect(other).toEqual(byFormat[0]);
	});

	it('re-importing the same file: 0 new, all same, nothing written twice', async () => {
		const file = await writeFile('gb18030', mixedRows('RI'));
		await commit(file, 'valid_only');
		const before = { rows: await orders('RI'), orders: await countOrders(), events: await countEvents() };
		const again = await commit(file, 'valid_only');
		expect(again.row).toMatchObject({ status: 'committed', valid_rows: 3, new_rows: 0, same_rows: 3, changed_rows: 0, written_rows: 0 });
		expect({ rows: await orders('RI'), orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it('an import whose content changed for one order: reported as changed, the stored order is not overwritten', async () => {
		const rows = [valid('CH-001'), valid('CH-002'), valid('CH-003')];
		await commit(await writeFile('xlsx', rows), 'all_or_nothing');
		const before = await orders('CH');
		expect(before).toHaveLength(3);

		rows[1] = valid('CH-002', { content: '问题仍未解决，再次反映' });
		rows.push(valid('CH-004'));
		const file = await writeFile('utf-8-bom', rows);
		const { imp, row, report } = await analyse(file);
		expect(row).toMatchObject({ status: 'previewed', valid_rows: 4, new_rows: 1, same_rows: 2, changed_rows: 1 });
		expect(report.changed).toEqual(['CH-002']);
		await commitImport(t.db, imp, file, 'all_or_nothing', actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'committed', written_rows: 1 });
		const after = await orders('CH');
		expect(after.slice(0, 3)).toEqual(before);
		expect(after[1].content).toBe('楼道堆物，影响通行');
		expect(after[3].order_no).toBe('CH-004');
	});

	it('a file that fails on commit (deleted meanwhile) marks the import failed and writes nothing', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const file = await writeFile('utf-8', [valid('GONE-001')]);
		const { imp } = await analyse(file);
		fs.rmSync(file);
		await commitImport(t.db, imp, file, 'valid_only', actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'failed' });
		expect(await reportOf(imp.id)).toMatchObject({ fileError: 'internal' });
		expect(await orders('GONE')).toEqual([]);
		expect(logged).toHaveBeenCalledOnce();
		logged.mockRestore();
	});
});

describe('the upload path (startImport → startCommit), as the import page uses it', () => {
	async function settle(id: number, from: string) {
		for (let i = 0; i < 200; i++) {
			const r = await importRow(id);
			if (r.status !== from) return r;
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		throw new Error(`import ${id} still ${from}`);
	}

	it('stores the upload in IMPORT_DIR, analyses it, refuses all_or_nothing with errors, commits valid_only', async () => {
		process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db'); // startCommit writes on its own connection
		const bytes = fs.readFileSync(await writeFile('xlsx', mixedRows('UP')));
		const started = await startImport(t.db, new File([bytes], '工单导出.xlsx'), actorId, NOW);
		if (!started.ok) throw new Error(started.code);
		expect(fs.existsSync(importFilePath(started.id, 'xlsx'))).toBe(true);
		expect(importFilePath(started.id, 'xlsx').startsWith(path.join(tmp.dir, 'imports'))).toBe(true);
		expect(await settle(started.id, 'analysing')).toMatchObject({ status: 'previewed', file_name: '工单导出.xlsx', valid_rows: 3, error_rows: 6 });

		expect(await startCommit(t.db, started.id, 'all_or_nothing', actorId, NOW)).toEqual({ ok: false, code: 'import_has_errors' });
		expect(await startCommit(t.db, started.id, 'valid_only', actorId, NOW)).toEqual({ ok: true });
		expect(await startCommit(t.db, started.id, 'valid_only', actorId, NOW)).toEqual({ ok: false, code: 'not_allowed_in_state' });
		expect(await settle(started.id, 'committing')).toMatchObject({ status: 'committed', written_rows: 3 });
		expect((await orders('UP')).map((o) => o.order_no)).toEqual(['UP-001', 'UP-002', 'UP-003']);
	});

	it('refuses a file that is not CSV/XLSX and one over the size limit before storing anything', async () => {
		expect(await startImport(t.db, new File([Uint8Array.of(0x25, 0x50, 0x44, 0x46, 0x2d)], 'a.csv'), actorId, NOW)).toEqual({ ok: false, code: 'not_csv_or_xlsx' });
		const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.csv');
		expect(await startImport(t.db, big, actorId, NOW)).toEqual({ ok: false, code: 'file_too_large' });
	});
});
